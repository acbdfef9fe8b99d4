#include "common/FileLock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "common/Error.hpp"
#include "common/Interrupt.hpp"

namespace mpm {

namespace {

int flockOp(FileLock::Mode mode, bool wait) {
    return (mode == FileLock::Mode::Exclusive ? LOCK_EX : LOCK_SH) | (wait ? 0 : LOCK_NB);
}

}  // namespace

bool isStillAt(int fd, const std::string& path) {
    struct stat held {
    }, named{};
    return fstat(fd, &held) == 0 && stat(path.c_str(), &named) == 0 &&
           held.st_ino == named.st_ino && held.st_dev == named.st_dev;
}

FileLock FileLock::take(const std::string& path, Mode mode, bool wait, bool mustExist) {
    for (;;) {
        UniqueFd fd(open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
        // A shared lease needs no write access (flock works on any descriptor): a user who is
        // not root may read a cache root filled.
        if (!fd && (errno == EACCES || errno == EROFS) && mode == Mode::Shared)
            fd = UniqueFd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!fd) {
            if (errno == ENOENT && !mustExist) return {};
            throw Error("cannot open the lock file " + path + ": " + std::strerror(errno));
        }
        int rc;
        do {
            rc = flock(fd.get(), flockOp(mode, wait));
            if (rc != 0 && errno == EINTR) throwIfInterrupted("waiting for another mpm");
        } while (rc != 0 && errno == EINTR);
        if (rc != 0) {
            if (errno == EWOULDBLOCK) return {};
            throw Error("cannot lock " + path + ": " + std::strerror(errno));
        }
        // Deleted or replaced while we waited: lock the file that is there now (when its
        // directory went too, the next open says so).
        if (!isStillAt(fd.get(), path)) continue;
        FileLock lock;
        lock.fd_ = std::move(fd);
        lock.path_ = path;
        lock.mode_ = mode;
        return lock;
    }
}

FileLock FileLock::acquire(const std::string& path, Mode mode) {
    return take(path, mode, true, true);
}

FileLock FileLock::tryAcquire(const std::string& path, Mode mode) {
    return take(path, mode, false, true);
}

FileLock FileLock::acquireIfPresent(const std::string& path, Mode mode) {
    return take(path, mode, true, false);
}

void FileLock::removeFile() {
    if (fd_ && mode_ == Mode::Exclusive) unlink(path_.c_str());
}

}  // namespace mpm
