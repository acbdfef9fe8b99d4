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

// Whether modular filtering hides a package with a modular name, given the builds listing it
// and the active build with a package of its name (if any).
bool hiddenBy(const Modules& m, const std::vector<const ModuleStream*>& listing,
              const ModuleStream* activeWithName) {
    if (listing.empty()) return activeWithName != nullptr;  // shadowed by a stream
    return std::none_of(listing.begin(), listing.end(),     // listed only by inactive builds
                        [&](const ModuleStream* b) { return m.isActive(b); });
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
    return hiddenBy(m, m.artifacts().listing(s), active);
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
            if (isSourceArch(s)) continue;
            const auto active = activeByName.find(s->name);
            const ModuleStream* activeWithName =
                active == activeByName.end() ? nullptr : active->second;
            if ((activeWithName || index.isModularName(s->name)) &&
                hiddenBy(m, index.listing(s), activeWithName))
                hidden.set(p);
        }
    }
    return hidden;
}

}  // namespace mpm::module
