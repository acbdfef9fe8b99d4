#include "libmodule/module/ModularFilter.hpp"

#include <algorithm>
#include <unordered_map>

#include "libmodule/base/Sack.hpp"
#include "libmodule/module/ArtifactIndex.hpp"
#include "libmodule/module/Modules.hpp"

namespace mpm::module {

namespace {

bool rulesApply(const Modules& m) {
    return !m.metadata().streams().empty();
}

// Whether modular filtering hides a package with a modular name: one some build lists is hidden
// when none of those builds is active; one no build lists, when an active build has a package
// of its name (a plain package shadowed by a stream).
bool hiddenBy(const Modules& m, const ArtifactIndex& index, const ::Solvable* s,
              const ModuleStream* activeWithName) {
    bool listed = false, listedByActive = false;
    index.eachListing(s, [&](const ModuleStream* b) {
        listed = true;
        listedByActive = listedByActive || m.isActive(b);
    });
    return listed ? !listedByActive : activeWithName != nullptr;
}

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
    const ModuleStream* active = m.activeBuildWithName(pool_id2str(sack.raw(), s->name));
    if (!active && !m.isModularName(s->name)) return false;
    return hiddenBy(m, m.artifacts(), s, active);
}

std::optional<solv::Map> modularExcludes(const base::Sack& sack, const Modules& m) {
    if (!rulesApply(m)) return std::nullopt;
    ::Pool* pool = sack.raw();
    solv::Map hidden(pool->nsolvables);
    // Repositories loaded with their metadata only (module list, info) have no package to hide.
    const bool anyPackage = std::any_of(sack.repos().begin(), sack.repos().end(),
                                        [](const auto& r) { return r.repo->nsolvables > 0; });
    if (!anyPackage) return hidden;
    const ArtifactIndex& index = m.artifacts();
    // The active builds' package names, by Id: a package's test is integer lookups.
    std::unordered_map<Id, const ModuleStream*> activeByName;
    for (const auto& [name, build] : m.activeByName())
        if (Id id = pool_str2id(pool, name.c_str(), 0)) activeByName[id] = build;
    for (const auto& r : sack.repos()) {
        if (r.config->module_hotfixes) continue;
        Id p;
        ::Solvable* s;
        FOR_REPO_SOLVABLES(r.repo, p, s) {
            // (an active build's package names are modular names)
            if (isSourceArch(s) || !index.isModularName(s->name)) continue;
            const auto active = activeByName.find(s->name);
            if (hiddenBy(m, index, s, active == activeByName.end() ? nullptr : active->second))
                hidden.set(p);
        }
    }
    return hidden;
}

}  // namespace mpm::module
