#include "libmodule/PackageFilter.hpp"

#include "libmodule/Modules.hpp"
#include "libmodule/NevraMatcher.hpp"
#include "libmodule/Sack.hpp"

namespace mpm {

namespace {

bool modularRulesApply(const Sack& sack) {
    const Modules* m = sack.modules();
    return m && !m->metadata().streams().empty();
}

// Whether modular filtering hides `p` of a repo that is subject to it.
bool modularHidden(const Modules& m, ::Pool* pool, Id p) {
    ::Solvable* s = pool_id2solvable(pool, p);
    if (s->arch == ARCH_SRC || s->arch == ARCH_NOSRC) return false;
    const char* name = pool_id2str(pool, s->name);
    const bool modularName = m.isModularName(name);
    const ModuleStream* active = m.activeBuildWithName(name);
    if (!modularName && !active) return false;  // most packages: no string is built
    const auto& listing = m.buildsListing(Package(pool, p).fullNevra());
    if (listing.empty()) return active != nullptr;  // plain package shadowed by a stream
    for (const ModuleStream* b : listing)
        if (m.isActive(b)) return false;
    return true;  // listed only by inactive builds
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
    return s->repo && !exempt(sack, s->repo) && modularHidden(*sack.modules(), sack.raw(), id);
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
    for (const auto& r : sack.repos()) {
        const NevraMatcher exclude(r.config->excludepkgs), include(r.config->includepkgs);
        const bool filtered = modular && !r.config->module_hotfixes;
        Id p;
        ::Solvable* s;
        FOR_REPO_SOLVABLES(r.repo, p, s) {
            if (filtered && modularHidden(*sack.modules(), pool, p)) {
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
