#include "repodata/PackageCache.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>

#include "common/Error.hpp"
#include "common/FileLock.hpp"
#include "common/Interrupt.hpp"

namespace fs = std::filesystem;

namespace mpm::repodata {

namespace {

constexpr const char* kLockName = ".packages.lock";

std::string lockFileOf(const std::string& packageFile) {
    return (fs::path(packageFile).parent_path().parent_path() / kLockName).string();
}

// FNV-1a of the file name, kept within off_t.
off_t offsetOf(const std::string& packageFile) {
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : fs::path(packageFile).filename().string()) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return static_cast<off_t>(h >> 2);
}

// fcntl(F_OFD_SETLK[W]) on one byte (len 0: the whole file); true when granted.
bool setLock(int fd, short type, off_t start, off_t len, bool wait) {
    struct flock fl {};
    fl.l_type = type;
    fl.l_whence = SEEK_SET;
    fl.l_start = start;
    fl.l_len = len;
    for (;;) {
        if (fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl) == 0) return true;
        if (errno == EINTR && wait) {
            throwIfInterrupted("waiting for another mpm using the package cache");
            continue;
        }
        if (errno == EAGAIN || errno == EACCES) return false;
        throw Error(std::string("cannot lock the package cache: ") + std::strerror(errno));
    }
}

}  // namespace

int PackageLocks::fdFor(const std::string& packageFile) {
    const std::string path = lockFileOf(packageFile);
    auto it = files_.find(path);
    if (it != files_.end()) return it->second.get();
    UniqueFd fd(open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (!fd) throw Error("cannot open the lock file " + path + ": " + std::strerror(errno));
    return files_.emplace(path, std::move(fd)).first->second.get();
}

bool PackageLocks::lock(const std::string& packageFile, Mode mode, bool wait) {
    const short type = mode == Mode::Exclusive ? F_WRLCK : F_RDLCK;
    for (;;) {
        const int fd = fdFor(packageFile);
        if (!setLock(fd, type, offsetOf(packageFile), 1, wait)) return false;
        if (isStillAt(fd, lockFileOf(packageFile))) return true;
        // mpm clean deleted the lock file, which it does only when nobody held anything in
        // it: we hold nothing else on this descriptor, so start again on the new file.
        files_.erase(lockFileOf(packageFile));
    }
}

bool PackageLocks::tryExclusive(const std::string& packageFile) {
    return setLock(fdFor(packageFile), F_WRLCK, offsetOf(packageFile), 1, false);
}

void PackageLocks::downgrade(const std::string& packageFile) {
    setLock(fdFor(packageFile), F_RDLCK, offsetOf(packageFile), 1, false);
}

void PackageLocks::unlock(const std::string& packageFile) {
    setLock(fdFor(packageFile), F_UNLCK, offsetOf(packageFile), 1, false);
}

bool removeCachedPackage(const std::string& packageFile) {
    PackageLocks locks;
    try {
        if (!locks.lock(packageFile, PackageLocks::Mode::Exclusive, false)) return false;
    } catch (const Error&) {
        return false;
    }
    unlink(packageFile.c_str());
    unlink((packageFile + ".part").c_str());
    return true;
}

bool removeUnusedPackageLocks(const std::string& repoCacheDir) {
    const std::string path = (fs::path(repoCacheDir) / kLockName).string();
    UniqueFd fd(open(path.c_str(), O_RDWR | O_CLOEXEC));
    if (!fd) return errno == ENOENT;
    try {
        if (!setLock(fd.get(), F_WRLCK, 0, 0, false)) return false;
    } catch (const Error&) {
        return false;
    }
    unlink(path.c_str());
    return true;
}

}  // namespace mpm::repodata
