#include "libmodule/rpm/RpmDb.hpp"

#include <fcntl.h>
#include <rpm/header.h>
#include <rpm/rpmdb.h>
#include <rpm/rpmds.h>
#include <rpm/rpmfiles.h>
#include <rpm/rpmmacro.h>
#include <rpm/rpmps.h>
#include <rpm/rpmtag.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <utility>

#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "common/UniqueFd.hpp"
#include "libmodule/rpm/RootMacros.hpp"

namespace fs = std::filesystem;

namespace mpm::rpm {

namespace {

using Iterator = Handle<rpmdbMatchIterator, rpmdbFreeIterator>;
using Files = Handle<rpmfiles, rpmfilesFree>;
using Problems = Handle<rpmps, rpmpsFree>;
using ProblemIterator = Handle<rpmpsi, rpmpsFreeIterator>;

std::string hostPath(const std::string& installroot, const std::string& inRoot) {
    if (installroot.empty() || installroot == "/") return inRoot;
    return (fs::path(installroot) / inRoot.substr(1)).string();
}

std::string problemsOf(rpmts ts) {
    Problems ps(rpmtsProblems(ts));
    std::string out;
    ProblemIterator it(rpmpsInitIterator(ps.get()));
    while (rpmProblem problem = rpmpsiNext(it.get())) {
        Malloced<char> text(rpmProblemString(problem));
        if (text) out += (out.empty() ? "" : "; ") + std::string(text.get());
    }
    return out;
}

}  // namespace

std::string dbPathInRoot(const std::string& installroot, const std::string& configured) {
    if (!configured.empty()) return configured;
    const fs::path root(installroot.empty() ? "/" : installroot);
    if (fs::exists(root / "usr/lib/rpm/macros")) {
        const std::string path = RootMacros(root.string()).get("_dbpath");
        if (path.starts_with("/")) return path;
    }
    // A root without rpm's macros (a minimal image: ubi-micro has no rpm) whose database is
    // where rpm kept it before Fedora 36 and EL9 still do: that one, not a new empty one.
    if (dbChangeMarker((root / "usr/lib/sysimage/rpm").string()).empty() &&
        !fs::is_symlink(root / "var/lib/rpm") &&
        !dbChangeMarker((root / "var/lib/rpm").string()).empty())
        return kLegacyDbPath;
    return kDefaultDbPath;
}

std::string dbChangeMarker(const std::string& hostDir) {
    std::string marker;
    bool any = false;
    for (const char* name : {"rpmdb.sqlite", "rpmdb.sqlite-wal", "Packages", "Packages.db"}) {
        const std::string path = hostDir + "/" + name;
        struct stat st {};
        if (lstat(path.c_str(), &st) != 0) continue;
        const bool wal = std::string(name) == "rpmdb.sqlite-wal";
        any = any || !wal;
        marker += std::string(name) + ":" + std::to_string(st.st_size) + ":" +
                  std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) +
                  ":" + std::to_string(st.st_ino) + ":";
        if (!wal) {
            // ctime too: a reproducible root's files keep the epoch as their mtime, and a
            // change may keep the size; every write moves the ctime, which nothing can set back.
            marker += std::to_string(st.st_ctim.tv_sec) + "." + std::to_string(st.st_ctim.tv_nsec);
        } else {
            // Not the WAL's ctime: every reader (rpm -q, and mpm reading @System) truncates the
            // empty WAL rpm leaves behind, which moves its ctime, so the @System cache missed
            // on every run after the database was once opened. A commit appends frames (size,
            // mtime); a reset after a checkpoint writes new salts into the WAL's header.
            unsigned char header[32] = {};
            const UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
            const ssize_t n = fd ? read(fd.get(), header, sizeof header) : 0;
            if (n > 0) marker += hexOf(header, static_cast<size_t>(n));
        }
        marker += ";";
    }
    return any ? marker : std::string();
}

