#include "libmodule/PackageFilter.hpp"

#include "libmodule/NevraMatcher.hpp"
#include "libmodule/Sack.hpp"

namespace mpm {

std::optional<solv::Map> computeConsidered(const Sack& sack) {
    const auto& main = sack.config().main;
    bool anyRule = !main.excludepkgs.empty() || !main.includepkgs.empty();
    for (const auto& r : sack.repos())
        anyRule = anyRule || !r.config->excludepkgs.empty() || !r.config->includepkgs.empty();
    if (!anyRule) return std::nullopt;

    ::Pool* pool = sack.raw();
    solv::Map map(pool->nsolvables);
    map.setAll();
    const NevraMatcher globalExclude(main.excludepkgs), globalInclude(main.includepkgs);
    for (const auto& r : sack.repos()) {
        const NevraMatcher exclude(r.config->excludepkgs), include(r.config->includepkgs);
        Id p;
        ::Solvable* s;
        FOR_REPO_SOLVABLES(r.repo, p, s) {
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
