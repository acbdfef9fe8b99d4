// The one place that decides which packages are visible: the pool's considered map.
// excludepkgs/includepkgs (global and per repo), then the packages modular filtering hides
// (the module layer computes those and hands them to the Sack; see module/ModularFilter).
#pragma once

#include <optional>

#include "solv/Map.hpp"

namespace mpm::base {

class Sack;

// Returns the considered map, or nothing when every package is visible (libsolv's fast path).
std::optional<solv::Map> computeConsidered(const Sack& sack);

}  // namespace mpm::base
