#include "repodata/PackageCache.hpp"

#include <unistd.h>

#include <filesystem>

#include "common/Error.hpp"

namespace fs = std::filesystem;

namespace mpm::repodata {

std::string packageLockPath(const std::string& packageFile) {
    const fs::path p(packageFile);
    return (p.parent_path() / ".locks" / p.filename()).string();
}

FileLock lockPackage(const std::string& packageFile, FileLock::Mode mode, bool wait) {
    const std::string lockFile = packageLockPath(packageFile);
    const fs::path locks = fs::path(lockFile).parent_path();
    // Another process may remove the (empty) lock directory between our mkdir and open.
    for (int attempt = 0;; ++attempt) {
        std::error_code ec;
        fs::create_directories(locks, ec);
        try {
            return wait ? FileLock::acquire(lockFile, mode) : FileLock::tryAcquire(lockFile, mode);
        } catch (const Error&) {
            if (attempt == 4 || fs::exists(locks, ec)) throw;
        }
    }
}

void removeLockDirIfEmpty(const std::string& packageFile) {
    std::error_code ec;
    fs::remove(fs::path(packageLockPath(packageFile)).parent_path(), ec);
}

bool releaseCachedPackage(const std::string& packageFile, FileLock& lock, bool keepFile) {
    if (!lock.tryExclusive()) return false;
    if (!keepFile) {
        unlink(packageFile.c_str());
        unlink((packageFile + ".part").c_str());
    }
    lock.removeFile();
    lock.release();
    return true;
}

bool removeCachedPackage(const std::string& packageFile) {
    FileLock lock;
    try {
        lock = lockPackage(packageFile, FileLock::Mode::Exclusive, false);
    } catch (const std::exception&) {
        return false;
    }
    return releaseCachedPackage(packageFile, lock, false);
}

}  // namespace mpm::repodata
