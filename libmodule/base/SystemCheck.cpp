#include "libmodule/base/SystemCheck.hpp"

#include <algorithm>
#include <map>

#include "solv/Queue.hpp"
#include "solv/libsolv.hpp"

namespace mpm::base {

namespace {

bool wanted(const std::vector<CheckKind>& kinds, CheckKind kind) {
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::string nevra(::Pool* pool, Id p) {
    return pool_solvable2str(pool, pool_id2solvable(pool, p));
}

// Whether an installed package other than `self` (or `self`, for requires) matches dep.
bool installedProvides(::Pool* pool, Id dep) {
    Id p, pp;
    FOR_PROVIDES(p, pp, dep) {
        if (pool_id2solvable(pool, p)->repo == pool->installed) return true;
    }
    return false;
}

// rpm's own capabilities (rpmlib(...)) and the config() self-requirements are rpm's business.
bool checked(::Pool* pool, Id dep) {
    const std::string text = pool_dep2str(pool, dep);
    return !text.starts_with("rpmlib(") && !text.starts_with("solvable:");
}

}  // namespace

std::string SystemProblem::sentence() const {
    switch (kind) {
        case CheckKind::Dependencies:
            return package + " has missing requires of " + detail;
        case CheckKind::Conflicts:
            return package + " has installed conflict \"" + detail + "\"";
        case CheckKind::Duplicates:
            return package + " is a duplicate with " + detail;
    }
    return package;
}

std::vector<SystemProblem> checkSystem(const Sack& sack, const std::vector<CheckKind>& kinds) {
    ::Pool* pool = sack.raw();
    std::vector<SystemProblem> out;
    if (!pool->installed) return out;
    sack.indexProvides();
    std::map<std::pair<Id, Id>, std::vector<Id>> byNameArch;
    Id p;
    ::Solvable* s;
    FOR_REPO_SOLVABLES(pool->installed, p, s) {
        byNameArch[{s->name, s->arch}].push_back(p);
        if (wanted(kinds, CheckKind::Dependencies)) {
            solv::Queue deps;
            solvable_lookup_deparray(s, SOLVABLE_REQUIRES, deps.raw(), 0);
            for (Id dep : deps)
                if (dep != SOLVABLE_PREREQMARKER && checked(pool, dep) &&
                    !installedProvides(pool, dep))
                    out.push_back(
                        {CheckKind::Dependencies, nevra(pool, p), pool_dep2str(pool, dep)});
        }
        if (wanted(kinds, CheckKind::Conflicts)) {
            solv::Queue deps;
            solvable_lookup_deparray(s, SOLVABLE_CONFLICTS, deps.raw(), 0);
            for (Id dep : deps) {
                Id q, qq;
                FOR_PROVIDES(q, qq, dep) {
                    if (q == p || pool_id2solvable(pool, q)->repo != pool->installed) continue;
                    out.push_back(
                        {CheckKind::Conflicts, nevra(pool, p),
                         std::string(pool_dep2str(pool, dep)) + " with " + nevra(pool, q)});
                }
            }
        }
    }
    if (wanted(kinds, CheckKind::Duplicates)) {
        const auto& installonly = sack.config().main.installonlypkgs;
        for (const auto& [key, ids] : byNameArch) {
            if (ids.size() < 2) continue;
            const std::string name = pool_id2str(pool, key.first);
            bool multiversion = false;
            for (const auto& cap : installonly) {
                const Id capId = pool_str2id(pool, cap.c_str(), 0);
                if (!capId) continue;
                Id q, qq;
                FOR_PROVIDES(q, qq, capId) multiversion = multiversion || q == ids.front();
            }
            if (multiversion) continue;
            std::vector<std::string> names;
            for (Id q : ids) names.push_back(nevra(pool, q));
            std::sort(names.begin(), names.end());
            for (size_t i = 1; i < names.size(); ++i)
                out.push_back({CheckKind::Duplicates, names[0], names[i]});
        }
    }
    std::sort(out.begin(), out.end(), [](const SystemProblem& a, const SystemProblem& b) {
        return a.sentence() < b.sentence();
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const SystemProblem& a, const SystemProblem& b) {
                              return a.sentence() == b.sentence();
                          }),
              out.end());
    return out;
}

}  // namespace mpm::base
