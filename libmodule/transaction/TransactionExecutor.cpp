#include "libmodule/transaction/TransactionExecutor.hpp"
#include "common/SourceDate.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "common/Error.hpp"
#include "common/FaultPoint.hpp"
#include "common/Interrupt.hpp"
#include "common/Secrets.hpp"
#include "libmodule/base/SystemRepo.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/rpm/RpmDb.hpp"
#include "libmodule/rpm/RpmHeader.hpp"
#include "libmodule/rpm/TransactionOrder.hpp"
#include "libmodule/transaction/FileFilter.hpp"
#include "libmodule/transaction/InstalledFileOwners.hpp"
#include "libmodule/transaction/Journal.hpp"
#include "libmodule/transaction/PackagePaths.hpp"
#include "libmodule/transaction/PayloadNameChecks.hpp"
#include "libmodule/transaction/PayloadUnpacker.hpp"
#include "libmodule/transaction/PreparedRpmDbWrite.hpp"
#include "libmodule/transaction/RootPath.hpp"
#include "libmodule/transaction/ScriptletRunner.hpp"
#include "libmodule/trust/PackageTrust.hpp"
#include "repodata/Checksum.hpp"
#include "solv/Queue.hpp"

namespace mpm::transaction {

namespace {

// rpm's line between the two classes of file triggers (see fireFileTriggers).
constexpr uint32_t kHighFileTriggerPriority = 10000;  // TRIGGER_PRIORITY_BOUND in rpmtriggers.c

using rpm::ScriptletKind;
using solve::PlanStep;
using solve::StepKind;

std::string digestType(int algo) {
    switch (algo) {
        case 1:
            return "md5";
        case 2:
            return "sha1";
        case 9:
            return "sha384";
        case 10:
            return "sha512";
        case 11:
            return "sha224";
        default:
            return "sha256";
    }
}

// The digest of a file on disk as rpm records it; empty when it cannot be read.
std::string diskDigest(const std::string& hostPath, int algo) {
    try {
        return repodata::Checksum::ofFile(hostPath, digestType(algo));
    } catch (const std::exception&) {
        return {};
    }
}

// rpm's rule (rpmfilesCompare): a %ghost conflicts with nothing; otherwise the mode (the type
// included; two symbolic links may differ in it), the size of a file or link, the owner and the
// group, then the link's target or the file's digest must agree. Directories too: two packages
// may share one only with the same mode and owner.
bool conflicting(const rpm::FileRecord& a, const rpm::FileRecord& b) {
    if ((a.flags | b.flags) & rpm::fileflag::kGhost) return false;
    if (!(S_ISLNK(a.mode) && S_ISLNK(b.mode)) && a.mode != b.mode) return true;
    if ((S_ISLNK(a.mode) || S_ISREG(a.mode)) && a.size != b.size) return true;
    if (a.user != b.user || a.group != b.group) return true;
    if (S_ISLNK(a.mode)) return a.linkto != b.linkto;
    return S_ISREG(a.mode) && a.digest != b.digest;
}

// What differs between two conflicting entries beyond their content, for the message.
std::string difference(const rpm::FileRecord& theirs, const rpm::FileRecord& ours) {
    auto octal = [](uint32_t mode) {
        char out[8];
        std::snprintf(out, sizeof out, "%04o", mode & 07777);
        return std::string(out);
    };
    if ((theirs.mode & S_IFMT) == (ours.mode & S_IFMT) && theirs.mode != ours.mode &&
        !S_ISLNK(ours.mode))
        return " (mode " + octal(ours.mode) + " against " + octal(theirs.mode) + ")";
    if (theirs.user != ours.user || theirs.group != ours.group)
        return " (owner " + ours.user + ":" + ours.group + " against " + theirs.user + ":" +
               theirs.group + ")";
    return "";
}

// "file PATH of OURS conflicts with the file of THEIRS (mode 0711 against 0755)".
Error conflictError(const std::string& path, const rpm::FileRecord& ours,
                    const std::string& oursNevra, const rpm::FileRecord& theirs,
                    const std::string& theirsWho) {
    const std::string what = S_ISDIR(ours.mode) ? "directory" : "file";
    return Error(what + " " + path + " of " + oursNevra + " conflicts with the " + what + " of " +
                 theirsWho + difference(theirs, ours));
}

db::HistoryAction historyAction(StepKind kind) {
    switch (kind) {
        case StepKind::Install:
            return db::HistoryAction::Install;
        case StepKind::Upgrade:
            return db::HistoryAction::Upgrade;
        case StepKind::Downgrade:
            return db::HistoryAction::Downgrade;
        case StepKind::Reinstall:
            return db::HistoryAction::Reinstall;
        case StepKind::Remove:
            break;
    }
    return db::HistoryAction::Remove;
}

// One execution of a plan, phase by phase (see TransactionExecutor.hpp).
class Execution {
  public:
    Execution(base::Sack& sack, const solve::TransactionPlan& plan, const ExecuteOptions& options,
              std::vector<std::string>& warnings)
        : sack_(sack),
          plan_(plan),
          root_(sack.config().installroot),
          warnings_(warnings),
          leftOut_(options.nodocs || hasTsflag("nodocs"), sack.config().installroot),
          scriptsOff_(options.noscripts || hasTsflag("noscripts") || sack.config().foreignArch),
          scripts_(root_, scriptsOff_) {
        if (sack.config().foreignArch && !options.noscripts && !plan.steps.empty())
            warnings_.push_back("scriptlets were not run: the packages are for " +
                                sack.config().arch +
                                " (--forcearch), which this host cannot run "
                                "(no binfmt_misc emulator for it); run them in the system itself");
        commit_.record.cmdline = secrets::redact(options.cmdline);
        commit_.record.comment = options.comment;
        commit_.record.modules = plan.moduleChanges;
        commit_.record.groups = plan.groupChanges;
        commit_.record.groupsFromDnf = plan.groupsFromDnf;
        commit_.record.beginTime = recordedNow();
        commit_.root = root_;
        commit_.tid = static_cast<uint32_t>(commit_.record.beginTime);
        commit_.installTime = static_cast<uint32_t>(commit_.record.beginTime);
    }

    // Every package to install, read and checked before the database or the root is touched.
    // `checked`: headers verifySignatures read as it checked them (with their file), taken as
    // they are when the file is still the one to install.
    void readIncoming(const std::map<Id, std::string>& files,
                      std::map<Id, std::pair<std::string, rpm::RpmHeader>> checked) {
        // The checks keep pointers to the headers: incoming_ must not move them.
        incoming_.reserve(plan_.steps.size());
        PayloadNameChecks payloads;
        try {
            for (const auto& step : plan_.steps) {
                if (step.kind == StepKind::Remove) continue;
                auto it = files.find(step.package);
                if (it == files.end())
                    throw Error("internal: no file for " + sack_.package(step.package).nevra());
                auto known = checked.find(step.package);
                rpm::RpmHeader h = known != checked.end() && known->second.first == it->second
                                       ? std::move(known->second.second)
                                       : rpm::RpmHeader::read(it->second);
                const base::Package want = sack_.package(step.package);
                if (h.package.nevra() != want.nevra())
                    throw Error("package file " + it->second + " contains " + h.package.nevra() +
                                ", not " + want.nevra() + "; the repository is damaged");
                checkPackagePaths(h);
                incoming_.push_back({&step, std::move(h), it->second, {}});
                incoming_.back().stage.leftOut =
                    leftOut_.leftOutPaths(incoming_.back().header.package);
                payloads.add(it->second, &incoming_.back().header);
            }
        } catch (...) {
            payloads.finish();  // an earlier package's payload failing is the error to report
            throw;
        }
        payloads.finish();
    }

