#include "libmodule/base/SystemRepo.hpp"

#include <filesystem>
#include <map>
#include <optional>

#include "libmodule/db/DnfHistory.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/rpm/RpmDb.hpp"
#include "repodata/Checksum.hpp"
#include "solv/RepoCache.hpp"
#include "solv/libsolv.hpp"

namespace mpm::base {

namespace {

// The header of every installed package, turned into a solvable by libsolv's own rpm code
// (dependencies, file list, sizes, install time), remembering its rpmdb instance.
void readRpmDb(::Pool* pool, ::Repo* repo, const rpm::RpmDb& db) {
    void* state = rpm_state_create(pool, "/");
    db.forEachPackage([&](unsigned instance, Header h) {
        void* handle = rpm_byrpmh(state, h);
        if (!handle) return;
        const Id p = repo_add_rpm_handle(
            repo, handle, REPO_REUSE_REPODATA | REPO_NO_INTERNALIZE | RPM_ADD_NO_RPMLIBREQS);
        if (p) repo_set_num(repo, p, RPM_RPMDBID, instance);
    });
    rpm_state_free(state);
    repo_internalize(repo);
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
    const std::string cache = config.cacheDir() + "/system-" +
                              repodata::Checksum::ofString(hostDir, "sha256").substr(0, 16) +
                              ".solv";
    const std::string stamp =
        std::string("mpm-system-1 ") + LIBSOLV_VERSION_STRING + " " + hostDir + " " + marker;
    if (!solv::readStampedSolv(repo, cache, stamp, 0)) {
        repo_empty(repo, 1);
        auto db = rpm::RpmDb::openForReading(config.installroot, dbPath);
        if (db) readRpmDb(pool.raw(), repo, *db);
        std::error_code ec;
        std::filesystem::create_directories(config.cacheDir(), ec);
        solv::writeStampedSolv(repo, cache, stamp);
    }
    systemCache = {cache, stamp};

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
        info.rpmdbId = repo->rpmdbid ? static_cast<unsigned>(repo->rpmdbid[p - repo->start]) : 0;
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
