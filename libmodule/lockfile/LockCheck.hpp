// Whether the enabled repositories still serve a lock's packages, and which have newer
// versions (for mpm lock --check).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "libmodule/base/Sack.hpp"
#include "libmodule/lockfile/LockFile.hpp"

namespace mpm::lockfile {

struct LockStatus {
    std::vector<std::string> gone;     // nevras no enabled repository serves any more
    std::vector<std::string> changed;  // served in this version, but with other bytes
    std::vector<std::pair<std::string, std::string>> newer;  // nevra -> the newest visible evr
    bool current() const { return gone.empty() && changed.empty() && newer.empty(); }
};

// `sack`: loaded for the lock's architecture, its module states those of the lock.
LockStatus checkLock(const base::Sack& sack, const LockedArch& arch);

}  // namespace mpm::lockfile
