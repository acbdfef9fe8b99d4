#include "libmodule/base/SystemRepo.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "common/CacheFile.hpp"
#include "libmodule/db/DnfHistory.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/rpm/RpmDb.hpp"
#include "repodata/Checksum.hpp"
#include "solv/RepoCache.hpp"
#include "solv/libsolv.hpp"

namespace mpm::base {

namespace {

// The rpmdb instance an installed solvable was read from (0 when unknown).
unsigned instanceOf(const ::Repo* repo, Id p) {
    return repo->rpmdbid ? static_cast<unsigned>(repo->rpmdbid[p - repo->start]) : 0;
}

// Adds installed packages' headers as solvables with libsolv's own rpm code (dependencies,
// file list, sizes, install time), remembering each one's rpmdb instance and header digest.
class HeaderReader {
  public:
    HeaderReader(::Pool* pool, ::Repo* repo) : repo_(repo), state_(rpm_state_create(pool, "/")) {}
    HeaderReader(const HeaderReader&) = delete;
    HeaderReader& operator=(const HeaderReader&) = delete;
    ~HeaderReader() { rpm_state_free(state_); }

    void add(unsigned instance, Header h) {
        void* handle = rpm_byrpmh(state_, h);
        if (!handle) return;
        const Id p = repo_add_rpm_handle(
            repo_, handle,
            REPO_REUSE_REPODATA | REPO_NO_INTERNALIZE | RPM_ADD_NO_RPMLIBREQS | RPM_ADD_WITH_HDRID);
        if (!p) return;
        repo_set_num(repo_, p, RPM_RPMDBID, instance);
        ++added_;
    }
    size_t added() const { return added_; }

