#include "libmodule/base/PackageQuery.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

#include "solv/libsolv.hpp"

#include "common/Strings.hpp"
#include "libmodule/base/NevraMatcher.hpp"
#include "libmodule/base/SystemCheck.hpp"
#include "solv/DataIterator.hpp"

namespace mpm::base {

namespace {

// A package as (name, evr, arch): an installed package and its copy in a repository compare
// equal.
using Nevra = std::tuple<Id, Id, Id>;

Nevra nevraOf(::Pool* pool, Id id) {
    const ::Solvable* s = pool_id2solvable(pool, id);
    return {s->name, s->evr, s->arch};
}

// The NEVRAs of the packages among `ids` that are in a repository (not installed).
std::set<Nevra> availableNevras(::Pool* pool, const std::vector<Id>& ids) {
    std::set<Nevra> out;
    for (Id id : ids)
        if (pool_id2solvable(pool, id)->repo != pool->installed) out.insert(nevraOf(pool, id));
    return out;
}

}  // namespace

PackageQuery::PackageQuery(const Sack& sack) : sack_(sack) {}

std::vector<Id>& PackageQuery::made() const {
    if (!ids_) ids_ = sack_.visiblePackages();
    return *ids_;
}

template <typename Pred>
PackageQuery& PackageQuery::keep(Pred pred) {
    std::erase_if(made(), [&](Id id) { return !pred(id); });
    return *this;
}

PackageQuery& PackageQuery::within(const std::set<Id>& allowed) {
    return keep([&](Id id) { return allowed.count(id) > 0; });
}

PackageQuery& PackageQuery::installed() {
    ::Pool* pool = sack_.raw();
    return keep([&](Id id) {
        return pool->installed && pool_id2solvable(pool, id)->repo == pool->installed;
    });
}

PackageQuery& PackageQuery::available() {
    ::Pool* pool = sack_.raw();
    return keep([&](Id id) {
        return !pool->installed || pool_id2solvable(pool, id)->repo != pool->installed;
    });
}

PackageQuery& PackageQuery::matching(const std::vector<std::string>& specs) {
    NevraMatcher matcher(specs);
    if (const auto* names = matcher.candidateNames(sack_.raw()); names && !ids_)
        ids_ = sack_.visiblePackagesWhere([names](const ::Solvable* s) {
            return std::find(names->begin(), names->end(), s->name) != names->end();
        });
    return keep([&](Id id) { return matcher.matches(sack_.package(id)); });
}

PackageQuery& PackageQuery::inRepos(const std::vector<std::string>& repoGlobs) {
    return keep([&](Id id) {
        const std::string repo = sack_.package(id).repoId();
        return std::any_of(repoGlobs.begin(), repoGlobs.end(),
                           [&](const auto& g) { return globMatch(g, repo); });
    });
}

PackageQuery& PackageQuery::withArch(const std::vector<std::string>& arches) {
    return keep([&](Id id) {
        const std::string arch = sack_.package(id).arch();
        return std::any_of(arches.begin(), arches.end(),
                           [&](const auto& a) { return globMatch(a, arch); });
    });
}

bool isFileSpec(const std::string& spec) {
    return spec.starts_with('/') || (hasGlob(spec) && spec.find('/') != std::string::npos);
}

namespace {

// Every solvable providing `capability`: files by file list, globs by name, else whatprovides.
std::unordered_set<Id> providersOf(const Sack& sack, const std::string& capability) {
    ::Pool* pool = sack.raw();
    std::unordered_set<Id> out;
    // A file some package depends on: whatprovides (below) lists every package holding it, so
    // the file lists of every package need no scan for it.
    bool indexedFile = false;
    if (capability.starts_with('/') && !hasGlob(capability)) {
        sack.indexProvides();
        const Id path = pool_str2id(pool, capability.c_str(), 0);
        indexedFile = path && sack.providesEveryHolder(path);
    }
    if (isFileSpec(capability) && !indexedFile) {
        const int flags = SEARCH_FILES | SEARCH_COMPLETE_FILELIST |
                          (hasGlob(capability) ? SEARCH_GLOB : SEARCH_STRING);
        solv::DataIterator it(pool, nullptr, 0, SOLVABLE_FILELIST, capability.c_str(), flags);
        while (it.step()) {
            out.insert(it.at().solvid);
            dataiterator_skip_solvable(it.raw());
        }
    }
    if (hasGlob(capability)) {
        for (Id p : sack.visiblePackages()) {
            for (Id dep : sack.package(p).depIds(SOLVABLE_PROVIDES)) {
                Id name = dep;
                while (ISRELDEP(name)) name = GETRELDEP(pool, name)->name;
                if (globMatch(capability, pool_id2str(pool, name))) {
                    out.insert(p);
                    break;
                }
            }
        }
        return out;
    }
    Id dep = sack.pool().parseDep(capability);
    if (!dep) return out;
    sack.indexProvides();
    Id p, pp;
    FOR_PROVIDES(p, pp, dep) out.insert(p);
    return out;
}

}  // namespace

namespace {

// A capability whose providers are found by comparing it with the provides of each package
// queried, without libsolv's whatprovides index (20 M instructions for 28,000 packages; the
// comparisons are a few Ids per package): a name, a name with one version relation, or a file
// every package holding it provides. 0 for the rest (rich dependencies, globs, other files),
// and once the index is built, which answers faster.
Id comparedWithProvides(const Sack& sack, const std::string& capability) {
    ::Pool* pool = sack.raw();
    if (pool->whatprovides || hasGlob(capability) || capability.starts_with('(')) return 0;
    if (capability.starts_with('/')) {
        const Id path = pool_str2id(pool, capability.c_str(), 0);
        return path && sack.providesEveryHolder(path) ? path : 0;
    }
    const Id dep = sack.pool().parseDep(capability);
    if (!ISRELDEP(dep)) return dep;
    const Reldep* rel = GETRELDEP(pool, dep);
    return rel->flags > 0 && rel->flags < 8 && !ISRELDEP(rel->name) ? dep : 0;
}

// pool_match_dep is what whatprovides applies (an unversioned provide matches any version).
bool providesAny(::Pool* pool, Id id, const std::vector<Id>& deps) {
    const ::Solvable* s = pool_id2solvable(pool, id);
    if (deps.empty() || !s->provides) return false;
    for (const Id* provide = s->repo->idarraydata + s->provides; *provide; ++provide)
        for (Id dep : deps)
            if (pool_match_dep(pool, *provide, dep)) return true;
    return false;
}

}  // namespace

PackageQuery& PackageQuery::whatProvides(const std::vector<std::string>& capabilities) {
    std::unordered_set<Id> providers;
    std::vector<Id> compared;
    for (const auto& c : capabilities) {
        if (Id dep = comparedWithProvides(sack_, c))
            compared.push_back(dep);
        else
            providers.merge(providersOf(sack_, c));
    }
    ::Pool* pool = sack_.raw();
    return keep([&](Id id) { return providers.count(id) > 0 || providesAny(pool, id, compared); });
}

PackageQuery& PackageQuery::whatRequires(const std::vector<std::string>& capabilities) {
    return whatDependsOn({SOLVABLE_REQUIRES}, capabilities);
}

PackageQuery& PackageQuery::whatDependsOn(const std::vector<Id>& keys,
                                          const std::vector<std::string>& capabilities) {
    ::Pool* pool = sack_.raw();
    // What counts as "provided": the capabilities themselves, and every provide of the packages
    // that the capabilities name as NEVRA specs (dnf's by_all_deps).
    // (dep, the named package providing it; 0 for a capability given as it is)
    std::vector<std::pair<Id, Id>> provided;
    for (const auto& c : capabilities)
        if (Id dep = sack_.pool().parseDep(c)) provided.emplace_back(dep, 0);
    PackageQuery named(sack_);
    named.matching(capabilities);
    for (Id p : named.ids())
        for (Id dep : sack_.package(p).depIds(SOLVABLE_PROVIDES)) provided.emplace_back(dep, p);
    return keep([&](Id id) {
        const Package pkg = sack_.package(id);
        for (Id key : keys)
            for (Id dep : pkg.depIds(key))
                for (const auto& [prov, by] : provided)
                    // A package needing its own provide (rpm's config(NAME) for a package
                    // with %config files) is not one that needs what it names, as in libsolv's
                    // whatmatchessolvable.
                    if (by != id && pool_match_dep(pool, prov, dep)) return true;
        return false;
    });
}

PackageQuery& PackageQuery::search(const std::vector<std::string>& terms, bool all) {
    std::vector<std::string> lowered;
    for (const auto& t : terms) lowered.push_back(toLower(t));
    return keep([&](Id id) {
        Package pkg = sack_.package(id);
        // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on the chain
        // of operator+ this was.
        std::string hay = toLower(pkg.name());
        auto add = [&hay](const std::string& text) {
            hay += '\n';
            hay += toLower(text);
        };
        add(pkg.summary());
        if (all) {
            add(pkg.description());
            add(pkg.url());
        }
        // dnf's rule: every term in the name or summary; with --all, any term anywhere.
        auto found = [&](const auto& t) { return hay.find(t) != std::string::npos; };
        return all ? std::any_of(lowered.begin(), lowered.end(), found)
                   : std::all_of(lowered.begin(), lowered.end(), found);
    });
}

PackageQuery& PackageQuery::upgrades() {
    ::Pool* pool = sack_.raw();
    std::multimap<Id, Id> installedByName;
    if (pool->installed) {
        Id p;
        ::Solvable* s;
        FOR_REPO_SOLVABLES(pool->installed, p, s) installedByName.emplace(s->name, p);
    }
    available();
    return keep([&](Id id) {
        ::Solvable* s = pool_id2solvable(pool, id);
        auto [b, e] = installedByName.equal_range(s->name);
        // Newer than every installed version of it (with kernels 5.3 and 5.4 installed, the
        // repository's 5.4 is no upgrade).
        bool newer = false;
        for (auto it = b; it != e; ++it) {
            ::Solvable* inst = pool_id2solvable(pool, it->second);
            if (!archesMeet(inst, s)) continue;
            if (pool_evrcmp(pool, s->evr, inst->evr, EVRCMP_COMPARE) <= 0) return false;
            newer = true;
        }
        return newer;
    });
}

PackageQuery& PackageQuery::upgradesByPriority() {
    available();
    bestPriorityPerName();
    return upgrades();
}

PackageQuery& PackageQuery::bestPriorityPerName() {
    ::Pool* pool = sack_.raw();
    std::map<Id, int> best;  // name -> the best priority of a repository that has it
    for (Id id : made()) {
        const ::Solvable* s = pool_id2solvable(pool, id);
        auto [it, fresh] = best.emplace(s->name, s->repo->priority);
        if (!fresh) it->second = std::max(it->second, s->repo->priority);
    }
    return keep([&](Id id) {
        const ::Solvable* s = pool_id2solvable(pool, id);
        return s->repo->priority == best.at(s->name);
    });
}

std::vector<Id> PackageQuery::installedObsoletedBy(const Sack& sack, Id package) {
    ::Pool* pool = sack.raw();
    std::vector<Id> out;
    const ::Solvable* s = pool_id2solvable(pool, package);
    if (!pool->installed || !s->obsoletes) return out;
    // (queries make no whatprovides index: the installed packages are walked, and only for the
    // packages that obsolete something)
    Id p;
    ::Solvable* inst;
    FOR_REPO_SOLVABLES(pool->installed, p, inst)
    if (inst->name != s->name && obsoletes(pool, s, inst)) out.push_back(p);
    return out;
}

PackageQuery& PackageQuery::obsoletingInstalled() {
    available();
    return keep([&](Id id) { return !installedObsoletedBy(sack_, id).empty(); });
}

PackageQuery& PackageQuery::userInstalled() {
    installed();
    return keep([&](Id id) {
        const InstalledInfo* info = sack_.installedInfo(id);
        // dnf counts a package it did not install (rpm -i) as the user's too.
        return info && (info->reason == db::InstallReason::User ||
                        info->reason == db::InstallReason::External);
    });
}

PackageQuery& PackageQuery::unsatisfied() {
    std::set<std::string> broken;
    for (const auto& problem : checkSystem(sack_, {CheckKind::Dependencies}))
        broken.insert(problem.package);
    installed();
    return keep([&](Id id) { return broken.count(sack_.package(id).nevra()) > 0; });
}

PackageQuery& PackageQuery::duplicates() {
    // The system check's rule (install-only packages are meant to be there several times).
    std::set<std::string> doubled;
    for (const auto& problem : checkSystem(sack_, {CheckKind::Duplicates})) {
        doubled.insert(problem.package);
        doubled.insert(problem.detail);
    }
    installed();
    return keep([&](Id id) { return doubled.count(sack_.package(id).nevra()) > 0; });
}

PackageQuery& PackageQuery::installOnly() {
    installed();
    return whatProvides(sack_.config().main.installonlypkgs);
}

PackageQuery& PackageQuery::builtSince(long long time) {
    return keep(
        [&](Id id) { return static_cast<long long>(sack_.package(id).buildTime()) >= time; });
}

PackageQuery& PackageQuery::notAlsoAvailable() {
    ::Pool* pool = sack_.raw();
    const std::set<Nevra> inRepos = availableNevras(pool, made());
    return keep([&](Id id) {
        return pool_id2solvable(pool, id)->repo != pool->installed ||
               !inRepos.count(nevraOf(pool, id));
    });
}

PackageQuery& PackageQuery::notInstalledAlready() {
    ::Pool* pool = sack_.raw();
    std::multimap<std::pair<Id, Id>, Id> installedEvrs;  // (name, arch) -> evr
    if (pool->installed) {
        Id p;
        ::Solvable* s;
        FOR_REPO_SOLVABLES(pool->installed, p, s)
        installedEvrs.emplace(std::pair{s->name, s->arch}, s->evr);
    }
    return keep([&](Id id) {
        const ::Solvable* s = pool_id2solvable(pool, id);
        if (s->repo == pool->installed) return true;
        auto [b, e] = installedEvrs.equal_range({s->name, s->arch});
        for (auto it = b; it != e; ++it) {
            const int cmp = pool_evrcmp(pool, s->evr, it->second, EVRCMP_COMPARE);
            if (cmp <= 0) return false;
        }
        return true;
    });
}

PackageQuery& PackageQuery::extras() {
    ::Pool* pool = sack_.raw();
    const std::set<Nevra> inRepos = availableNevras(pool, PackageQuery(sack_).ids());
    installed();
    return keep([&](Id id) { return !inRepos.count(nevraOf(pool, id)); });
}

PackageQuery& PackageQuery::latest() {
    ::Pool* pool = sack_.raw();
    std::map<std::pair<Id, Id>, Id> best;  // (name, arch) -> solvable
    for (Id id : made()) {
        ::Solvable* s = pool_id2solvable(pool, id);
        auto [it, inserted] = best.emplace(std::make_pair(s->name, s->arch), id);
        if (inserted) continue;
        ::Solvable* cur = pool_id2solvable(pool, it->second);
        int cmp = pool_evrcmp(pool, s->evr, cur->evr, EVRCMP_COMPARE);
        bool better = cmp > 0 || (cmp == 0 && (s->repo->priority > cur->repo->priority ||
                                               (s->repo->priority == cur->repo->priority &&
                                                s->repo->subpriority > cur->repo->subpriority)));
        if (better) it->second = id;
    }
    ids_->clear();
    for (const auto& [key, id] : best) ids_->push_back(id);
    return *this;
}

PackageQuery& PackageQuery::latestByPriority() {
    ::Pool* pool = sack_.raw();
    std::map<std::pair<Id, Id>, int> best;  // (name, arch) -> the best priority that has it
    for (Id id : made()) {
        const ::Solvable* s = pool_id2solvable(pool, id);
        auto [it, fresh] = best.emplace(std::make_pair(s->name, s->arch), s->repo->priority);
        if (!fresh) it->second = std::max(it->second, s->repo->priority);
    }
    keep([&](Id id) {
        const ::Solvable* s = pool_id2solvable(pool, id);
        return s->repo == pool->installed ||
               s->repo->priority == best.at(std::make_pair(s->name, s->arch));
    });
    return latest();
}

PackageQuery& PackageQuery::latestVersions(int limit) {
    ::Pool* pool = sack_.raw();
    std::map<std::pair<Id, Id>, std::vector<Id>> evrs;  // (name, arch) -> distinct versions
    for (Id id : made()) {
        const ::Solvable* s = pool_id2solvable(pool, id);
        auto& seen = evrs[{s->name, s->arch}];
        if (std::find(seen.begin(), seen.end(), s->evr) == seen.end()) seen.push_back(s->evr);
    }
    for (auto& [key, seen] : evrs) {
        std::sort(seen.begin(), seen.end(),
                  [pool](Id a, Id b) { return pool_evrcmp(pool, a, b, EVRCMP_COMPARE) > 0; });
        // dnf's rule: N > 0 keeps the N newest, N < 0 all but the -N newest.
        if (limit > 0 && static_cast<int>(seen.size()) > limit)
            seen.resize(static_cast<size_t>(limit));
        if (limit < 0)
            seen.erase(seen.begin(),
                       seen.begin() + std::min<long>(static_cast<long>(seen.size()), -limit));
    }
    return keep([&](Id id) {
        const ::Solvable* s = pool_id2solvable(pool, id);
        const auto& kept = evrs[{s->name, s->arch}];
        return std::find(kept.begin(), kept.end(), s->evr) != kept.end();
    });
}

std::vector<Package> PackageQuery::packages() const {
    ::Pool* pool = sack_.raw();
    std::vector<Id> sorted = made();
    std::sort(sorted.begin(), sorted.end(), [pool](Id a, Id b) {
        ::Solvable* sa = pool_id2solvable(pool, a);
        ::Solvable* sb = pool_id2solvable(pool, b);
        if (sa->name != sb->name)
            return std::strcmp(pool_id2str(pool, sa->name), pool_id2str(pool, sb->name)) < 0;
        int cmp = pool_evrcmp(pool, sa->evr, sb->evr, EVRCMP_COMPARE);
        if (cmp) return cmp < 0;
        if (sa->arch != sb->arch)
            return std::strcmp(pool_id2str(pool, sa->arch), pool_id2str(pool, sb->arch)) < 0;
        return std::strcmp(sa->repo->name, sb->repo->name) < 0;
    });
    std::vector<Package> out;
    out.reserve(sorted.size());
    for (Id id : sorted) out.emplace_back(pool, id);
    return out;
}

}  // namespace mpm::base
