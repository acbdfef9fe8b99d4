#include "libmodule/comps/CompsLoader.hpp"

#include <cstdlib>

#include "repodata/CompsSolv.hpp"
#include "solv/Pool.hpp"
#include "solv/Queue.hpp"
#include "solv/libsolv.hpp"

namespace mpm::comps {

namespace {

std::string str(::Solvable* s, Id key) {
    const char* v = solvable_lookup_str(s, key);
    return v ? v : "";
}

int order(::Solvable* s) {
    const std::string v = str(s, SOLVABLE_ORDER);
    if (v.empty()) return INT_MAX;
    char* end = nullptr;
    const long n = std::strtol(v.c_str(), &end, 10);
    return *end == '\0' && n >= INT_MIN && n < INT_MAX ? static_cast<int>(n) : INT_MAX;
}

// The dependencies under `key` (requires, recommends, suggests) as libsolv's comps reader
// stores a group's packages: "name", or "name IF condition" for a conditional one.
std::vector<GroupPackage> packages(::Solvable* s, Id key, PackageType type) {
    ::Pool* pool = s->repo->pool;
    solv::Queue deps;
    solvable_lookup_deparray(s, key, deps.raw(), -1);
    std::vector<GroupPackage> out;
    for (Id dep : deps) {
        GroupPackage p;
        p.type = type;
        if (ISRELDEP(dep)) {
            const ::Reldep* rd = GETRELDEP(pool, dep);
            if (rd->flags != REL_COND) continue;
            p.name = pool_id2str(pool, rd->name);
            p.condition = pool_dep2str(pool, rd->evr);
            p.type = PackageType::Conditional;
        } else {
            p.name = pool_id2str(pool, dep);
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<std::string> groupIds(::Solvable* s, Id key) {
    std::vector<std::string> out;
    for (const auto& p : packages(s, key, PackageType::Mandatory))
        if (p.name.starts_with("group:")) out.push_back(p.name.substr(6));
    return out;
}

ParsedComps extract(::Repo* repo) {
    ParsedComps out;
    Id p;
    ::Solvable* s;
    FOR_REPO_SOLVABLES(repo, p, s) {
        const std::string name = pool_id2str(repo->pool, s->name);
        if (name.starts_with("group:")) {
            Group g;
            g.id = name.substr(6);
            g.name = str(s, SOLVABLE_SUMMARY);
            g.description = str(s, SOLVABLE_DESCRIPTION);
            g.visible = solvable_lookup_void(s, SOLVABLE_ISVISIBLE);
            g.order = order(s);
            for (auto [key, type] : {std::pair{SOLVABLE_REQUIRES, PackageType::Mandatory},
                                     {SOLVABLE_RECOMMENDS, PackageType::Default},
                                     {SOLVABLE_SUGGESTS, PackageType::Optional}})
                for (auto& pkg : packages(s, key, type)) g.packages.push_back(std::move(pkg));
            out.groups.push_back(std::move(g));
        } else if (name.starts_with("environment:")) {
            Environment e;
            e.id = name.substr(12);
            e.name = str(s, SOLVABLE_SUMMARY);
            e.description = str(s, SOLVABLE_DESCRIPTION);
            e.order = order(s);
            e.groups = groupIds(s, SOLVABLE_REQUIRES);
            e.optionalGroups = groupIds(s, SOLVABLE_SUGGESTS);
            out.environments.push_back(std::move(e));
        }
    }
    return out;
}

}  // namespace

std::optional<ParsedComps> CompsLoader::read(const repodata::RepoMetadata& md) {
    solv::Pool pool("noarch");
    ::Repo* repo = pool.addRepo(md.repoid);
    if (!repodata::CompsSolv::load(repo, md)) return std::nullopt;
    return extract(repo);
}

}  // namespace mpm::comps
