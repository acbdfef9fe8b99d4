// Roots made by an mpm older than the RPM database kept their packages only in mpm.sqlite. On
// first use this moves them into the root's RPM database, with headers rebuilt from what mpm
// recorded (rpm::buildHeader), so rpm, dnf and scanners see them and mpm reads them back like
// any other package. Idempotent: a package the RPM database already has is not added again.
#pragma once

#include <string>

#include "libmodule/db/InstalledDb.hpp"
#include "repodata/Config.hpp"

namespace mpm::transaction {

// One sentence saying what was moved; empty when there was nothing to move. Throws Error.
std::string migrateLegacyPackages(const repodata::Config& config, db::InstalledDb& db);

}  // namespace mpm::transaction
