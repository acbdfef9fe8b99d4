#include "libmodule/advisory/AdvisoryQuery.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <map>

#include "solv/libsolv.hpp"

namespace mpm::advisory {

namespace {

int evrcmp(::Pool* pool, const std::string& a, Id b) {
    return pool_evrcmp_str(pool, a.c_str(), pool_id2str(pool, b), EVRCMP_COMPARE);
}

}  // namespace

bool AdvisoryQuery::applies(const AdvisoryCollection& c) const {
    if (c.streams.empty() || !modules_) return true;
    return std::ranges::any_of(c.streams, [&](const auto& ms) {
        return modules_->activeStream(ms.first) == ms.second;
    });
}

std::vector<Id> AdvisoryQuery::installedLike(const AdvisoryPackage& pkg) const {
    std::vector<Id> out;
    ::Pool* pool = const_cast<base::Sack&>(sack_).pool().raw();
    if (!pool->installed) return out;
    const Id name = pool_str2id(pool, pkg.name.c_str(), 0);
    const Id arch = pool_str2id(pool, pkg.arch.c_str(), 0);
    if (!name || !arch) return out;
    Id p;
    ::Solvable* s;
    FOR_REPO_SOLVABLES(pool->installed, p, s) {
        if (s->name == name && s->arch == arch) out.push_back(p);
    }
    return out;
}

std::vector<AdvisoryHit> AdvisoryQuery::hits(Availability scope, const AdvisoryFilter& filter,
                                             const std::vector<std::string>& packageGlobs) const {
    ::Pool* pool = const_cast<base::Sack&>(sack_).pool().raw();
    std::vector<AdvisoryHit> out;
    // Updates: the newest evr the repositories have of each name and architecture.
    std::map<std::pair<Id, Id>, Id> newestAvailable;
    if (scope == Availability::Updates)
        for (Id v : sack_.visiblePackages()) {
            const ::Solvable* s = pool->solvables + v;
            if (s->repo == pool->installed) continue;
            auto [it, added] = newestAvailable.try_emplace({s->name, s->arch}, s->evr);
            if (!added && pool_evrcmp(pool, s->evr, it->second, EVRCMP_COMPARE) > 0)
                it->second = s->evr;
        }
    for (const Advisory& a : advisories_) {
        const bool wanted = filter.matches(a);
        for (const AdvisoryCollection& c : a.collections) {
            if (!applies(c)) continue;
            for (const AdvisoryPackage& pkg : c.packages) {
                if (!wanted && std::ranges::none_of(packageGlobs, [&](const std::string& g) {
                        return fnmatch(g.c_str(), pkg.name.c_str(), 0) == 0;
                    }))
                    continue;
                const std::vector<Id> installed = installedLike(pkg);
                if (installed.empty()) continue;
                // Available and Updates compare with the newest installed one (dnf: latest).
                Id newest = installed.front();
                for (Id i : installed)
                    if (pool_evrcmp(pool, pool->solvables[i].evr, pool->solvables[newest].evr,
                                    EVRCMP_COMPARE) > 0)
                        newest = i;
                bool hit = false;
                switch (scope) {
                    case Availability::Available:
                        hit = evrcmp(pool, pkg.evr, pool->solvables[newest].evr) > 0;
                        break;
                    case Availability::Updates:
                        hit = std::ranges::any_of(installed, [&](Id i) {
                            const ::Solvable* is = pool->solvables + i;
                            const auto newer = newestAvailable.find({is->name, is->arch});
                            return evrcmp(pool, pkg.evr, is->evr) > 0 &&
                                   newer != newestAvailable.end() &&
                                   pool_evrcmp(pool, newer->second, is->evr, EVRCMP_COMPARE) > 0;
                        });
                        break;
                    case Availability::Installed:
                        hit = std::ranges::any_of(installed, [&](Id i) {
                            return evrcmp(pool, pkg.evr, pool->solvables[i].evr) <= 0;
                        });
                        break;
                    case Availability::All:
                        hit = true;
                        break;
                }
                if (!hit) continue;
                AdvisoryHit h{&a, &pkg, false};
                // dnf's "installed": a package of its name (any architecture) at least as new
                const Id name = pool_str2id(pool, pkg.name.c_str(), 0);
                Id p;
                ::Solvable* s;
                FOR_REPO_SOLVABLES(pool->installed, p, s) {
                    if (s->name == name && evrcmp(pool, pkg.evr, s->evr) <= 0) h.installed = true;
                }
                out.push_back(h);
            }
        }
    }
    return out;
}

std::vector<Id> AdvisoryQuery::upgradeCandidates(const AdvisoryFilter& filter,
                                                 FixVersion fix) const {
    ::Pool* pool = const_cast<base::Sack&>(sack_).pool().raw();
    // The advisory packages that would upgrade an installed package: (name, arch) -> lowest
    // fixing version per advisory package.
    std::vector<std::pair<Id, const AdvisoryPackage*>> fixes;  // installed package, fix
    for (const Advisory& a : advisories_) {
        if (!filter.matches(a)) continue;
        for (const AdvisoryCollection& c : a.collections) {
            if (!applies(c)) continue;
            for (const AdvisoryPackage& pkg : c.packages)
                for (Id i : installedLike(pkg))
                    if (evrcmp(pool, pkg.evr, pool->solvables[i].evr) > 0)
                        fixes.emplace_back(i, &pkg);
        }
    }
    std::vector<Id> out;
    if (fixes.empty()) return out;
    for (Id v : sack_.visiblePackages()) {
        const ::Solvable* s = pool->solvables + v;
        if (s->repo == pool->installed) continue;
        const bool allowed = std::ranges::any_of(fixes, [&](const auto& f) {
            const ::Solvable* inst = pool->solvables + f.first;
            if (s->name != inst->name || s->arch != inst->arch) return false;
            const int cmp = -evrcmp(pool, f.second->evr, s->evr);  // s against the fix
            return fix == FixVersion::Exactly ? cmp == 0 : cmp >= 0;
        });
        if (allowed) out.push_back(v);
    }
    return out;
}

}  // namespace mpm::advisory
