// The --json shape of a package, the same in every command.
#pragma once

#include <nlohmann/json.hpp>

#include "cli/Engine.hpp"

namespace mpm::cli {

nlohmann::json packageJson(const Package& pkg, bool details = false);

}  // namespace mpm::cli
