#include "libmodule/TransactionExecutor.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <set>
#include <unordered_map>

#include "common/Error.hpp"
#include "common/Interrupt.hpp"
#include "libmodule/FaultPoint.hpp"
#include "libmodule/InstalledDb.hpp"
#include "libmodule/Journal.hpp"
#include "libmodule/PackagePaths.hpp"
#include "libmodule/PayloadUnpacker.hpp"
#include "libmodule/RootPath.hpp"
#include "libmodule/RpmHeader.hpp"
#include "libmodule/ScriptletRunner.hpp"
#include "repodata/Checksum.hpp"
#include "repodata/Downloader.hpp"

namespace fs = std::filesystem;

namespace mpm {

namespace {

int64_t now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

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

std::string diskDigest(const std::string& hostPath, int algo) {
    try {
        return repodata::Checksum::ofFile(hostPath, digestType(algo));
    } catch (const std::exception&) {
        return {};
    }
}

std::string fileUrl(const std::string& base, const std::string& location) {
    return base + (base.ends_with('/') ? "" : "/") + location;
}

}  // namespace

std::map<Id, std::string> TransactionExecutor::download(
    const TransactionPlan& plan, const std::string& dir,
    const repodata::DownloadProgress& progress) {
    std::map<Id, std::string> out;
    std::vector<repodata::DownloadRequest> requests;
    std::vector<Id> requested;
    repodata::MetadataCache cache(sack_.config().cacheDir(), 1);
    for (const auto& step : plan.steps) {
        if (step.kind == StepKind::Remove) continue;
        Package pkg = sack_.package(step.package);
        if (std::string local = sack_.localFile(step.package); !local.empty()) {
            out[step.package] = local;  // given on the command line
            continue;
        }
        const LoadedRepo* repo = sack_.repo(pkg.repoId());
        if (!repo) throw Error("package " + pkg.nevra() + " has no repository to download it from");
        const std::string name = fs::path(pkg.location()).filename().string();
        const std::string type = pkg.checksumType(), sum = pkg.checksum();
        // A local repository's file is used in place, once verified.
        if (dir.empty()) {
            for (const auto& base : repo->metadata.baseUrls) {
                if (!base.starts_with("file://")) continue;
                std::string local = fileUrl(base.substr(7), pkg.location());
                if (access(local.c_str(), R_OK) != 0) continue;
                if (!type.empty() && repodata::Checksum::ofFile(local, type) != sum)
                    throw Error("package " + local +
                                " does not match the checksum in the repository metadata (" + type +
                                "); the repository is damaged or out of sync");
                out[step.package] = local;
                break;
            }
            if (out.count(step.package)) continue;
        }
        const std::string destDir = dir.empty() ? cache.repoDir(*repo->config) + "/packages" : dir;
        const std::string dest = destDir + "/" + name;
        if (access(dest.c_str(), R_OK) == 0 && !type.empty() &&
            repodata::Checksum::ofFile(dest, type) == sum) {
            out[step.package] = dest;  // already in the cache
            continue;
        }
        repodata::DownloadRequest req;
        for (const auto& base : repo->metadata.baseUrls)
            req.urls.push_back(fileUrl(base, pkg.location()));
        req.dest = dest;
        req.checksumType = type;
        req.checksum = sum;
        req.expectedSize = pkg.downloadSize() ? static_cast<int64_t>(pkg.downloadSize()) : -1;
        req.resume = true;
        req.options = repodata::transferOptions(*repo->config);
        if (dir.empty()) cached_.push_back(dest);
        requests.push_back(std::move(req));
        requested.push_back(step.package);
        out[step.package] = dest;
    }
    repodata::Downloader downloader(sack_.config().main.max_parallel_downloads);
    if (progress && !requests.empty()) downloader.onProgress(progress);
    auto outcomes = downloader.run(requests);
    throwIfInterrupted("downloading packages");
    std::string errors;
    for (const auto& o : outcomes)
        if (!o.ok) errors += (errors.empty() ? "" : "; ") + o.error;
    if (!errors.empty()) throw DownloadError("cannot download packages: " + errors);
    return out;
}

void TransactionExecutor::dropCachedDownloads() {
    for (const auto& f : cached_) unlink(f.c_str());
    cached_.clear();
}

void TransactionExecutor::markUserInstalled(const TransactionPlan& plan) {
    if (plan.markUser.empty()) return;
    auto db = InstalledDb::openForWriting(sack_.config().persistDir());
    DbTransaction tx(db->db());
    for (Id p : plan.markUser)
        if (const InstalledInfo* info = sack_.installedInfo(p)) db->setReason(info->dbId, "user");
    tx.commit();
}

void TransactionExecutor::recordModuleChanges(const TransactionPlan& plan) {
    if (plan.moduleChanges.empty()) return;
    auto db = InstalledDb::openForWriting(sack_.config().persistDir());
    DbTransaction tx(db->db());
    for (const auto& m : plan.moduleChanges) db->saveModuleState(m);
    tx.commit();
}

int64_t TransactionExecutor::execute(const TransactionPlan& plan,
                                     const std::map<Id, std::string>& files,
                                     const ExecuteOptions& options) {
    const auto& config = sack_.config();
    const std::string root = config.installroot;
    // Read and check every package to install, before the database or the root is touched.
    struct Incoming {
        const PlanStep* step;
        RpmHeader header;
        std::string file;
    };
    std::vector<Incoming> incoming;
    for (const auto& step : plan.steps) {
        if (step.kind == StepKind::Remove) continue;
        auto it = files.find(step.package);
        if (it == files.end())
            throw Error("internal: no file for " + sack_.package(step.package).nevra());
        RpmHeader h = RpmHeader::read(it->second);
        Package want = sack_.package(step.package);
        if (h.package.nevra() != want.nevra())
            throw Error("package file " + it->second + " contains " + h.package.nevra() + ", not " +
                        want.nevra() + "; the repository is damaged");
        checkPackagePaths(h);
        PayloadUnpacker::checkPayloadNames(it->second, h);
        incoming.push_back({&step, std::move(h), it->second});
    }

    auto db = InstalledDb::openForWriting(config.persistDir());
    const bool nodocs = options.nodocs || std::count(config.main.tsflags.begin(),
                                                     config.main.tsflags.end(), "nodocs");
    const bool noscripts = options.noscripts || std::count(config.main.tsflags.begin(),
                                                           config.main.tsflags.end(), "noscripts");

    // What goes away: removed packages and the ones upgrades replace, with their recorded files.
    std::set<int64_t> goingIds;
    for (const auto& step : plan.steps) {
        std::vector<Id> gone = step.replaces;
        if (step.kind == StepKind::Remove) gone.push_back(step.package);
        for (Id id : gone)
            if (const InstalledInfo* info = sack_.installedInfo(id)) goingIds.insert(info->dbId);
    }
    std::unordered_map<std::string, InstalledFile> goingFiles;  // path -> recorded entry
    // Departing packages: their %preun/%postun get $1 = instances left (1 when replaced by an
    // upgrade, 0 when removed), as rpm's convention says.
    struct Departing {
        std::string nevra;
        int remaining;
        Scriptlet preun, postun;
    };
    std::vector<Departing> departing;
    std::set<int64_t> replacedIds;
    for (const auto& step : plan.steps)
        for (Id id : step.replaces)
            if (const InstalledInfo* info = sack_.installedInfo(id)) replacedIds.insert(info->dbId);
    for (const auto& pkg : db->packages(true)) {
        if (!goingIds.count(pkg.id)) continue;
        for (const auto& f : pkg.files) goingFiles[f.path] = f;
        Departing d{pkg.nevra(), replacedIds.count(pkg.id) ? 1 : 0, {}, {}};
        for (const auto& sc : db->scriptlets(pkg.id)) {
            if (sc.kind == "preun") d.preun = {sc.body, sc.interpreter};
            if (sc.kind == "postun") d.postun = {sc.body, sc.interpreter};
        }
        departing.push_back(std::move(d));
    }

    // File conflicts: between incoming packages, and with installed packages that stay.
    std::unordered_map<std::string, std::pair<const InstalledFile*, std::string>> newFiles;
    for (const auto& in : incoming) {
        for (const auto& f : in.header.package.files) {
            if (nodocs && (f.flags & rpmfile::kDoc)) continue;
            auto [it, fresh] =
                newFiles.emplace(f.path, std::make_pair(&f, in.header.package.nevra()));
            if (fresh || S_ISDIR(f.mode)) continue;
            const InstalledFile& other = *it->second.first;
            if (other.digest != f.digest || other.mode != f.mode || other.linkto != f.linkto)
                throw Error("file " + f.path + " of " + in.header.package.nevra() +
                            " conflicts with the file of " + it->second.second);
        }
    }
    for (const auto& [path, entry] : newFiles) {
        const InstalledFile& f = *entry.first;
        if (S_ISDIR(f.mode)) continue;
        for (int64_t owner : db->owners(path)) {
            if (goingIds.count(owner)) continue;
            for (const auto& theirs : db->files(owner)) {
                if (theirs.path != path) continue;
                if (S_ISDIR(theirs.mode) || (theirs.digest == f.digest && theirs.mode == f.mode &&
                                             theirs.linkto == f.linkto))
                    continue;
                std::string ownerName;
                for (const auto& p : db->packages())
                    if (p.id == owner) ownerName = p.nevra();
                throw Error("file " + path + " of " + entry.second +
                            " conflicts with the file of installed package " + ownerName);
            }
        }
    }

    // Plan the disk changes. %config files the user changed are kept (noreplace: the new one
    // is written as .rpmnew; otherwise the user's copy is saved as .rpmsave).
    CommitPlan commit;
    commit.cmdline = options.cmdline;
    commit.modules = plan.moduleChanges;
    commit.beginTime = now();
    std::vector<StageOptions> stageOptions(incoming.size());
    std::vector<std::pair<std::string, std::string>> saveCopies;  // user's file -> .rpmsave
    for (size_t i = 0; i < incoming.size(); ++i) {
        auto& in = incoming[i];
        stageOptions[i].nodocs = nodocs;
        for (const auto& f : in.header.package.files) {
            if (!(f.flags & rpmfile::kConfig) || S_ISDIR(f.mode) || (f.flags & rpmfile::kGhost))
                continue;
            std::string host = resolveInRoot(root, f.path);
            std::string onDisk = diskDigest(host, in.header.digestAlgo);
            if (onDisk.empty() || onDisk == f.digest) continue;
            auto old = goingFiles.find(f.path);
            bool userChanged = old == goingFiles.end() || old->second.digest != onDisk;
            if (!userChanged) continue;
            if (f.flags & rpmfile::kNoReplace) {
                stageOptions[i].asRpmnew.insert(f.path);
                warnings_.push_back(f.path + " was changed locally; the new version is " + f.path +
                                    ".rpmnew");
            } else {
                saveCopies.emplace_back(host, host + ".rpmsave");
                warnings_.push_back(f.path + " was changed locally; it was saved as " + f.path +
                                    ".rpmsave");
            }
        }
        for (const auto& f : in.header.package.files) {
            if ((f.flags & rpmfile::kGhost) || S_ISDIR(f.mode) ||
                (nodocs && (f.flags & rpmfile::kDoc)))
                continue;
            // Resolved without creating anything: staging creates directories, and undoes them.
            std::string host = resolveInRoot(root, f.path);
            if (stageOptions[i].asRpmnew.count(f.path)) host += ".rpmnew";
            commit.renames.emplace_back(stagingPath(host), host);
        }
        InstalledPackage rec = in.header.package;
        std::erase_if(rec.files,
                      [&](const InstalledFile& f) { return nodocs && (f.flags & rpmfile::kDoc); });
        Package pkg = sack_.package(in.step->package);
        rec.repo = pkg.repoId();
        rec.reason = in.step->reason.empty() ? "user" : in.step->reason;
        rec.installTime = commit.beginTime;
        rec.downloadSize = pkg.downloadSize();
        rec.checksum = pkg.checksumType().empty() ? "" : pkg.checksumType() + ":" + pkg.checksum();
        commit.dbAdd.push_back(std::move(rec));
        commit.history.push_back({stepKindName(in.step->kind), in.header.package.nevra(),
                                  pkg.repoId(), commit.dbAdd.back().reason});
        // What it replaced, so that history can tell and undo can bring it back.
        for (Id r : in.step->replaces) {
            const InstalledInfo* info = sack_.installedInfo(r);
            commit.history.push_back({"Replaced", sack_.package(r).nevra(),
                                      info ? info->fromRepo : "", info ? info->reason : ""});
        }
    }
    // Files of departing packages that nothing new or staying owns are deleted; a %config file
    // the user changed is kept as .rpmsave, as rpm does.
    for (const auto& [path, f] : goingFiles) {
        if (newFiles.count(path)) continue;
        bool ownedElsewhere = false;
        for (int64_t owner : db->owners(path))
            ownedElsewhere = ownedElsewhere || !goingIds.count(owner);
        if (ownedElsewhere) continue;  // %ghost files go too, as rpm erases them
        std::string host;
        try {
            host = resolveInRoot(root, path);
        } catch (const UnsafePathError&) {
            continue;
        }
        if (S_ISDIR(f.mode)) {
            commit.dirRemovals.push_back(host);
            continue;
        }
        if ((f.flags & rpmfile::kConfig) && !diskDigest(host, 8).empty()) {
            std::string onDisk = diskDigest(host, f.digest.size() == 32 ? 1 : 8);
            if (!onDisk.empty() && onDisk != f.digest) {
                saveCopies.emplace_back(host, host + ".rpmsave");
                warnings_.push_back(path + " was changed locally; it was saved as " + path +
                                    ".rpmsave");
            }
        }
        commit.removals.push_back(host);
    }
    std::sort(commit.dirRemovals.begin(), commit.dirRemovals.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (int64_t id : goingIds) commit.dbRemove.push_back(id);
    for (const auto& step : plan.steps)
        if (step.kind == StepKind::Remove) {
            Package pkg = sack_.package(step.package);
            const InstalledInfo* info = sack_.installedInfo(step.package);
            commit.history.push_back(
                {"Remove", pkg.nevra(), info ? info->fromRepo : "", info ? info->reason : ""});
        }

    // A user's changed %config file is kept as .rpmsave: a hard link made while staging (the
    // original stays where it is until the commit replaces or removes it), undone on rollback.
    for (const auto& [from, to] : saveCopies) commit.stagedExtras.push_back(to);

    // Stage under the journal; on failure nothing final has changed.
    Journal journal(*db);
    const int64_t jid = journal.begin(commit);
    std::vector<StagedFile> staged;
    std::vector<const Incoming*> deferredPre;
    PayloadUnpacker unpacker(root);
    ScriptletRunner scripts(root, noscripts);
    try {
        for (const auto& [from, to] : saveCopies) {
            unlink(to.c_str());
            if (link(from.c_str(), to.c_str()) != 0)
                throw Error("cannot keep " + from + " as " + to + ": " + std::strerror(errno));
        }
        for (size_t i = 0; i < incoming.size(); ++i) {
            auto more = unpacker.stage(incoming[i].file, incoming[i].header, stageOptions[i]);
            staged.insert(staged.end(), more.begin(), more.end());
            faultPoint("staging");
            throwIfInterrupted("unpacking packages");
        }
        // As in rpm, %pretrans runs before anything is installed (a missing shell is reported).
        for (const auto& in : incoming)
            scripts.run(in.header, "pretrans", in.header.pretrans,
                        in.step->replaces.empty() ? 1 : 2);
        // A %pre whose interpreter this transaction brings (a fresh root) cannot run before
        // the files are in place; it runs right after them, before any %post.
        for (const auto& in : incoming) {
            if (scripts.interpreterPresent(in.header.pre))
                scripts.run(in.header, "pre", in.header.pre, in.step->replaces.empty() ? 1 : 2);
            else
                deferredPre.push_back(&in);
        }
        // A package that is removed (not replaced) may still refuse in its %preun.
        for (const auto& d : departing)
            if (d.remaining == 0) scripts.run(d.nevra, "preun", d.preun, 0);
        throwIfInterrupted("unpacking packages");  // the last moment a cancel is clean
    } catch (...) {
        PayloadUnpacker::discard(staged);
        journal.abandon(jid, commit);
        throw;
    }
    for (const auto& w : unpacker.warnings()) warnings_.push_back(w);
    // Past this point Ctrl-C waits until the transaction is recorded.
    HoldInterrupts hold;
    faultPoint("staged");
    // The point of no return: from here the next run completes what this one does not.
    journal.markCommitting(jid);
    // rpm's order: new files, %post of the new, %preun of the replaced, old files go, %postun.
    const int64_t tid = journal.commit(jid, commit, [&] {
        for (const Incoming* in : deferredPre) {
            try {
                scripts.run(in->header, "pre", in->header.pre, in->step->replaces.empty() ? 1 : 2);
            } catch (const Error& e) {
                warnings_.push_back(e.what());  // past the point of no return: report only
            }
        }
        for (const auto& in : incoming)
            scripts.run(in.header, "post", in.header.post, in.step->replaces.empty() ? 1 : 2);
        for (const auto& d : departing)
            if (d.remaining > 0) {
                try {
                    scripts.run(d.nevra, "preun", d.preun, d.remaining);
                } catch (const Error& e) {
                    warnings_.push_back(e.what());  // past the point of no return: report only
                }
            }
    });
    for (const auto& d : departing) scripts.run(d.nevra, "postun", d.postun, d.remaining);
    for (const auto& in : incoming)
        scripts.run(in.header, "posttrans", in.header.posttrans, in.step->replaces.empty() ? 1 : 2);
    for (const auto& w : scripts.warnings()) warnings_.push_back(w);
    return tid;
}

}  // namespace mpm
