#include "libmodule/advisory/AdvisoryQuery.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "common/Strings.hpp"
#include "solv/libsolv.hpp"

namespace mpm::advisory {

namespace {

int evrcmp(::Pool* pool, const std::string& a, Id b) {
    return pool_evrcmp_str(pool, a.c_str(), pool_id2str(pool, b), EVRCMP_COMPARE);
}

}  // namespace

AdvisoryQuery::AdvisoryQuery(const base::Sack& sack, const module::Modules* modules,
                             const std::vector<Advisory>& advisories)
    : sack_(sack), modules_(modules), advisories_(advisories) {
    ::Pool* pool = sack_.raw();
    if (!pool->installed) return;
    Id p;
    ::Solvable* s;
    FOR_REPO_SOLVABLES(pool->installed, p, s) installedByName_.emplace(s->name, p);
}

bool AdvisoryQuery::applies(const AdvisoryCollection& c) const {
    if (c.streams.empty() || !modules_) return true;
    return std::ranges::any_of(
        c.streams, [&](const auto& ms) { return modules_->activeStream(ms.first) == ms.second; });
}

std::vector<Id> AdvisoryQuery::installedLike(const AdvisoryPackage& pkg) const {
    std::vector<Id> out;
    ::Pool* pool = sack_.raw();
    const Id name = pool_str2id(pool, pkg.name.c_str(), 0);
    const Id arch = pool_str2id(pool, pkg.arch.c_str(), 0);
    if (!name || !arch) return out;
    const auto [begin, end] = installedByName_.equal_range(name);
    for (auto it = begin; it != end; ++it)
        if (pool->solvables[it->second].arch == arch) out.push_back(it->second);
    return out;
}

bool AdvisoryQuery::installedAtLeast(const AdvisoryPackage& pkg) const {
    ::Pool* pool = sack_.raw();
    const auto [begin, end] = installedByName_.equal_range(pool_str2id(pool, pkg.name.c_str(), 0));
    return std::any_of(begin, end, [&](const auto& entry) {
        return evrcmp(pool, pkg.evr, pool->solvables[entry.second].evr) <= 0;
    });
}

std::vector<AdvisoryHit> AdvisoryQuery::hits(Availability scope, const AdvisoryFilter& filter,
                                             const std::vector<std::string>& packageGlobs) const {
    ::Pool* pool = sack_.raw();
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
                        return globMatch(g, pkg.name);
                    }))
                    continue;
                const std::vector<Id> installed = installedLike(pkg);
                if (installed.empty()) continue;
                bool hit = false;
                switch (scope) {
                    case Availability::Available:  // newer than every installed one (dnf: latest)
                        hit = std::ranges::all_of(installed, [&](Id i) {
                            return evrcmp(pool, pkg.evr, pool->solvables[i].evr) > 0;
                        });
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
                // dnf's "installed" mark looks at the name only, any architecture
                out.push_back({&a, &pkg, installedAtLeast(pkg)});
            }
        }
    }
    return out;
}

std::vector<Id> AdvisoryQuery::upgradeCandidates(const AdvisoryFilter& filter,
                                                 FixVersion fix) const {
    ::Pool* pool = sack_.raw();
    // The advisory packages newer than an installed package of their name and architecture,
    // by that name: (installed package, fix).
    std::unordered_multimap<Id, std::pair<Id, const AdvisoryPackage*>> fixes;
    for (const Advisory& a : advisories_) {
        if (!filter.matches(a)) continue;
        for (const AdvisoryCollection& c : a.collections) {
            if (!applies(c)) continue;
            for (const AdvisoryPackage& pkg : c.packages)
                for (Id i : installedLike(pkg))
                    if (evrcmp(pool, pkg.evr, pool->solvables[i].evr) > 0)
                        fixes.emplace(pool->solvables[i].name, std::pair{i, &pkg});
        }
    }
    std::vector<Id> out;
    if (fixes.empty()) return out;
    for (Id v : sack_.visiblePackages()) {
        const ::Solvable* s = pool->solvables + v;
        if (s->repo == pool->installed) continue;
        const auto [begin, end] = fixes.equal_range(s->name);
        const bool allowed = std::any_of(begin, end, [&](const auto& entry) {
            const auto& [installed, pkg] = entry.second;
            if (s->arch != pool->solvables[installed].arch) return false;
            const int cmp = -evrcmp(pool, pkg->evr, s->evr);  // s against the fix
            return fix == FixVersion::Exactly ? cmp == 0 : cmp >= 0;
        });
        if (allowed) out.push_back(v);
    }
    return out;
}

}  // namespace mpm::advisory
