// The installed system as libsolv's @System repo.
#pragma once

#include "repodata/Config.hpp"
#include "solv/Pool.hpp"

namespace mpm {

// Creates @System and makes it the pool's installed repo. The installed-package database
// (InstalledDb, var/lib/mpm/mpm.sqlite) does not exist yet, so @System is empty: this is the
// one place that will fill it.
::Repo* loadSystemRepo(solv::Pool& pool, const repodata::Config& config);

}  // namespace mpm
