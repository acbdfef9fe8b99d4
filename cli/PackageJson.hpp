// The --json vocabulary, the same in every command (mpm(8), JSON OUTPUT): a package is named
// by name, epoch (a number), version, release, arch and nevra, always in the full form
// name-epoch:version-release.arch; actions and reasons are lowercase words; times are seconds
// since 1970.
#pragma once

#include <nlohmann/json.hpp>

#include "cli/Engine.hpp"
#include "libmodule/db/GroupState.hpp"

namespace mpm::cli {

// Installed packages also say why they are installed ("reason") and where mpm installed them
// from ("from_repo", empty when another tool did).
nlohmann::json packageJson(const Sack& sack, const Package& pkg, bool details = false);

// {"name", "epoch", "version", "release", "arch", "nevra"} of a package.
nlohmann::json identityJson(const Package& pkg);
// The same from a NEVRA as history records it (name-[epoch:]version-release.arch).
nlohmann::json identityJson(const std::string& nevra);

// A GROUP_CHANGE: {"kind", "id", "name", "action"}, in a plan and in history alike.
nlohmann::json groupChangeJson(const db::GroupChange& change);

}  // namespace mpm::cli
