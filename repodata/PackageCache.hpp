// Locks on the files of a repository's package cache (<repo cache directory>/packages/NAME.rpm):
// exclusive while one process downloads a file (the others wait, then use it), shared while a
// process uses it. A cached package is deleted only by whoever gets its lock exclusively
// without waiting, so one build never deletes the file another is about to install.
//
// One lock file per repository cache directory, .packages.lock; a package is one byte of it,
// at an offset derived from the file's name (open file description locks, fcntl(2)
// F_OFD_SETLK: per open file, convertible between shared and exclusive in place). No file per
// package: on ext4 each new inode costs about half a millisecond.
#pragma once

#include <map>
#include <string>

#include "common/UniqueFd.hpp"

namespace mpm::repodata {

class PackageLocks {
  public:
    enum class Mode { Shared, Exclusive };

    // `wait` false: returns false at once when another process holds a conflicting lock.
    // Throws Error when the lock file cannot be opened.
    bool lock(const std::string& packageFile, Mode mode, bool wait);
    // Shared -> exclusive without waiting; when another process uses it too, the shared lock
    // stays and false is returned.
    bool tryExclusive(const std::string& packageFile);
    void downgrade(const std::string& packageFile);
    void unlock(const std::string& packageFile);

  private:
    int fdFor(const std::string& packageFile);
    std::map<std::string, UniqueFd> files_;  // lock file -> descriptor, one per repository
};

// Deletes a cached package (and its partial download) unless another process uses it; false
// then.
bool removeCachedPackage(const std::string& packageFile);
// Deletes a repository cache directory's package lock file when no process holds any lock in
// it; false otherwise.
bool removeUnusedPackageLocks(const std::string& repoCacheDir);

}  // namespace mpm::repodata
