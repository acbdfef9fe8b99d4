#include "libmodule/module/ModularFilter.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "libmodule/base/Sack.hpp"
#include "libmodule/module/Modules.hpp"

namespace mpm::module {

namespace {

bool rulesApply(const Modules& m) {
    return !m.metadata().streams().empty();
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

bool isSourceArch(const ::Solvable* s) {
    return s->arch == ARCH_SRC || s->arch == ARCH_NOSRC;
}

}  // namespace

bool hiddenByModules(const base::Sack& sack, const Modules& m, Id id) {
    if (!rulesApply(m)) return false;
    const ::Solvable* s = pool_id2solvable(sack.raw(), id);
    if (!s->repo || isSourceArch(s)) return false;
    const base::LoadedRepo* repo = sack.repoOf(id);
    if (!repo || repo->config->module_hotfixes) return false;  // @System, @commandline, hotfixes
    const std::string name = pool_id2str(sack.raw(), s->name);
    const ModuleStream* active = m.activeBuildWithName(name);
    if (!active && !m.isModularName(name)) return false;
    return modularHidden(m, sack.raw(), id, active);
}

std::optional<solv::Map> modularExcludes(const base::Sack& sack, const Modules& m) {
    if (!rulesApply(m)) return std::nullopt;
    ::Pool* pool = sack.raw();
    solv::Map hidden(pool->nsolvables);
    // Repositories loaded with their metadata only (module list, info) have no package to hide.
    const bool anyPackage = std::any_of(sack.repos().begin(), sack.repos().end(),
                                        [](const auto& r) { return r.repo->nsolvables > 0; });
    if (!anyPackage) return hidden;
    const ModularNames names(m, pool);
    for (const auto& r : sack.repos()) {
        if (r.config->module_hotfixes) continue;
        Id p;
        ::Solvable* s;
        FOR_REPO_SOLVABLES(r.repo, p, s) {
            if (isSourceArch(s)) continue;
            const ModularNames::Facts* facts = names.find(s->name);
            if (facts && modularHidden(m, pool, p, facts->active)) hidden.set(p);
        }
    }
    return hidden;
}

}  // namespace mpm::module