    // The order dnf adds a transaction's packages to rpm's: downgrades, reinstalls, installs,
    // upgrades, then removals, each in repository order (solvable ids).
    static bool dnfAddsBefore(const PlanStep& a, const PlanStep& b) {
        auto rank = [](StepKind k) {
            switch (k) {
                case StepKind::Downgrade:
                    return 0;
                case StepKind::Reinstall:
                    return 1;
                case StepKind::Install:
                    return 2;
                case StepKind::Upgrade:
                    return 3;
                case StepKind::Remove:
                    return 4;
            }
            return 4;
        };
        return std::pair(rank(a.kind), a.package) < std::pair(rank(b.kind), b.package);
    }

    // rpm's order for the leaving packages (their %preun and %postun), as dnf gets it: each
    // replaced package erased right after what replaces it (rpm's "u"), then the removals.
    std::vector<unsigned> departingOrder() const {
        std::vector<const PlanStep*> steps;
        for (const auto& step : plan_.steps) steps.push_back(&step);
        std::stable_sort(steps.begin(), steps.end(), [](const PlanStep* a, const PlanStep* b) {
            return dnfAddsBefore(*a, *b);
        });
        std::vector<unsigned> instances;
        auto add = [&](Id id) {
            const base::InstalledInfo* info = sack_.installedInfo(id);
            if (info && goingIds_.count(info->rpmdbId) &&
                std::find(instances.begin(), instances.end(), info->rpmdbId) == instances.end())
                instances.push_back(info->rpmdbId);
        };
        for (const PlanStep* step : steps) {
            for (Id id : step->replaces) add(id);
            if (step->kind == StepKind::Remove) add(step->package);
        }
        for (unsigned instance : goingIds_)
            if (std::find(instances.begin(), instances.end(), instance) == instances.end())
                instances.push_back(instance);
        std::vector<rpm::Hdr> headers;
        std::vector<Header> raw;
        for (unsigned instance : instances) {
            headers.push_back(rpmdb_->header(instance));
            // Gone meanwhile: readDeparting says so, in its words.
            if (!headers.back()) return instances;
            raw.push_back(headers.back().get());
        }
        std::vector<unsigned> out;
        for (size_t i : rpm::eraseOrder(raw)) out.push_back(instances[i]);
        return out;
    }

    // rpm's order for the incoming packages (the order their %pre, %post and triggers run in),
    // from librpm's own sort, given the packages as dnf gives them: downgrades, reinstalls,
    // installs, then upgrades, each in repository order.
    void orderIncoming() {
        if (incoming_.size() < 2) return;
        std::stable_sort(
            incoming_.begin(), incoming_.end(),
            [&](const Incoming& a, const Incoming& b) { return dnfAddsBefore(*a.step, *b.step); });
        std::vector<const std::string*> headers;
        for (const auto& in : incoming_) headers.push_back(&in.header.blob);
        std::vector<Incoming> ordered;
        for (size_t i : rpm::installOrder(headers)) ordered.push_back(std::move(incoming_[i]));
        incoming_ = std::move(ordered);
    }

    // What goes away (removed packages and the ones upgrades replace), with the files and
    // scriptlets their headers in the RPM database list.
    void readDeparting() {
        const std::string dbPath = base::rpmDbPath(sack_.config());
        rpm::RpmDb::checkWritable(root_, dbPath);
        rpmdb_ = rpm::RpmDb::openForReading(root_, dbPath);
        checkRpmDbUnchanged();
        std::set<unsigned> replacedIds;
        for (const auto& step : plan_.steps) {
            std::vector<Id> gone = step.replaces;
            if (step.kind == StepKind::Remove) gone.push_back(step.package);
            for (Id id : gone)
                if (const base::InstalledInfo* info = sack_.installedInfo(id))
                    goingIds_.insert(info->rpmdbId);
            for (Id id : step.replaces)
                if (const base::InstalledInfo* info = sack_.installedInfo(id))
                    replacedIds.insert(info->rpmdbId);
        }
        // Packages of each name once the new ones are in, before any is erased.
        std::map<std::string, int> sameName = namesakesWithIncoming();
        for (unsigned instance : departingOrder()) {
            const rpm::RpmHeader* pkg = installed(instance);
            if (!pkg)
                throw Error(
                    "the RPM database changed while mpm was working (another tool "
                    "removed a package this transaction replaces); nothing was changed; "
                    "run the command again");
            // (the last to leave owns a path: its files go with it)
            for (const auto& f : pkg->package.files) goingFiles_[f.path] = {f, departing_.size()};
            commit_.rpmdbErase.push_back(instance);
            const auto& p = pkg->package;
            commit_.record.removed.push_back({p.name, p.epoch, p.version, p.release, p.arch});
            // %preun/%postun get $1 = the packages of its name left once it is erased, as rpm
            // counts them then: the new ones are in by that time, those erased before are not
            // (1 for an upgrade, 0 for a removal or a package another name obsoletes, the
            // kernels that stay for one installonly_limit takes).
            const int left = sameName[p.name]-- - 1;
            Departing d{p.nevra(),    left,         replacedIds.count(instance) > 0,
                        std::nullopt, std::nullopt, &pkg->package};
            for (const auto& sc : p.scriptlets) {
                if (sc.kind == ScriptletKind::PreUn) d.preun = sc;
                if (sc.kind == ScriptletKind::PostUn) d.postun = sc;
            }
            departing_.push_back(std::move(d));
        }
    }

    // Between incoming packages, and with installed packages that stay.
    void checkFileConflicts() {
        for (const auto& in : incoming_)
            for (const auto& f : in.header.package.files) {
                if (in.stage.leftOut.count(f.path)) continue;
                auto [it, fresh] =
                    newFiles_.emplace(f.path, NewFile{&f, in.header.package.nevra()});
                if (fresh) continue;
                if (conflicting(*it->second.file, f))
                    throw conflictError(f.path, f, in.header.package.nevra(), *it->second.file,
                                        it->second.nevra);
                // what stands for the path is a real file rather than a %ghost
                if (it->second.file->flags & rpm::fileflag::kGhost)
                    it->second = NewFile{&f, in.header.package.nevra()};
            }
        // The owners of the paths that come, and of those that go (planRemovals), in one pass.
        std::vector<std::string> paths;
        for (const auto& [path, entry] : newFiles_) paths.push_back(path);
        for (const auto& [path, f] : goingFiles_)
            if (!newFiles_.count(path)) paths.push_back(path);
        owners_ = installedFileOwners(sack_, paths, [this](const std::string& path) {
            try {
                return paths_.resolve(path);
            } catch (const UnsafePathError&) {
                return std::string(1, '\0') + path;  // no place in the root: only itself
            }
        });
        for (const auto& [path, owners] : owners_) {
            auto coming = newFiles_.find(path);
            if (coming == newFiles_.end()) continue;
            const NewFile& entry = coming->second;
            for (const FileOwner& owner : owners) {
                if (goingIds_.count(owner.instance)) continue;
                const rpm::FileRecord* theirs = inPlaceFile(owner.instance, owner.path);
                if (!theirs || !conflicting(*theirs, *entry.file)) continue;
                const std::string theirsAt = owner.path == path ? "" : " (" + owner.path + ")";
                throw conflictError(
                    path, *entry.file, entry.nevra, *theirs,
                    "installed package " + installed(owner.instance)->package.nevra() + theirsAt);
            }
        }
    }

