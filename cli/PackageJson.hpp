// The --json shape of a package, the same in every command.
#pragma once

#include <nlohmann/json.hpp>

#include "cli/Engine.hpp"

namespace mpm::cli {

// Installed packages also say why they are installed ("reason") and where mpm installed them
// from ("from_repo", empty when another tool did).
nlohmann::json packageJson(const Sack& sack, const Package& pkg, bool details = false);

}  // namespace mpm::cli