RpmDb::RpmDb(std::string hostDir, bool write) : hostDir_(std::move(hostDir)) {
    initRpm();
    // The database is the root's, at its host path: librpm never chroots for it.
    rpmPushMacro(nullptr, "_dbpath", nullptr, hostDir_.c_str(), RMIL_CMDLINE);
    ts_.reset(rpmtsCreate());
    rpmtsSetRootDir(ts_.get(), "/");
    // Signatures were checked when the packages came in; headers still check their digests.
    rpmtsSetVSFlags(ts_.get(), RPMVSF_MASK_NOSIGNATURES);
    LogCapture log;
    if (rpmtsOpenDB(ts_.get(), write ? (O_RDWR | O_CREAT) : O_RDONLY) != 0)
        throw Error("cannot " + std::string(write ? "write" : "read") + " the RPM database in " +
                    hostDir_ +
                    (log.detail().empty() ? " (damaged, or a format this librpm does not know?)"
                                          : log.detail()));
}

RpmDb::~RpmDb() {
    if (ts_) rpmtsCloseDB(ts_.get());
}

std::unique_ptr<RpmDb> RpmDb::openForReading(const std::string& installroot,
                                             const std::string& dbPath) {
    const std::string dir = hostPath(installroot, dbPath);
    if (dbChangeMarker(dir).empty()) return nullptr;
    return std::unique_ptr<RpmDb>(new RpmDb(dir, false));
}

void RpmDb::checkWritable(const std::string& installroot, const std::string& dbPath) {
    const std::string dir = hostPath(installroot, dbPath);
    if (fs::exists(dir + "/Packages") && !fs::exists(dir + "/rpmdb.sqlite"))
        throw Error("the RPM database in " + dir +
                    " is in Berkeley DB format, which mpm's librpm can read but not write; "
                    "convert it to SQLite first (inside the root: rpmdb --rebuilddb --define "
                    "'_db_backend sqlite'); nothing was changed");
    if (fs::exists(dir) && access(dir.c_str(), W_OK) != 0)
        throw Error("cannot write the RPM database in " + dir + ": " + std::strerror(errno) +
                    "; nothing was changed");
}

std::string dbHostDir(const std::string& installroot, const std::string& dbPath) {
    return hostPath(installroot, dbPath);
}

std::string legacyDbLink(const std::string& installroot, const std::string& dbPath) {
    if (dbPath != kDefaultDbPath || installroot.empty() || installroot == "/") return "";
    return (fs::path(installroot) / "var/lib/rpm").string();
}

std::unique_ptr<RpmDb> RpmDb::openForWriting(const std::string& installroot,
                                             const std::string& dbPath) {
    const std::string dir = hostPath(installroot, dbPath);
    // (a database rpm or dnf made keeps its layout: what wouldCreate lists is all that is made)
    const bool creating = dbChangeMarker(dir).empty();
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Error("cannot create the RPM database directory " + dir + ": " + ec.message());
    // Fedora's layout: var/lib/rpm points at the database, for tools that look there.
    if (const fs::path legacy = legacyDbLink(installroot, dbPath);
        creating && !legacy.empty() && !fs::exists(fs::symlink_status(legacy))) {
        fs::create_directories(legacy.parent_path(), ec);
        fs::create_symlink("../../usr/lib/sysimage/rpm", legacy, ec);
    }
    return std::unique_ptr<RpmDb>(new RpmDb(dir, true));
}

std::optional<std::vector<std::string>> RpmDb::wouldCreate(const std::string& installroot,
                                                           const std::string& dbPath) {
    const std::string dir = hostPath(installroot, dbPath);
    if (!dbChangeMarker(dir).empty()) return std::nullopt;
    std::vector<std::string> made;
    std::error_code ec;
    const auto missing = [&](fs::path p) {
        for (; p.has_relative_path() && !fs::exists(fs::symlink_status(p, ec)); p = p.parent_path())
            made.push_back(p.string());
    };
    missing(fs::path(dir).lexically_normal());
    if (const std::string link = legacyDbLink(installroot, dbPath); !link.empty())
        missing(fs::path(link).lexically_normal());
    return made;
}