    // %config files the user changed are kept: left as they are when the package did not
    // change them (rpm's rule: the old and the new package ship the same file); otherwise,
    // with noreplace the new one is written as .rpmnew, without it the user's copy is saved as
    // .rpmsave.
    void planConfigFiles() {
        for (auto& in : incoming_)
            for (const auto& f : in.header.package.files) {
                if (!(f.flags & rpm::fileflag::kConfig) || S_ISDIR(f.mode) ||
                    (f.flags & rpm::fileflag::kGhost))
                    continue;
                const std::string host = paths_.resolve(f.path);
                const std::string onDisk = diskDigest(host, in.header.digestAlgo);
                if (onDisk.empty() || onDisk == f.digest) continue;
                auto old = goingFiles_.find(f.path);
                const bool userChanged =
                    old == goingFiles_.end() || old->second.record.digest != onDisk;
                if (!userChanged) continue;
                if (old != goingFiles_.end() && old->second.record.digest == f.digest) {
                    in.stage.keepOnDisk.insert(f.path);
                    continue;
                }
                if (f.flags & rpm::fileflag::kNoReplace) {
                    in.stage.asRpmnew.insert(f.path);
                    warnings_.push_back(f.path + " was changed locally; the new version is " +
                                        f.path + ".rpmnew");
                } else {
                    keepAsRpmsave(host, f.path);
                }
            }
    }

    // What the RPM database gets (the instances that leave, the headers that come in rpm's
    // order), handed to mpm-rpmdb-writer at once: its writes, the longest part of an install
    // (35 of 80 ms for 300 packages), then overlap the checks and plans that follow, not only
    // the staging. (In a root without a database it makes one only once the transaction is
    // journaled: stageAndCommit.)
    void beginRpmDbWrite() {
        for (const auto& in : incoming_) {
            const rpm::PackageRecord& p = in.header.package;
            RpmDbAdd add{{p.name, p.epoch, p.version, p.release, p.arch}, in.header.blob, {}};
            for (const auto& f : p.files)
                if (in.stage.leftOut.count(f.path)) add.notInstalled.push_back(f.path);
            commit_.rpmdbAdd.push_back(std::move(add));
        }
        if (commit_.rpmdbErase.empty() && commit_.rpmdbAdd.empty()) rpmdbWriter_.reset();
        if (!rpmdbWriter_) return;
        commit_.rpmDbMade = rpmdbWriter_->made();  // for the recovery's undoing
        // The writer reads only the database's part: encoded alone (moved out and back).
        CommitPlan part;
        part.rpmdbErase = commit_.rpmdbErase;
        part.rpmdbAdd = std::move(commit_.rpmdbAdd);
        part.tid = commit_.tid;
        part.installTime = commit_.installTime;
        const std::string encoded = part.encode();
        commit_.rpmdbAdd = std::move(part.rpmdbAdd);
        rpmdbWriter_->begin(encoded);
    }

    // Where every incoming file goes, and what the database and history will record.
    void planIncoming() {
        for (const auto& in : incoming_) {
            for (const auto& f : in.header.package.files) {
                if ((f.flags & rpm::fileflag::kGhost) || S_ISDIR(f.mode) ||
                    in.stage.leftOut.count(f.path))
                    continue;
                // Resolved without creating anything: staging creates directories, and undoes
                // them.
                if (in.stage.keepOnDisk.count(f.path)) continue;  // the user's file stays
                std::string host = paths_.resolve(f.path);
                if (in.stage.asRpmnew.count(f.path)) host += ".rpmnew";
                if (paths_.inExistingDirectory(f.path))
                    mayBeInTheWay_.push_back({host, &f, &in.header.package});
                commit_.renames.emplace_back(stagingPath(host), host);
            }
            const base::Package pkg = sack_.package(in.step->package);
            const rpm::PackageRecord& p = in.header.package;
            db::InstalledRow row;
            static_cast<db::PackageKey&>(row) = {p.name, p.epoch, p.version, p.release, p.arch};
            row.repo =
                sack_.localOrigin(pkg.id()).empty() ? pkg.repoId() : sack_.localOrigin(pkg.id());
            row.reason = in.step->reason;
            row.checksum =
                pkg.checksumType().empty() ? "" : pkg.checksumType() + ":" + pkg.checksum();
            commit_.record.history.push_back(
                {historyAction(in.step->kind), p.nevra(), row.repo, row.reason});
            commit_.record.added.push_back(std::move(row));
            // What it replaced, so that history can tell and undo can bring it back.
            for (Id r : in.step->replaces) recordGone(db::HistoryAction::Replaced, r);
        }
    }

