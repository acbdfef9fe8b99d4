// The package cache of a repository: <repo cache directory>/packages/NAME.rpm. Every file has a
// lock, packages/.locks/NAME.rpm: exclusive while one process downloads it (the others wait,
// then use its file), shared while a process uses it. A cached package is deleted only by
// whoever gets its lock exclusively without waiting, so one build never deletes the file
// another is about to install.
#pragma once

#include <string>

#include "common/FileLock.hpp"

namespace mpm::repodata {

std::string packageLockPath(const std::string& packageFile);
// Creates the lock directory when needed. Throws Error when the lock file cannot be made.
FileLock lockPackage(const std::string& packageFile, FileLock::Mode mode, bool wait);
// The lock directory goes when nothing is locked any more (the cache looks as without locks).
void removeLockDirIfEmpty(const std::string& packageFile);
// Deletes `packageFile`, its partial download and its lock file, unless another process holds
// the lock: then nothing changes and false is returned.
bool removeCachedPackage(const std::string& packageFile);
// With `lock` held (shared): takes it exclusively without waiting and deletes as above, or
// lets go of it when another process still uses the file. `keepFile`: only the lock file goes.
bool releaseCachedPackage(const std::string& packageFile, FileLock& lock, bool keepFile);

}  // namespace mpm::repodata
