// The one place that decides which packages are visible: the pool's considered map.
// Today: excludepkgs/includepkgs (global and per repo). Modular filtering joins here.
#pragma once

#include <optional>

#include "solv/Map.hpp"

namespace mpm {

class Sack;

// Returns the considered map, or nothing when every package is visible (libsolv's fast path).
std::optional<solv::Map> computeConsidered(const Sack& sack);

}  // namespace mpm