void RpmDb::removeIfEmpty(const std::string& installroot, const std::string& dbPath,
                          const std::vector<std::string>& made) {
    const std::string dir = hostPath(installroot, dbPath);
    std::error_code ec;
    if (fs::exists(dir + "/rpmdb.sqlite", ec)) {
        bool empty = true;
        try {
            RpmDb db(dir, false);
            Iterator it(rpmtsInitIterator(db.ts_.get(), RPMDBI_PACKAGES, nullptr, 0));
            empty = !(it && rpmdbNextIterator(it.get()));
        } catch (const Error&) {
            // not a database yet: its writer was stopped while making it
        }
        if (!empty) return;
    }
    for (const char* name : {"rpmdb.sqlite", "rpmdb.sqlite-wal", "rpmdb.sqlite-shm",
                             "rpmdb.sqlite-journal", ".rpm.lock"})
        fs::remove(dir + "/" + name, ec);
    for (const auto& path : made) {
        const auto st = fs::symlink_status(path, ec);
        if (fs::is_symlink(st) || fs::is_directory(st))
            fs::remove(path, ec);  // a directory only when empty
    }
}

void RpmDb::forEachPackage(const std::function<void(unsigned, Header)>& fn) const {
    Iterator it(rpmtsInitIterator(ts_.get(), RPMDBI_PACKAGES, nullptr, 0));
    while (Header h = rpmdbNextIterator(it.get())) {
        const char* name = headerGetString(h, RPMTAG_NAME);
        if (name && std::string(name) == "gpg-pubkey") continue;
        fn(rpmdbGetIteratorOffset(it.get()), h);
    }
}

Hdr RpmDb::header(unsigned instance) const {
    Iterator it(rpmtsInitIterator(ts_.get(), RPMDBI_PACKAGES, &instance, sizeof instance));
    Header h = it ? rpmdbNextIterator(it.get()) : nullptr;
    return Hdr(h ? headerLink(h) : nullptr);
}

std::vector<unsigned> RpmDb::triggeredBy(const std::string& name) const {
    std::vector<unsigned> out;
    Iterator it(rpmtsInitIterator(ts_.get(), RPMDBI_TRIGGERNAME, name.c_str(), 0));
    while (it && rpmdbNextIterator(it.get())) out.push_back(rpmdbGetIteratorOffset(it.get()));
    return out;
}

std::vector<unsigned> RpmDb::named(const std::string& name) const {
    std::vector<unsigned> out;
    Iterator it(rpmtsInitIterator(ts_.get(), RPMDBI_NAME, name.c_str(), 0));
    while (it && rpmdbNextIterator(it.get())) out.push_back(rpmdbGetIteratorOffset(it.get()));
    return out;
}

std::vector<unsigned> RpmDb::find(const std::string& name, int64_t epoch,
                                  const std::string& version, const std::string& release,
                                  const std::string& arch) const {
    std::vector<unsigned> out;
    Iterator it(rpmtsInitIterator(ts_.get(), RPMDBI_NAME, name.c_str(), 0));
    while (Header h = it ? rpmdbNextIterator(it.get()) : nullptr) {
        const char* v = headerGetString(h, RPMTAG_VERSION);
        const char* r = headerGetString(h, RPMTAG_RELEASE);
        const char* a = headerGetString(h, RPMTAG_ARCH);
        if (static_cast<int64_t>(headerGetNumber(h, RPMTAG_EPOCH)) == epoch && v && version == v &&
            r && release == r && a && arch == a)
            out.push_back(rpmdbGetIteratorOffset(it.get()));
    }
    return out;
}

