#include "libmodule/PackageFilter.hpp"

#include <cstring>
#include <optional>
#include <unordered_map>

#include "libmodule/Modules.hpp"
#include "libmodule/NevraMatcher.hpp"
#include "libmodule/Sack.hpp"

namespace mpm {

namespace {

bool modularRulesApply(const Sack& sack) {
    const Modules* m = sack.modules();
    return m && !m->metadata().streams().empty();
}

// "name-epoch:version-release.arch" of a solvable, as artifacts are indexed.
std::string fullNevraOf(::Pool* pool, const ::Solvable* s) {
    const char* evr = pool_id2str(pool, s->evr);
    std::string out = pool_id2str(pool, s->name);
    out += '-';
    if (!std::strchr(evr, ':')) out += "0:";
    out += evr;
    out += '.';
    out += pool_id2str(pool, s->arch);
    return out;
}

// Whether modular filtering hides `p`, given what its name is to the modules (when the name
// is modular at all).
bool modularHidden(const Modules& m, ::Pool* pool, Id p, const ModuleStream* activeWithName) {
    const ::Solvable* s = pool_id2solvable(pool, p);
    const auto& listing = m.buildsListing(fullNevraOf(pool, s));
    if (listing.empty()) return activeWithName != nullptr;  // plain package shadowed by a stream
    for (const ModuleStream* b : listing)
        if (m.isActive(b)) return false;
    return true;  // listed only by inactive builds
}

// Package names the modules care about, by pool Id: names no package has are left out, and
// the per-package test is an integer lookup.
struct ModularNames {
    struct Facts {
        const ModuleStream* active = nullptr;
    };
    std::unordered_map<Id, Facts> byId;

    ModularNames(const Modules& m, ::Pool* pool) {
        for (const auto& name : m.modularNames())
            if (Id id = pool_str2id(pool, name.c_str(), 0)) byId[id];
        for (const auto& [name, build] : m.activeByName())
            if (Id id = pool_str2id(pool, name.c_str(), 0)) byId[id].active = build;
    }
    const Facts* find(Id name) const {
        auto it = byId.find(name);
        return it == byId.end() ? nullptr : &it->second;
    }
};

bool hiddenBy(const Modules& m, const ModularNames& names, ::Pool* pool, Id p) {
    const ::Solvable* s = pool_id2solvable(pool, p);
    if (s->arch == ARCH_SRC || s->arch == ARCH_NOSRC) return false;
    const ModularNames::Facts* facts = names.find(s->name);
    return facts && modularHidden(m, pool, p, facts->active);
}

bool exempt(const Sack& sack, ::Repo* repo) {
    if (repo == sack.raw()->installed) return true;
    for (const auto& r : sack.repos())
        if (r.repo == repo) return r.config->module_hotfixes;
    return true;  // @commandline
}

}  // namespace

bool hiddenByModules(const Sack& sack, Id id) {
    if (!modularRulesApply(sack)) return false;
    ::Solvable* s = pool_id2solvable(sack.raw(), id);
    if (!s->repo || exempt(sack, s->repo)) return false;
    if (s->arch == ARCH_SRC || s->arch == ARCH_NOSRC) return false;
    const Modules& m = *sack.modules();
    const std::string name = pool_id2str(sack.raw(), s->name);
    const ModuleStream* active = m.activeBuildWithName(name);
    if (!active && !m.isModularName(name)) return false;
    return modularHidden(m, sack.raw(), id, active);
}

std::optional<solv::Map> computeConsidered(const Sack& sack) {
    const auto& main = sack.config().main;
    bool anyRule = !main.excludepkgs.empty() || !main.includepkgs.empty();
    for (const auto& r : sack.repos())
        anyRule = anyRule || !r.config->excludepkgs.empty() || !r.config->includepkgs.empty();
    const bool modular = modularRulesApply(sack);
    if (!anyRule && !modular) return std::nullopt;

    ::Pool* pool = sack.raw();
    solv::Map map(pool->nsolvables);
    map.setAll();
    const NevraMatcher globalExclude(main.excludepkgs), globalInclude(main.includepkgs);
    std::optional<ModularNames> names;
    if (modular) names.emplace(*sack.modules(), pool);
    for (const auto& r : sack.repos()) {
        const NevraMatcher exclude(r.config->excludepkgs), include(r.config->includepkgs);
        const bool filtered = modular && !r.config->module_hotfixes;
        Id p;
        ::Solvable* s;
        FOR_REPO_SOLVABLES(r.repo, p, s) {
            if (filtered && hiddenBy(*sack.modules(), *names, pool, p)) {
                map.clear(p);
                continue;
            }
            if (!anyRule) continue;
            Package pkg(pool, p);
            bool hidden = (!globalExclude.empty() && globalExclude.matches(pkg)) ||
                          (!exclude.empty() && exclude.matches(pkg)) ||
                          (!globalInclude.empty() && !globalInclude.matches(pkg)) ||
                          (!include.empty() && !include.matches(pkg));
            if (hidden) map.clear(p);
        }
    }
    return map;
}

}  // namespace mpm