    // A file is renamed into place after the point of no return, where a directory in its
    // way would stop the transaction half done: refused before it, once %pretrans and %pre
    // ran (a %pretrans may move the directory away, as Fedora's guidelines do when a
    // directory becomes a symlink), as rpm refuses it ("already exists as a directory"). In
    // a directory the transaction makes, nothing can be.
    void refuseDirectoriesInTheWay() const {
        for (const auto& [host, f, package] : mayBeInTheWay_) {
            struct stat st {};
            if (lstat(host.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
            throw Error("cannot install " + package->nevra() + ": " + f->path +
                        " is a directory in " + sack_.config().installroot +
                        ", where the package has " +
                        (S_ISLNK(f->mode) ? "a symbolic link" : "a file") +
                        "; move the directory away and run mpm again");
        }
    }

    // Files of departing packages that nothing new or staying owns are deleted (%ghost files
    // too, as rpm erases them); a %config file the user changed is kept as .rpmsave.
    void planRemovals() {
        std::vector<std::pair<size_t, std::string>> removals;  // (departing package, host path)
        // A directory that becomes a symlink: what the old package had below it is reached
        // through the new link once it is renamed into place (the new package's files), so
        // it is not unlinked, as rpm's fingerprints tell the same.
        std::unordered_set<std::string> newLinks;
        for (const auto& [path, entry] : newFiles_)
            if (S_ISLNK(entry.file->mode)) newLinks.insert(path);
        auto belowNewLink = [&](const std::string& path) {
            for (size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0;
                 slash = path.rfind('/', slash - 1))
                if (newLinks.count(path.substr(0, slash))) return true;
            return false;
        };
        for (const auto& [path, going] : goingFiles_) {
            const rpm::FileRecord& f = going.record;
            if (newFiles_.count(path)) continue;
            if (!newLinks.empty() && belowNewLink(path)) continue;
            // A file the leaving package never put there (left out, replaced) is not its to
            // delete, as rpm's erase leaves it.
            if (!S_ISDIR(f.mode) && !f.inPlace()) continue;
            bool ownedElsewhere = false;
            if (auto it = owners_.find(path); it != owners_.end())
                for (const FileOwner& owner : it->second)
                    ownedElsewhere = ownedElsewhere || (!goingIds_.count(owner.instance) &&
                                                        inPlaceFile(owner.instance, owner.path));
            if (ownedElsewhere) continue;
            std::string host;
            try {
                host = paths_.resolve(path);
            } catch (const UnsafePathError&) {
                continue;
            }
            if (S_ISDIR(f.mode)) {
                commit_.dirRemovals.push_back(host);
                continue;
            }
            if ((f.flags & rpm::fileflag::kConfig) && !diskDigest(host, 8).empty()) {
                const std::string onDisk = diskDigest(host, f.digest.size() == 32 ? 1 : 8);
                if (!onDisk.empty() && onDisk != f.digest) keepAsRpmsave(host, path);
            }
            removals.emplace_back(going.departing, host);
        }
        // Package by package in rpm's erase order, each package's %postun after its own files
        // (an interpreter that leaves too is still there for those before it).
        std::stable_sort(removals.begin(), removals.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        removalEnds_.assign(departing_.size(), 0);
        for (const auto& [owner, host] : removals) {
            commit_.removals.push_back(host);
            ++removalEnds_[owner];
        }
        std::partial_sum(removalEnds_.begin(), removalEnds_.end(), removalEnds_.begin());
        std::sort(commit_.dirRemovals.begin(), commit_.dirRemovals.end(),
                  [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
        for (const auto& step : plan_.steps)
            if (step.kind == StepKind::Remove) recordGone(db::HistoryAction::Remove, step.package);
    }

    // Stages everything under the journal and runs the scriptlets that may still refuse; then
    // commits. Returns the history id.
    int64_t stageAndCommit() {
        // The RPM database is written on the other core while this one journals and stages the
        // payloads (the writer started with the transaction, and began: beginRpmDbWrite).
        const std::string encoded = commit_.encode();
        throwIfInterrupted("planning the transaction");  // before anything is made
        auto store = db::InstalledDb::openForWriting(sack_.config().persistDir());
        store->checkIntact();
        Journal journal(*store, root_, base::rpmDbPath(sack_.config()));
        const int64_t jid = journal.begin(encoded);
        if (rpmdbWriter_) rpmdbWriter_->journaled();
        PayloadUnpacker unpacker(root_);
        if (hasTsflag("nocaps")) unpacker.withoutCapabilities();
        std::vector<StagedFile> staged;
        try {
            stage(unpacker, staged);
            runRefusableScriptlets();
            refuseDirectoriesInTheWay();
            if (rpmdbWriter_ && !rpmdbWriter_->awaitPrepared()) rpmdbWriter_.reset();
            throwIfInterrupted("unpacking packages");  // the last moment a cancel is clean
        } catch (...) {
            PayloadUnpacker::discard(staged);
            rpmdbWriter_.reset();  // its writes are discarded (after the staged files: the
                                   // directories a fresh root's database needed go last)
            journal.abandon(jid, commit_);
            refusedBeforeCommit_ = true;
            throw;
        }
        // Past this point Ctrl-C waits until the transaction is recorded.
        HoldInterrupts hold;
        faultPoint("staged");
        // The point of no return: from here the next run completes what this one does not.
        if (rpmdbWriter_) rpmdbWriter_->pointOfNoReturn();
        journal.markCommitting(jid);
        // rpm's order: new files, %post of the new, %preun of the replaced, then for each
        // leaving package its files go and its %postun runs.
        const Journal::RemovalSteps postun{
            removalEnds_, [&](size_t g) {
                const Departing& d = departing_[g];
                fireFileTriggers(*d.record, ScriptletKind::FileTriggerPostUn, true);
                scripts_.run(d.nevra, optional(d.postun), d.remaining);
                fireTriggers(*d.record, ScriptletKind::TriggerPostUn, true, true);
                fireFileTriggers(*d.record, ScriptletKind::FileTriggerPostUn, false);
            }};
        const int64_t tid = journal.commit(
            jid, commit_, [&] { runScriptletsAfterRenames(unpacker); },
            rpmdbWriter_ ? &*rpmdbWriter_ : nullptr, &postun);
        for (const auto& w : unpacker.warnings()) warnings_.push_back(w);
        for (const auto& in : incoming_)
            scripts_.run(in.header.package.nevra(),
                         in.header.package.scriptlet(ScriptletKind::PostTrans), in.instances);
        fireTransFileTriggersAtEnd();
        for (const auto& w : scripts_.warnings()) warnings_.push_back(w);
        return tid;
    }

    // Starts mpm-rpmdb-writer, which loads librpm meanwhile and waits for the plan.
    void startRpmDbWriter() {
        const std::string rpmDbPath = base::rpmDbPath(sack_.config());
        if (plan_.steps.empty() || !PreparedRpmDbWrite::possible(root_, rpmDbPath)) return;
        try {
            rpmdbWriter_.emplace(root_, rpmDbPath);
        } catch (const Error&) {
            // No process to be had (a process limit): the journal writes it in-process.
        }
    }

    // Whether stageAndCommit failed before the commit (nothing was changed).
    bool refusedBeforeCommit() const { return refusedBeforeCommit_; }

  private:
    struct Incoming {
        const PlanStep* step;
        rpm::RpmHeader header;
        std::string file;
        StageOptions stage;
        // rpm's $1: the packages of its name once it is in (those it replaces are erased
        // after it): 1 when new, 2 for an upgrade, one more than the kernels installed for a
        // new kernel (readDeparting counts them).
        int instances = 1;
    };
    struct Departing {
        std::string nevra;
        int remaining;  // rpm's $1
        bool replaced;  // by a package the transaction brings (its %preun cannot refuse)
        std::optional<rpm::Scriptlet> preun, postun;
        const rpm::PackageRecord* record = nullptr;  // in installed_, for its triggers
    };
    struct NewFile {
        const rpm::FileRecord* file;
        std::string nevra;
    };

    bool hasTsflag(const char* flag) const {
        const auto& flags = sack_.config().main.tsflags;
        return std::count(flags.begin(), flags.end(), flag) > 0;
    }
    static const rpm::Scriptlet* optional(const std::optional<rpm::Scriptlet>& s) {
        return s ? &*s : nullptr;
    }
    // Installed packages of each name, and the incoming ones counted in, in order (each
    // incoming package's $1 set on the way).
    std::map<std::string, int> namesakesWithIncoming() {
        std::map<std::string, int> count;
        ::Pool* pool = sack_.raw();
        if (pool->installed) {
            Id p;
            ::Solvable* s;
            FOR_REPO_SOLVABLES(pool->installed, p, s) {
                ++count[pool_id2str(pool, s->name)];
            }
        }
        for (auto& in : incoming_) in.instances = ++count[in.header.package.name];
        return count;
    }

    // A user's changed %config file is kept as .rpmsave: a hard link made while staging (the
    // original stays where it is until the commit replaces or removes it), undone on rollback.
    void keepAsRpmsave(const std::string& host, const std::string& path) {
        saveCopies_.emplace_back(host, host + ".rpmsave");
        commit_.stagedExtras.push_back(host + ".rpmsave");
        warnings_.push_back(path + " was changed locally; it was saved as " + path + ".rpmsave");
    }

    void recordGone(db::HistoryAction action, Id installed) {
        const base::InstalledInfo* info = sack_.installedInfo(installed);
        commit_.record.history.push_back({action, sack_.package(installed).nevra(),
                                          info ? info->fromRepo : "",
                                          info ? info->reason : db::InstallReason::User});
    }

    void stage(PayloadUnpacker& unpacker, std::vector<StagedFile>& staged) {
        for (const auto& [from, to] : saveCopies_) {
            unlink(to.c_str());
            if (link(from.c_str(), to.c_str()) != 0)
                throw Error("cannot keep " + from + " as " + to + ": " + std::strerror(errno));
        }
        for (const auto& in : incoming_) {
            auto more = unpacker.stage(in.file, in.header, in.stage);
            staged.insert(staged.end(), more.begin(), more.end());
            faultPoint("staging");
            throwIfInterrupted("unpacking packages");
        }
    }

    void runRefusableScriptlets() {
        // As in rpm, %pretrans runs before anything is installed (a missing shell is reported).
        for (const auto& in : incoming_)
            scripts_.run(in.header.package.nevra(),
                         in.header.package.scriptlet(ScriptletKind::PreTrans), in.instances);
        // A %pre whose interpreter this transaction brings (a fresh root), or whose package
        // needs one this transaction brings before its %pre (Requires(pre): useradd's package
        // for a %pre that adds a user), cannot run before the files are in place; it runs
        // right after them, before any %post, as rpm would have run it after that package.
        snapshotStaying();
        fireTransFileTriggersUn();
        const Movers moving = movers();
        sack_.indexProvides();  // needsArrivingFirst matches prerequisites by provides
        for (const auto& in : incoming_) {
            fireTriggers(in.header.package, ScriptletKind::TriggerPreIn, false, false);
            const rpm::Scriptlet* pre = in.header.package.scriptlet(ScriptletKind::Pre);
            if (scripts_.interpreterPresent(pre) && !needsArrivingFirst(*in.step, moving))
                scripts_.run(in.header.package.nevra(), pre, in.instances);
            else
                deferredPre_.push_back(&in);
        }
        // A package that is removed (not replaced) may still refuse in its %preun.
        for (const auto& d : departing_)
            if (!d.replaced) {
                fireFileTriggers(*d.record, ScriptletKind::FileTriggerUn, true);
                fireTriggers(*d.record, ScriptletKind::TriggerUn, true, false);
                scripts_.run(d.nevra, optional(d.preun), d.remaining);
                fireFileTriggers(*d.record, ScriptletKind::FileTriggerUn, false);
            }
    }

    // The plan's packages that arrive, and the installed ones that leave.
    struct Movers {
        std::set<Id> arriving, leaving;
    };
    Movers movers() const {
        Movers m;
        for (const auto& s : plan_.steps) {
            (s.kind == StepKind::Remove ? m.leaving : m.arriving).insert(s.package);
            m.leaving.insert(s.replaces.begin(), s.replaces.end());
        }
        return m;
    }

    // Whether the package has a prerequisite (Requires(pre), Requires(post), PreReq) that
    // only a package this transaction installs provides.
    bool needsArrivingFirst(const PlanStep& step, const Movers& movers) const {
        ::Pool* pool = sack_.raw();
        solv::Queue prereqs;
        // marker 1: the requires after libsolv's prerequisite marker only
        solvable_lookup_deparray(pool_id2solvable(pool, step.package), SOLVABLE_REQUIRES,
                                 prereqs.raw(), 1);
        for (Id dep : prereqs) {
            bool staying = false, brought = false;
            Id p, pp;
            FOR_PROVIDES(p, pp, dep) {
                if (p == step.package) continue;
                staying = staying || (sack_.isInstalled(p) && !movers.leaving.count(p));
                brought = brought || movers.arriving.count(p);
            }
            if (brought && !staying) return true;
        }
        return false;
    }

    // Past the point of no return a failing scriptlet is reported, never a reason to stop.
    void runReportingOnly(const std::string& nevra, const rpm::Scriptlet* script, int arg1,
                          int arg2 = -1, const std::string& cause = {}) {
        try {
            scripts_.run(nevra, script, arg1, arg2, cause);
        } catch (const Error& e) {
            warnings_.push_back(e.what());
        }
    }

    void runScriptletsAfterRenames(PayloadUnpacker& unpacker) {
        for (const Incoming* in : deferredPre_)
            runReportingOnly(in->header.package.nevra(),
                             in->header.package.scriptlet(ScriptletKind::Pre), in->instances);
        // Owners a %pre added (the users of a service), before any %post uses the files.
        unpacker.settle();
        // rpm's order per package: file triggers of high priority, %post, the triggers it sets
        // off, its own, file triggers of low priority.
        for (const auto& in : incoming_) {
            fireFileTriggers(in.header.package, ScriptletKind::FileTriggerIn, true);
            scripts_.run(in.header.package.nevra(),
                         in.header.package.scriptlet(ScriptletKind::Post), in.instances);
            fireTriggers(in.header.package, ScriptletKind::TriggerIn, true, true);
            fireFileTriggers(in.header.package, ScriptletKind::FileTriggerIn, false);
        }
        for (const auto& d : departing_)
            if (d.replaced) {
                fireFileTriggers(*d.record, ScriptletKind::FileTriggerUn, true);
                fireTriggers(*d.record, ScriptletKind::TriggerUn, true, true);
                runReportingOnly(d.nevra, optional(d.preun), d.remaining);
                fireFileTriggers(*d.record, ScriptletKind::FileTriggerUn, false);
            }
    }

    // rpm's classic triggers (%triggerprein, %triggerin, %triggerun, %triggerpostun) around
    // package `p` arriving or leaving: those of installed packages (and of arriving ones, for
    // %triggerin) that watch p, then p's own that installed packages set off (for %triggerun
    // the other way round), with rpm's arguments: $1 the instances of the script's package,
    // $2 those of the package that set it off, both as the database counts them at that point.
    // `afterInstalls`: the arriving packages are counted (rpm installs before it erases).
    void fireTriggers(const rpm::PackageRecord& p, ScriptletKind kind, bool afterInstalls,
                      bool reportingOnly) {
        if (triggersOff()) return;
        const bool leaving =
            kind == ScriptletKind::TriggerUn || kind == ScriptletKind::TriggerPostUn;
        // As the database counts: what was installed before (a leaving package still is while
        // its triggers run; $2 counts it out) and the arriving packages once they are in.
        const int correction = leaving ? -1 : 0;
        auto count = [&](const std::string& name) {
            int n = installedBefore(name);
            if (afterInstalls)
                for (const auto& in : incoming_) n += in.header.package.name == name;
            return n;
        };
        auto run = [&](const std::string& owner, const rpm::Scriptlet& script, int arg1, int arg2,
                       const std::string& cause) {
            if (reportingOnly)
                runReportingOnly(owner, &script, arg1, arg2, cause);
            else
                scripts_.run(owner, &script, arg1, arg2, cause);
        };
        // Others' triggers on p: one script per watching package (rpm stops at its first
        // matching entry).
        auto others = [&] {
            const std::string evr = p.evr();
            auto watch = [&](const rpm::PackageRecord& t) {
                for (const auto& trig : t.triggers)
                    if (trig.script.kind == kind && triggerMatches(trig, p.name, evr)) {
                        run(t.nevra(), trig.script, count(t.name), count(p.name) + correction,
                            p.nevra());
                        return;
                    }
            };
            // Installed watchers as loaded before the commit (the handle sees what the
            // commit adds).
            for (unsigned i : rpmdb_ ? rpmdb_->triggeredBy(p.name) : std::vector<unsigned>{})
                if (stayingIds_.count(i))
                    if (const rpm::RpmHeader* h = installed(i)) watch(h->package);
            // Arriving watchers: those in before p for %triggerin; for a leaving package all of
            // them (rpm installs before it erases: A-2's "%triggerun -- A < 2" on A-1).
            if (kind == ScriptletKind::TriggerIn || kind == ScriptletKind::TriggerPreIn)
                for (const rpm::PackageRecord* in : arrivedBefore(p)) watch(*in);
            if (leaving)
                for (const auto& in : incoming_) watch(in.header.package);
        };
        // p's own triggers that installed packages set off: each script once.
        auto own = [&] {
            std::set<int> ran;
            for (const auto& trig : p.triggers) {
                if (trig.script.kind != kind || ran.count(trig.index)) continue;
                // Before any removal, packages that leave are still installed (rpm's
                // %triggerun of a watcher removed with its target runs).
                for (unsigned i : installedNamed(trig.target)) {
                    const bool there = stayingIds_.count(i) ||
                                       (kind == ScriptletKind::TriggerUn && goingIds_.count(i));
                    const rpm::RpmHeader* s = there ? installed(i) : nullptr;
                    if (!s || !triggerMatches(trig, s->package.name, s->package.evr())) continue;
                    run(p.nevra(), trig.script, count(p.name) + correction, count(trig.target),
                        s->package.nevra());
                    ran.insert(trig.index);
                    break;
                }
                if (kind == ScriptletKind::TriggerIn && !ran.count(trig.index))
                    for (const rpm::PackageRecord* s : arrivedBefore(p))
                        if (triggerMatches(trig, s->name, s->evr())) {
                            run(p.nevra(), trig.script, count(p.name), count(trig.target),
                                s->nevra());
                            ran.insert(trig.index);
                            break;
                        }
            }
        };
        // rpm's order: a leaving package's own %triggerun first; its own %triggerpostun do not
        // run (it is gone).
        if (kind == ScriptletKind::TriggerUn) {
            own();
            others();
        } else {
            others();
            if (kind != ScriptletKind::TriggerPostUn) own();
        }
    }

    // Instances of a name installed before this transaction (@System as loaded: the RPM
    // database changes at the commit, some triggers run after it).
    int installedBefore(const std::string& name) const {
        ::Pool* pool = sack_.raw();
        const Id id = pool_str2id(pool, name.c_str(), 0);
        int n = 0;
        if (id)
            for (const auto& [p, info] : sack_.installedInfos())
                n += pool_id2solvable(pool, p)->name == id;
        return n;
    }

    // --- File triggers (rpm 4.18's rules, as dnf shows them) -------------------------------
    // Their scripts get $1 = 0 and the matching paths on standard input.

    // The packages that stay, as the RPM database holds them before the commit (the instances
    // @System loaded, which checkRpmDbUnchanged found still there).
    void snapshotStaying() {
        if (!rpmdb_) return;
        for (const auto& [id, info] : sack_.installedInfos())
            if (!goingIds_.count(info.rpmdbId)) stayingIds_.insert(info.rpmdbId);
        for (unsigned i : rpmdb_->fileTriggerOwners())
            if (stayingIds_.count(i))
                if (const rpm::RpmHeader* h = installed(i)) stayingOwners_.push_back(&h->package);
    }

    // Triggers and file triggers alike: off with the scriptlets, or with tsflags=notriggers.
    bool triggersOff() const { return scriptsOff_ || hasTsflag("notriggers"); }

    // The arriving packages rpm would have installed before p (mpm's order is rpm's install
    // order): their triggers and files count for p, the later ones do not yet.
    std::vector<const rpm::PackageRecord*> arrivedBefore(const rpm::PackageRecord& p) const {
        std::vector<const rpm::PackageRecord*> out;
        for (const auto& in : incoming_) {
            if (&in.header.package == &p) break;
            out.push_back(&in.header.package);
        }
        return out;
    }

    static std::vector<std::string> matching(const rpm::FileTrigger& t,
                                             const rpm::PackageRecord& p) {
        std::vector<std::string> out;
        addMatching(out, t, p);
        return out;
    }
    static void addMatching(std::vector<std::string>& paths, const rpm::FileTrigger& t,
                            const rpm::PackageRecord& p) {
        for (const auto& f : p.files)
            if (t.matches(f.path)) paths.push_back(f.path);
    }

    // One run of a file trigger: reported, never a reason to stop (rpm's rule).
    void runFileTrigger(const rpm::PackageRecord& owner, const rpm::FileTrigger& t,
                        std::vector<std::string> paths, bool withInput) {
        std::sort(paths.begin(), paths.end());
        paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
        try {
            if (withInput)
                scripts_.runWithInput(owner.nevra(), &t.script, 0, paths);
            else
                scripts_.run(owner.nevra(), &t.script, 0);
        } catch (const Error& e) {
            warnings_.push_back(e.what());
        }
    }

    // A package's own files set off the file triggers of the packages that are installed (and
    // of the arriving ones, and of itself); an arriving package's own %filetriggerin runs once
    // for what is installed already, a leaving package's own %filetriggerun for everything.
    // rpm runs file triggers of priority 10000 and more before the package's own scriptlet
    // of that moment (%post, %preun, %postun), the others after it: `high` says which class.
    void fireFileTriggers(const rpm::PackageRecord& p, ScriptletKind kind, bool high) {
        if (triggersOff()) return;
        auto inClass = [&](const rpm::FileTrigger& t) {
            return (t.priority >= kHighFileTriggerPriority) == high;
        };
        struct Run {
            const rpm::PackageRecord* owner;
            const rpm::FileTrigger* trigger;
            std::vector<std::string> paths;
        };
        std::vector<Run> runs;
        std::vector<const rpm::PackageRecord*> owners = stayingOwners_;
        if (kind == ScriptletKind::FileTriggerIn)
            for (const rpm::PackageRecord* in : arrivedBefore(p))
                if (!in->fileTriggers.empty()) owners.push_back(in);
        owners.push_back(&p);
        // A package leaving as another version arrives: only the files that really go (a path
        // the new version has too stays).
        auto leaving = [&](const rpm::FileTrigger& t) {
            auto paths = matching(t, p);
            if (kind != ScriptletKind::FileTriggerIn)
                std::erase_if(paths, [&](const std::string& f) { return newFiles_.count(f) > 0; });
            return paths;
        };
        for (const rpm::PackageRecord* owner : owners)
            for (const auto& t : owner->fileTriggers)
                if (t.script.kind == kind && inClass(t))
                    if (auto paths = leaving(t); !paths.empty())
                        runs.push_back({owner, &t, std::move(paths)});
        std::stable_sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) {
            return a.trigger->priority > b.trigger->priority;
        });
        auto immediate = [&] {
            for (const auto& t : p.fileTriggers) {
                if (t.script.kind != kind || kind == ScriptletKind::FileTriggerPostUn ||
                    !inClass(t))
                    continue;
                auto paths = stayingFilesMatching(t);
                // What arrived before p is installed by now.
                if (kind == ScriptletKind::FileTriggerIn)
                    for (const rpm::PackageRecord* in : arrivedBefore(p))
                        addMatching(paths, t, *in);
                // Before a removal every leaving package's files are still there (its own too).
                if (kind == ScriptletKind::FileTriggerUn)
                    for (const auto& d : departing_) addMatching(paths, t, *d.record);
                if (!paths.empty()) runFileTrigger(p, t, std::move(paths), true);
            }
        };
        if (kind == ScriptletKind::FileTriggerUn) immediate();
        for (auto& r : runs) runFileTrigger(*r.owner, *r.trigger, std::move(r.paths), true);
        if (kind == ScriptletKind::FileTriggerIn) immediate();
    }

    // Once per transaction, before the packages that leave go: the %transfiletriggerun of the
    // installed packages their files set off, then those of the leaving packages themselves
    // (for every matching file of the system).
    void fireTransFileTriggersUn() {
        if (triggersOff() || departing_.empty()) return;
        for (const rpm::PackageRecord* owner : stayingOwners_)
            for (const auto& t : owner->fileTriggers) {
                if (t.script.kind != ScriptletKind::TransFileTriggerUn) continue;
                std::vector<std::string> paths;
                for (const auto& d : departing_) addMatching(paths, t, *d.record);
                if (!paths.empty()) runFileTrigger(*owner, t, std::move(paths), true);
            }
        for (const auto& d : departing_)
            for (const auto& t : d.record->fileTriggers) {
                if (t.script.kind != ScriptletKind::TransFileTriggerUn) continue;
                auto paths = stayingFilesMatching(t);
                for (const auto& other : departing_) addMatching(paths, t, *other.record);
                if (!paths.empty()) runFileTrigger(*d.record, t, std::move(paths), true);
            }
    }

    // Once per transaction, at its end: %transfiletriggerin of the installed and arriving
    // packages the arriving files set off (an arriving package's own, for every matching file
    // of the system), then %transfiletriggerpostun of the installed packages the leaving files
    // set off (no paths: they are gone).
    void fireTransFileTriggersAtEnd() {
        if (triggersOff()) return;
        auto arriving = [&](const rpm::FileTrigger& t, std::vector<std::string> paths = {}) {
            for (const auto& in : incoming_) addMatching(paths, t, in.header.package);
            return paths;
        };
        for (const rpm::PackageRecord* owner : stayingOwners_)
            for (const auto& t : owner->fileTriggers)
                if (t.script.kind == ScriptletKind::TransFileTriggerIn)
                    if (auto paths = arriving(t); !paths.empty())
                        runFileTrigger(*owner, t, std::move(paths), true);
        for (const auto& in : incoming_)
            for (const auto& t : in.header.package.fileTriggers) {
                if (t.script.kind != ScriptletKind::TransFileTriggerIn) continue;
                auto paths = arriving(t, stayingFilesMatching(t));
                if (!paths.empty()) runFileTrigger(in.header.package, t, std::move(paths), true);
            }

        for (const rpm::PackageRecord* owner : stayingOwners_)
            for (const auto& t : owner->fileTriggers) {
                if (t.script.kind != ScriptletKind::TransFileTriggerPostUn) continue;
                const bool setOff = std::any_of(
                    departing_.begin(), departing_.end(),
                    [&](const Departing& d) { return !matching(t, *d.record).empty(); });
                if (setOff) runFileTrigger(*owner, t, {}, false);
            }
    }

    // Paths of the packages that stay that a file trigger watches: their file lists are read
    // from the RPM database once, and only when an own file trigger asks.
    std::vector<std::string> stayingFilesMatching(const rpm::FileTrigger& t) {
        if (!stayingFilesRead_ && rpmdb_) stayingFiles_ = rpmdb_->files(stayingIds_);
        stayingFilesRead_ = true;
        std::vector<std::string> out;
        for (const auto& f : stayingFiles_)
            if (t.matches(f)) out.push_back(f);
        return out;
    }

    std::vector<unsigned> installedNamed(const std::string& name) const {
        return rpmdb_ ? rpmdb_->named(name) : std::vector<unsigned>{};
    }

    // Another tool (rpm, dnf) may have installed or removed packages since mpm read @System
    // (the prompt can wait a long time): the plan is then about a system that is no more.
    void checkRpmDbUnchanged() const {
        std::set<unsigned> loaded;
        for (const auto& [id, info] : sack_.installedInfos()) loaded.insert(info.rpmdbId);
        const std::set<unsigned> now = rpmdb_ ? rpmdb_->packageInstances() : std::set<unsigned>{};
        if (now == loaded) return;
        // A package the index lists whose header cannot be read was never loaded: damage,
        // which running the command again would meet again.
        for (unsigned instance : now)
            if (!loaded.count(instance) && !rpmdb_->header(instance)) {
                const std::string db = base::rpmDbPath(sack_.config());
                throw Error("the RPM database (" + db + " in " + root_ +
                            ") holds a damaged package header (instance " +
                            std::to_string(instance) + "); nothing was changed; 'rpm --root " +
                            root_ + " --dbpath " + db +
                            " --rebuilddb' rebuilds it from what can be read");
            }
        throw Error(
            "the RPM database changed while mpm was working (another tool installed or "
            "removed packages); nothing was changed; run the command again");
    }

    // An installed package's header, read once; null when the RPM database has no such
    // instance (any more).
    const rpm::RpmHeader* installed(unsigned instance) {
        auto it = installed_.find(instance);
        if (it != installed_.end()) return &it->second;
        rpm::Hdr h = rpmdb_ ? rpmdb_->header(instance) : nullptr;
        if (!h) return nullptr;
        return &installed_.emplace(instance, rpm::RpmHeader::of(h.get())).first->second;
    }

    // An installed package's file at `path` when rpm put it in place (its file state), as
    // rpm's own file queries count owners: a copy it left out (--nodocs) or let another package
    // replace is nothing on disk. Null when it has none there. Each package's files indexed
    // once, for the conflicts and the removals alike.
    const rpm::FileRecord* inPlaceFile(unsigned owner, const std::string& path) {
        auto [it, fresh] = inPlace_.try_emplace(owner);
        if (fresh)
            if (const rpm::RpmHeader* h = installed(owner))
                for (const auto& f : h->package.files)
                    if (f.inPlace()) it->second.emplace(f.path, &f);  // (into installed_)
        const auto file = it->second.find(path);
        return file == it->second.end() ? nullptr : file->second;
    }

    base::Sack& sack_;
    std::unique_ptr<rpm::RpmDb> rpmdb_;  // read: what is installed
    // Destroyed before the reader above and after the members below: a committed writer
    // closes the database (its checkpoint) while they are freed (the plan, 300 headers: waiting
    // for it first cost an install 2%).
    std::optional<PreparedRpmDbWrite> rpmdbWriter_;
    std::map<unsigned, rpm::RpmHeader> installed_;
    // see inPlaceFile
    std::unordered_map<unsigned, std::unordered_map<std::string_view, const rpm::FileRecord*>>
        inPlace_;
    const solve::TransactionPlan& plan_;
    const std::string root_;
    RootResolver paths_{root_};
    std::vector<std::string>& warnings_;
    const FileFilter leftOut_;  // what rpm would leave out (--nodocs, %_install_langs)
    const bool scriptsOff_;
    ScriptletRunner scripts_;

    std::vector<Incoming> incoming_;
    std::vector<Departing> departing_;
    std::set<unsigned> goingIds_;  // rpmdb instances
    struct GoingFile {
        rpm::FileRecord record;  // as the RPM database has it
        size_t departing;        // its package in departing_ (the last of them to leave)
    };
    std::unordered_map<std::string, GoingFile> goingFiles_;  // path -> entry
    // Per departing_: the removals made once its files are gone.
    std::vector<size_t> removalEnds_;
    std::unordered_map<std::string, NewFile> newFiles_;  // path -> incoming entry
    struct MayBeInTheWay {
        std::string host;
        const rpm::FileRecord* file;
        const rpm::PackageRecord* package;
    };
    std::vector<MayBeInTheWay> mayBeInTheWay_;  // new files in directories that were there
    FileOwners owners_;  // installed owners of the paths that come or go (checkFileConflicts)
    std::vector<std::pair<std::string, std::string>> saveCopies_;  // user's file -> .rpmsave
    std::vector<const Incoming*> deferredPre_;
    std::set<unsigned> stayingIds_;                         // rpmdb instances that stay
    std::vector<const rpm::PackageRecord*> stayingOwners_;  // of those, with file triggers
    std::vector<std::string> stayingFiles_;                 // see stayingFilesMatching
    bool stayingFilesRead_ = false;
    bool refusedBeforeCommit_ = false;
    CommitPlan commit_;
};

}  // namespace

void TransactionExecutor::verifySignatures(const solve::TransactionPlan& plan,
                                           const std::map<Id, std::string>& files,
                                           trust::TrustedKeys& keys) {
    std::vector<trust::PackageToVerify> packages;
    std::vector<Id> ids;  // of `packages`
    for (const auto& step : plan.steps) {
        if (step.kind == StepKind::Remove) continue;
        auto file = files.find(step.package);
        if (file == files.end()) continue;
        const base::Package pkg = sack_.package(step.package);
        const bool local = !sack_.localFile(step.package).empty();
        const base::LoadedRepo* repo = local ? nullptr : sack_.repo(pkg.repoId());
        if (!local && !repo) continue;
        // A locked package is checked as its repository says, when that one is configured.
        const repodata::RepoConfig* config = repo ? repo->config : nullptr;
        if (local)
            for (const auto& r : sack_.config().repos)
                if (r.id == sack_.localOrigin(step.package)) config = &r;
        packages.push_back({pkg.nevra(), file->second, config, {}});
        ids.push_back(step.package);
    }
    trust::PackageTrust(sack_.config(), keys).verify(packages);
    for (size_t i = 0; i < packages.size(); ++i)
        if (packages[i].header)
            checkedHeaders_[ids[i]] = {packages[i].file, std::move(*packages[i].header)};
}

int64_t TransactionExecutor::execute(const solve::TransactionPlan& plan,
                                     const std::map<Id, std::string>& files,
                                     const ExecuteOptions& options) {
    auto checked = std::exchange(checkedHeaders_, {});
    Execution run(sack_, plan, options, warnings_);
    run.startRpmDbWriter();
    run.readIncoming(files, std::move(checked));
    run.orderIncoming();
    run.readDeparting();
    run.beginRpmDbWrite();
    faultPointAfter("rpmdb-begun", std::chrono::milliseconds(300));
    run.checkFileConflicts();
    run.planConfigFiles();
    run.planIncoming();
    run.planRemovals();
    // A refused transaction changes nothing, not even by leaving behind the database it had to
    // create for its journal (a fresh root). Only before the commit: after it, the journal in
    // that database is what completes the transaction.
    const std::string dbFile = db::InstalledDb::pathIn(sack_.config().persistDir());
    const bool freshDb = !std::filesystem::exists(dbFile);
    try {
        return run.stageAndCommit();
    } catch (...) {
        std::error_code ec;
        if (freshDb && run.refusedBeforeCommit())
            for (const char* suffix : {"", "-wal", "-shm", "-journal", ".made"})
                std::filesystem::remove(dbFile + suffix, ec);
        throw;
    }
}

void TransactionExecutor::markUserInstalled(const solve::TransactionPlan& plan) {
    markReason(plan.markUser, db::InstallReason::User);
}

void TransactionExecutor::markReason(const std::vector<Id>& packages, db::InstallReason reason) {
    std::vector<db::InstalledRow> rows;
    for (Id p : packages) {
        const base::Package pkg = sack_.package(p);
        db::InstalledRow row;
        static_cast<db::PackageKey&>(row) = {pkg.name(), std::stoll(pkg.epoch()), pkg.version(),
                                             pkg.release(), pkg.arch()};
        if (const base::InstalledInfo* info = sack_.installedInfo(p)) row.repo = info->fromRepo;
        row.reason = reason;
        rows.push_back(std::move(row));
    }
    if (rows.empty()) return;
    db::InstalledDb::openForWriting(sack_.config().persistDir())->markInstalled(rows);
}

void TransactionExecutor::recordModuleChanges(const solve::TransactionPlan& plan) {
    if (plan.moduleChanges.empty()) return;
    db::InstalledDb::openForWriting(sack_.config().persistDir())
        ->saveModuleStates(plan.moduleChanges);
}

void TransactionExecutor::recordGroupChanges(const solve::TransactionPlan& plan) {
    if (plan.groupChanges.empty()) return;
    db::InstalledDb::openForWriting(sack_.config().persistDir())
        ->saveGroupChanges(plan.groupChanges, plan.groupsFromDnf);
}

}  // namespace mpm::transaction
