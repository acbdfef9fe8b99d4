// The one place that decides which packages are visible: the pool's considered map.
// excludepkgs/includepkgs (global and per repo), then modular filtering: packages of inactive
// module builds are hidden, and so are plain packages with the name of an active build's
// package. @System, @commandline and module_hotfixes repos are exempt from modular filtering.
#pragma once

#include <optional>

#include "solv/Map.hpp"

namespace mpm {

class Sack;

// Returns the considered map, or nothing when every package is visible (libsolv's fast path).
std::optional<solv::Map> computeConsidered(const Sack& sack);

// Whether modular filtering hides this package (regardless of excludes).
bool hiddenByModules(const Sack& sack, Id id);

}  // namespace mpm