std::set<unsigned> RpmDb::packageInstances() const {
    std::set<unsigned> out;
    using IndexIterator = Handle<rpmdbIndexIterator, rpmdbIndexIteratorFree>;
    IndexIterator it(rpmdbIndexIteratorInit(rpmtsGetRdb(ts_.get()), RPMDBI_NAME));
    const void* key = nullptr;
    size_t length = 0;
    while (it && rpmdbIndexIteratorNext(it.get(), &key, &length) == 0) {
        if (std::string_view(static_cast<const char*>(key), length) == "gpg-pubkey") continue;
        for (unsigned i = 0; i < rpmdbIndexIteratorNumPkgs(it.get()); ++i)
            out.insert(rpmdbIndexIteratorPkgOffset(it.get(), i));
    }
    return out;
}

std::map<unsigned, std::string> RpmDb::headerDigests() const {
    std::map<unsigned, std::string> out;
    using IndexIterator = Handle<rpmdbIndexIterator, rpmdbIndexIteratorFree>;
    IndexIterator it(rpmdbIndexIteratorInit(rpmtsGetRdb(ts_.get()), RPMDBI_SHA1HEADER));
    const void* key = nullptr;
    size_t length = 0;
    while (it && rpmdbIndexIteratorNext(it.get(), &key, &length) == 0)
        for (unsigned i = 0; i < rpmdbIndexIteratorNumPkgs(it.get()); ++i)
            out[rpmdbIndexIteratorPkgOffset(it.get(), i)].assign(static_cast<const char*>(key),
                                                                 length);
    return out;
}

std::set<unsigned> RpmDb::fileTriggerOwners() const {
    std::set<unsigned> out;
    using IndexIterator = Handle<rpmdbIndexIterator, rpmdbIndexIteratorFree>;
    for (rpmDbiTag index : {RPMDBI_FILETRIGGERNAME, RPMDBI_TRANSFILETRIGGERNAME}) {
        IndexIterator it(rpmdbIndexIteratorInit(rpmtsGetRdb(ts_.get()), index));
        const void* key = nullptr;
        size_t length = 0;
        while (it && rpmdbIndexIteratorNext(it.get(), &key, &length) == 0)
            for (unsigned i = 0; i < rpmdbIndexIteratorNumPkgs(it.get()); ++i)
                out.insert(rpmdbIndexIteratorPkgOffset(it.get(), i));
    }
    return out;
}

std::vector<std::string> RpmDb::files(const std::set<unsigned>& instances) const {
    std::vector<std::string> out;
    for (unsigned instance : instances) {
        Hdr h = header(instance);
        if (!h) continue;
        struct rpmtd_s names;
        if (!headerGet(h.get(), RPMTAG_FILENAMES, &names, HEADERGET_EXT)) continue;
        while (const char* path = rpmtdNextString(&names)) out.push_back(path);
        rpmtdFreeData(&names);
    }
    return out;
}

uint32_t RpmDb::installTid(unsigned instance) const {
    Hdr h = header(instance);
    return h ? static_cast<uint32_t>(headerGetNumber(h.get(), RPMTAG_INSTALLTID)) : 0;
}

bool RpmDb::hasInstallTid(uint32_t tid) const {
    Iterator it(rpmtsInitIterator(ts_.get(), RPMDBI_INSTALLTID, &tid, sizeof(tid)));
    return it && rpmdbNextIterator(it.get()) != nullptr;
}

void RpmDb::erase(const std::vector<unsigned>& instances) {
    rpmtsEmpty(ts_.get());
    bool any = false;
    for (unsigned instance : instances) {
        Hdr h = header(instance);
        if (!h) continue;  // already gone (a transaction completed after a crash)
        rpmtsAddEraseElement(ts_.get(), h.get(), static_cast<int>(instance));
        any = true;
    }
    if (!any) return;
    // Only the database: mpm removed the files and ran the scriptlets itself.
    rpmtsSetFlags(ts_.get(),
                  RPMTRANS_FLAG_JUSTDB | RPMTRANS_FLAG_NOSCRIPTS | RPMTRANS_FLAG_NOTRIGGERS);
    LogCapture log;
    const int rc =
        rpmtsRun(ts_.get(), nullptr, RPMPROB_FILTER_DISKSPACE | RPMPROB_FILTER_DISKNODES);
    const std::string problems = rc != 0 ? problemsOf(ts_.get()) : "";
    rpmtsEmpty(ts_.get());
    if (rc != 0)
        throw Error("cannot remove packages from the RPM database in " + hostDir_ +
                    (problems.empty() ? "" : ": " + problems) + log.detail());
}

