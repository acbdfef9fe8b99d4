#include "libmodule/base/PackageFilter.hpp"

#include "libmodule/base/NevraMatcher.hpp"
#include "libmodule/base/Sack.hpp"

namespace mpm::base {

std::optional<solv::Map> computeConsidered(const Sack& sack) {
    const auto& main = sack.config().main;
    bool anyRule = !main.excludepkgs.empty() || !main.includepkgs.empty();
    for (const auto& r : sack.repos())
        anyRule = anyRule || !r.config->excludepkgs.empty() || !r.config->includepkgs.empty();
    const auto& moduleExcludes = sack.moduleExcludes();
    if (!anyRule && !moduleExcludes) return std::nullopt;

    ::Pool* pool = sack.raw();
    solv::Map map(pool->nsolvables);
    map.setAll();
    const NevraMatcher globalExclude(main.excludepkgs), globalInclude(main.includepkgs);
    for (const auto& r : sack.repos()) {
        const NevraMatcher exclude(r.config->excludepkgs), include(r.config->includepkgs);
        Id p;
        ::Solvable* s;
        FOR_REPO_SOLVABLES(r.repo, p, s) {
            if (moduleExcludes && moduleExcludes->test(p)) {
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

}  // namespace mpm::base
