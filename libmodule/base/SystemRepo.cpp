#include "libmodule/base/SystemRepo.hpp"

#include <unordered_map>

#include "libmodule/db/InstalledDb.hpp"
#include "solv/libsolv.hpp"

namespace mpm::base {

namespace {

// The libsolv key and marker for each dependency kind the database stores.
std::pair<Id, Id> keyOf(const std::string& kind) {
    static const std::unordered_map<std::string, std::pair<Id, Id>> keys = {
        {"provides", {SOLVABLE_PROVIDES, 0}},
        {"requires", {SOLVABLE_REQUIRES, -SOLVABLE_PREREQMARKER}},
        {"prerequires", {SOLVABLE_REQUIRES, SOLVABLE_PREREQMARKER}},
        {"conflicts", {SOLVABLE_CONFLICTS, 0}},
        {"obsoletes", {SOLVABLE_OBSOLETES, 0}},
        {"recommends", {SOLVABLE_RECOMMENDS, 0}},
        {"suggests", {SOLVABLE_SUGGESTS, 0}},
        {"supplements", {SOLVABLE_SUPPLEMENTS, 0}},
        {"enhances", {SOLVABLE_ENHANCES, 0}},
    };
    auto it = keys.find(kind);
    return it == keys.end() ? std::pair<Id, Id>{0, 0} : it->second;
}

}  // namespace

::Repo* loadSystemRepo(solv::Pool& pool, const repodata::Config& config, InstalledInfos& infos) {
    ::Repo* repo = pool.addRepo("@System");
    pool_set_installed(pool.raw(), repo);
    auto db = db::InstalledDb::openForReading(config.persistDir());
    if (!db) return repo;
    ::Pool* p = pool.raw();
    Repodata* data = repo_add_repodata(repo, 0);
    for (const auto& pkg : db->packages(true)) {
        Id id = repo_add_solvable(repo);
        ::Solvable* s = pool_id2solvable(p, id);
        s->name = pool_str2id(p, pkg.name.c_str(), 1);
        s->evr = pool_str2id(p, pkg.evr().c_str(), 1);
        s->arch = pool_str2id(p, pkg.arch.c_str(), 1);
        for (const auto& d : pkg.deps) {
            auto [key, marker] = keyOf(d.kind);
            Id dep = pool.parseDep(d.dep);
            if (key && dep) solvable_add_deparray(s, key, dep, marker);
        }
        for (const auto& f : pkg.files) {
            size_t slash = f.path.rfind('/');
            std::string dir = slash == 0 ? "/" : f.path.substr(0, slash);
            Id dirId = repodata_str2dir(data, dir.c_str(), 1);
            repodata_add_dirstr(data, id, SOLVABLE_FILELIST, dirId, f.path.c_str() + slash + 1);
        }
        repodata_set_str(data, id, SOLVABLE_SUMMARY, pkg.summary.c_str());
        repodata_set_str(data, id, SOLVABLE_DESCRIPTION, pkg.description.c_str());
        if (!pkg.url.empty()) repodata_set_str(data, id, SOLVABLE_URL, pkg.url.c_str());
        if (!pkg.license.empty()) repodata_set_str(data, id, SOLVABLE_LICENSE, pkg.license.c_str());
        repodata_set_num(data, id, SOLVABLE_INSTALLSIZE, pkg.installSize);
        repodata_set_num(data, id, SOLVABLE_INSTALLTIME,
                         static_cast<unsigned long long>(pkg.installTime));
        repodata_set_num(data, id, SOLVABLE_BUILDTIME,
                         static_cast<unsigned long long>(pkg.buildTime));
        if (!pkg.sourceRpm.empty()) repodata_set_sourcepkg(data, id, pkg.sourceRpm.c_str());
        infos[id] = {pkg.id, pkg.repo, pkg.reason};
    }
    repo_internalize(repo);
    return repo;
}

}  // namespace mpm::base