unsigned RpmDb::add(const std::string& headerBlob, const InstallStamp& stamp) {
    Hdr h = importHeader(headerBlob);
    if (!h) throw Error("internal: a package header to record is damaged");
    // What rpm itself adds when it installs a package: file states, the transaction, the time.
    // Every file is in place but those the plan left out (--nodocs, --excludepath), whose
    // paths need the file list joined.
    struct rpmtd_s names;
    const int count = headerGet(h.get(), RPMTAG_BASENAMES, &names, HEADERGET_MINMEM)
                          ? static_cast<int>(names.count)
                          : 0;
    if (count > 0) {
        rpmtdFreeData(&names);
        std::vector<char> states(static_cast<size_t>(count), RPMFILE_STATE_NORMAL);
        if (!stamp.notInstalled.empty()) {
            const std::set<std::string> skipped(stamp.notInstalled.begin(),
                                                stamp.notInstalled.end());
            Files files(rpmfilesNew(sharedStrings(), h.get(), RPMTAG_BASENAMES, 0));
            for (int i = 0; files && i < std::min<int>(count, rpmfilesFC(files.get())); ++i) {
                Malloced<char> path(rpmfilesFN(files.get(), i));
                if (path && skipped.count(path.get())) states[i] = RPMFILE_STATE_NOTINSTALLED;
            }
        }
        headerDel(h.get(), RPMTAG_FILESTATES);
        headerPutChar(h.get(), RPMTAG_FILESTATES, states.data(), static_cast<rpm_count_t>(count));
    }
    const rpm_color_t color = 0;
    for (rpmTagVal tag : {RPMTAG_INSTALLTID, RPMTAG_INSTALLTIME, RPMTAG_INSTALLCOLOR})
        headerDel(h.get(), tag);
    headerPutUint32(h.get(), RPMTAG_INSTALLTID, &stamp.tid, 1);
    headerPutUint32(h.get(), RPMTAG_INSTALLTIME, &stamp.time, 1);
    headerPutUint32(h.get(), RPMTAG_INSTALLCOLOR, &color, 1);
    LogCapture log;
    rpmtxn txn = rpmtxnBegin(ts_.get(), RPMTXN_WRITE);
    if (!txn)
        throw Error("cannot lock the RPM database in " + hostDir_ + log.detail() +
                    " (is rpm running?)");
    const rpmRC rc = rpmtsImportHeader(txn, h.get(), 0);
    rpmtxnEnd(txn);
    if (rc != RPMRC_OK)
        throw Error("cannot add " + std::string(headerGetString(h.get(), RPMTAG_NAME)) +
                    " to the RPM database in " + hostDir_ + log.detail());
    return headerGetInstance(h.get());
}

RpmDb::WriteBatch::WriteBatch(RpmDb& db) : db_(db) {
    LogCapture log;
    txn_ = rpmtxnBegin(db_.ts_.get(), RPMTXN_WRITE);
    if (!txn_)
        throw Error("cannot lock the RPM database in " + db_.hostDir_ + log.detail() +
                    " (is rpm running?)");
    // The SQLite backend opens a savepoint here; those of each write nest inside it.
    rpmdbCtrl(rpmtsGetRdb(db_.ts_.get()), RPMDB_CTRL_LOCK_RW);
}

RpmDb::WriteBatch::~WriteBatch() {
    if (!txn_) return;
    rpmdbCtrl(rpmtsGetRdb(db_.ts_.get()), RPMDB_CTRL_UNLOCK_RW);
    rpmtxnEnd(txn_);
}