  private:
    ::Repo* repo_;
    void* state_;
    size_t added_ = 0;
};

// Every installed package's header, read.
size_t readRpmDb(::Pool* pool, ::Repo* repo, const rpm::RpmDb& db) {
    HeaderReader reader(pool, repo);
    db.forEachPackage([&](unsigned instance, Header h) { reader.add(instance, h); });
    repo_internalize(repo);
    return reader.added();
}

// Brings `repo`, read from the cache of an earlier state of the database, to what the database
// holds now, reading only the headers that changed: a package whose instance still holds a header
// of the same digest is kept (rpm numbers a new instance above every one in use, and
// --rebuilddb renumbers them all: the digest tells either way), the others are dropped, and the
// instances no kept package stands for are read. After an install of a few packages the next
// run reads those few headers, not every installed package's. Returns the headers read.
size_t updateFromRpmDb(::Pool* pool, ::Repo* repo, const rpm::RpmDb& db, size_t& kept) {
    const std::set<unsigned> instances = db.packageInstances();
    const auto digests = db.headerDigests();
    std::set<unsigned> current;
    std::vector<Id> stale;
    Id p;
    ::Solvable* s;
    FOR_REPO_SOLVABLES(repo, p, s) {
        const unsigned instance = instanceOf(repo, p);
        const auto now = digests.find(instance);
        Id type = 0;
        const char* digest = solvable_lookup_checksum(s, SOLVABLE_HDRID, &type);
        const bool same = instances.count(instance) && now != digests.end() && digest &&
                          !now->second.empty() && now->second == digest &&
                          current.insert(instance).second;
        if (!same) stale.push_back(p);
    }
    // Last first: the ids at the end of the pool are given back.
    for (auto gone = stale.rbegin(); gone != stale.rend(); ++gone)
        repo_free_solvable(repo, *gone, 1);
    kept = current.size();
    HeaderReader reader(pool, repo);
    for (unsigned instance : instances)
        if (!current.count(instance))
            if (rpm::Hdr h = db.header(instance)) reader.add(instance, h.get());
    // The file provides the cache recorded were added to the packages it had, not to those read
    // now: the next index adds them to every package again, and records them again.
    if (reader.added() && repo->nrepodata >= 2)
        repodata_unset(repo_id2repodata(repo, 1), SOLVID_META, REPOSITORY_ADDEDFILEPROVIDES);
    repo_internalize(repo);
    return reader.added();
}

// name, epoch, version, release, arch of an installed solvable, as mpm's rows key them.
db::PackageKey keyOf(::Pool* pool, const ::Solvable* s) {
    db::PackageKey k;
    k.name = pool_id2str(pool, s->name);
    k.arch = pool_id2str(pool, s->arch);
    std::string evr = pool_id2str(pool, s->evr);
    if (const size_t colon = evr.find(':'); colon != std::string::npos) {
        k.epoch = std::stoll(evr.substr(0, colon));
        evr = evr.substr(colon + 1);
    }
    const size_t dash = evr.rfind('-');
    k.version = evr.substr(0, dash);
    k.release = dash == std::string::npos ? "" : evr.substr(dash + 1);
    return k;
}

}  // namespace

std::string rpmDbPath(const repodata::Config& config) {
    return rpm::dbPathInRoot(config.installroot, config.main.rpmdb_path);
}

std::string systemCacheFile(const repodata::Config& config, const std::string& hostDir,
                            const std::string& extension) {
    return config.cacheDir() + "/system-" +
           repodata::Checksum::ofString(hostDir, "sha256").substr(0, 16) + extension;
}

std::string systemReleasever(const repodata::Config& config) {
    const std::string dbPath = rpmDbPath(config);
    const std::string hostDir = config.rootPath(dbPath);
    const std::string marker = rpm::dbChangeMarker(hostDir);
    if (marker.empty()) return {};
    // "stamp\nvalue\n": the value for the database in the state the stamp names
    const std::string cache = systemCacheFile(config, hostDir, ".releasever");
    const std::string stamp = "mpm-releasever-1 " + hostDir + " " + marker + "\n";
    if (const std::string kept = readCacheFile(cache);
        kept.starts_with(stamp) && kept.ends_with("\n"))
        return kept.substr(stamp.size(), kept.size() - stamp.size() - 1);
    std::string value;
    if (auto db = rpm::RpmDb::openForReading(config.installroot, dbPath))
        value = db->distributionReleasever();
    writeFileAtomically(cache, stamp + value + "\n");  // (quietly not, for a reader)
    return value;
}

::Repo* loadSystemRepo(solv::Pool& pool, const repodata::Config& config, InstalledInfos& infos,
                       std::vector<std::string>& warnings, SystemCache& systemCache) {
    ::Repo* repo = pool.addRepo("@System");
    pool_set_installed(pool.raw(), repo);
    const std::string dbPath = rpmDbPath(config);
    const std::string hostDir = config.rootPath(dbPath);
    const std::string marker = rpm::dbChangeMarker(hostDir);
    if (marker.empty()) return repo;  // no RPM database: nothing is installed

    // A cache like the repositories' (a cache directory shared by many roots holds one per
    // root, named after the database's host path).
    const std::string cache = systemCacheFile(config, hostDir, ".solv");
    // The stamp names the database by its host path and its state by the change marker.
    const std::string database =
        std::string("mpm-system-2 ") + LIBSOLV_VERSION_STRING + " " + hostDir + " ";
    const std::string stamp = database + marker;
    systemCache = {cache, stamp};
    if (solv::readStampedSolv(repo, cache, stamp, 0)) {
        systemCache.kept = static_cast<size_t>(repo->nsolvables);
    } else {
        repo_empty(repo, 1);
        auto db = rpm::RpmDb::openForReading(config.installroot, dbPath);
        if (db) {
            const std::string earlier = solv::storedStamp(cache);
            if (earlier.starts_with(database) && solv::readStampedSolv(repo, cache, earlier, 0)) {
                systemCache.headersRead = updateFromRpmDb(pool.raw(), repo, *db, systemCache.kept);
            } else {
                repo_empty(repo, 1);
                systemCache.headersRead = readRpmDb(pool.raw(), repo, *db);
            }
        }
        std::error_code ec;
        std::filesystem::create_directories(config.cacheDir(), ec);
        solv::writeStampedSolv(repo, cache, stamp);
    }

    std::map<db::PackageKey, db::InstalledRow> rows;
    try {
        if (auto db = db::InstalledDb::openForReading(config.persistDir()))
            for (auto& row : db->installedRows()) rows.emplace(row, row);
    } catch (const db::DbError& e) {
        if (!e.isDamaged()) throw;
        rows.clear();
        warnings.push_back(std::string(e.what()) + "; until then install reasons are unknown");
    }
    if (db::InstalledDb::lostIn(config.persistDir()) && repo->nsolvables > 0)
        warnings.push_back("mpm's database " + db::InstalledDb::pathIn(config.persistDir()) +
                           " is missing or empty, though mpm made it: install reasons are lost, "
                           "so every package counts as installed by another tool (autoremove "
                           "takes none); 'mpm rebuilddb' starts a new one");
    // Packages mpm did not install: dnf's reasons when dnf installed them, else External.
    std::optional<std::map<std::pair<std::string, std::string>, db::DnfReason>> dnf;
    Id p;
    ::Solvable* s;
    FOR_REPO_SOLVABLES(repo, p, s) {
        InstalledInfo info;
        info.rpmdbId = instanceOf(repo, p);
        const db::PackageKey key = keyOf(pool.raw(), s);
        if (auto it = rows.find(key); it != rows.end()) {
            info.fromRepo = it->second.repo;
            info.reason = it->second.reason;
        } else {
            if (!dnf) dnf = db::readDnfReasons(config.installroot);
            if (auto d = dnf->find({key.name, key.arch}); d != dnf->end()) {
                info.fromRepo = d->second.repo;
                info.reason = d->second.reason;
            }
        }
        infos[p] = std::move(info);
    }
    return repo;
}

void keepSystemFileProvides(::Repo* repo, const SystemCache& cache, const solv::Queue& files) {
    if (cache.path.empty() || !solv::recordFileProvides(repo, files)) return;
    solv::writeStampedSolv(repo, cache.path, cache.stamp);
}

}  // namespace mpm::base
