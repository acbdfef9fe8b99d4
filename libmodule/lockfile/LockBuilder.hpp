// A solved install as a lockfile's entry for the pool's architecture.
#pragma once

#include "libmodule/base/Sack.hpp"
#include "libmodule/lockfile/LockFile.hpp"
#include "libmodule/solve/TransactionPlan.hpp"

namespace mpm::lockfile {

// Every package `plan` installs, with its repository's URL, size and checksum; the module
// metadata of the repositories they come from; why each is installed; the module streams the
// plan enables. Throws Error for a package whose repository names no checksum for it.
LockedArch lockPlan(const base::Sack& sack, const solve::TransactionPlan& plan);

}  // namespace mpm::lockfile