void RpmDb::WriteBatch::commit() {
    LogCapture log;
    const int rc = rpmdbCtrl(rpmtsGetRdb(db_.ts_.get()), RPMDB_CTRL_UNLOCK_RW);
    rpmtxnEnd(std::exchange(txn_, nullptr));
    if (rc != 0)
        throw Error("cannot commit the changes of the RPM database in " + db_.hostDir_ +
                    log.detail());
}

void RpmDb::importKey(const std::string& armored) {
    uint8_t* raw = nullptr;
    size_t len = 0;
    const pgpArmor kind = pgpParsePkts(armored.c_str(), &raw, &len);
    Malloced<uint8_t> pkt(raw);
    if (kind != PGPARMOR_PUBKEY || !pkt) throw Error("internal: not a public key block");
    // rpm keeps each key once: a key it has already is not added again.
    LogCapture log;
    if (rpmtsImportPubkey(ts_.get(), pkt.get(), len) != RPMRC_OK)
        throw Error("cannot record the key in the RPM database in " + hostDir_ + log.detail());
}

std::string RpmDb::distributionReleasever() const {
    for (const char* name :
         {"system-release(releasever)", "system-release", "distribution-release(releasever)",
          "distribution-release", "redhat-release", "suse-release"}) {
        Iterator it(rpmtsInitIterator(ts_.get(), RPMDBI_PROVIDENAME, name, 0));
        Header h = it ? rpmdbNextIterator(it.get()) : nullptr;
        if (!h) continue;
        const char* version = headerGetString(h, RPMTAG_VERSION);
        std::string releasever = version ? version : "";
        const char* pkgName = headerGetString(h, RPMTAG_NAME);
        Ds ds(rpmdsNewPool(nullptr, h, RPMTAG_PROVIDENAME, 0));
        while (ds && rpmdsNext(ds.get()) >= 0) {
            const char* n = rpmdsN(ds.get());
            if (!n || std::strcmp(n, name) != 0) continue;
            const char* evr = rpmdsEVR(ds.get());
            // (the package's own name as a provide keeps the package's version, as in dnf)
            if ((rpmdsFlags(ds.get()) & RPMSENSE_SENSEMASK) == RPMSENSE_EQUAL && evr && *evr &&
                !(pkgName && std::strcmp(pkgName, name) == 0))
                releasever = evr;
            break;
        }
        return releasever;
    }
    return {};
}

std::vector<RpmDb::StoredKey> RpmDb::keys() const {
    std::vector<StoredKey> out;
    Iterator it(rpmtsInitIterator(ts_.get(), RPMDBI_NAME, "gpg-pubkey", 0));
    while (Header h = it ? rpmdbNextIterator(it.get()) : nullptr) {
        // rpm keeps the armored key block as the entry's description
        const char* armored = headerGetString(h, RPMTAG_DESCRIPTION);
        const char* summary = headerGetString(h, RPMTAG_SUMMARY);
        std::string userid = summary ? summary : "";
        // rpm 4.18 writes "NAME <MAIL> public key", older ones "gpg(NAME <MAIL>)"
        if (userid.ends_with(" public key")) userid.resize(userid.size() - 11);
        if (userid.starts_with("gpg(") && userid.ends_with(")"))
            userid = userid.substr(4, userid.size() - 5);
        if (armored && *armored)
            out.push_back(
                {armored, userid, static_cast<int64_t>(headerGetNumber(h, RPMTAG_INSTALLTIME))});
    }
    return out;
}

void RpmDb::eraseKey(const std::string& keyid) {
    const std::string shortId = toLower(keyid.size() > 8 ? keyid.substr(keyid.size() - 8) : keyid);
    std::vector<unsigned> instances;
    Iterator it(rpmtsInitIterator(ts_.get(), RPMDBI_NAME, "gpg-pubkey", 0));
    while (Header h = it ? rpmdbNextIterator(it.get()) : nullptr) {
        const char* v = headerGetString(h, RPMTAG_VERSION);
        if (v && toLower(v) == shortId) instances.push_back(rpmdbGetIteratorOffset(it.get()));
    }
    it.reset();
    erase(instances);
}

}  // namespace mpm::rpm
