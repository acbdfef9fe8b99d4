// Modular filtering: packages of inactive module builds are hidden, and so are plain packages
// with the name of an active build's package. @System, @commandline and module_hotfixes repos
// are exempt. The result goes to the Sack, which folds it into its considered map.
#pragma once

#include <optional>

#include "solv/Map.hpp"
#include "solv/libsolv.hpp"

namespace mpm::base {
class Sack;
}

namespace mpm::module {

class Modules;

// The packages to hide, or nothing when modular filtering does not apply (no module metadata).
std::optional<solv::Map> modularExcludes(const base::Sack& sack, const Modules& modules);
// Whether modular filtering hides this package (regardless of excludes).
bool hiddenByModules(const base::Sack& sack, const Modules& modules, Id id);

}  // namespace mpm::module
