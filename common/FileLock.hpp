// Advisory locks (flock(2)) on lock files, for what several processes share: a cache directory
// many installroots use at once (a repository's refresh, a generation of its metadata).
// Readers hold shared locks for as long as they use a thing; whoever deletes it must get an
// exclusive lock without waiting, and deletes the lock file with it. A lock file deleted while
// another process waited on it is detected (its inode is no longer the path's) and the wait starts
// over on the new file.
#pragma once

#include <string>

#include "common/UniqueFd.hpp"

namespace mpm {

// Whether the open file `fd` is still the one at `path`: a lock file deleted (or replaced)
// while a process waited on it is no lock any more.
bool isStillAt(int fd, const std::string& path);

class FileLock {
  public:
    enum class Mode { Shared, Exclusive };

    FileLock() = default;
    // Waits until held. Creates the lock file (not its directory). Throws Error when the file
    // cannot be opened: when its directory is gone, `acquireIfPresent` is the one to use.
    static FileLock acquire(const std::string& path, Mode mode);
    // Does not wait: an unheld lock when another process holds a conflicting one.
    static FileLock tryAcquire(const std::string& path, Mode mode);
    // Like acquire, but an unheld lock when the lock file's directory does not exist.
    static FileLock acquireIfPresent(const std::string& path, Mode mode);

    bool held() const { return static_cast<bool>(fd_); }
    Mode mode() const { return mode_; }
    // Deletes the lock file; only while held exclusively (waiters then start over).
    void removeFile();
    void release() { fd_.reset(); }

  private:
    static FileLock take(const std::string& path, Mode mode, bool wait, bool mustExist);
    UniqueFd fd_;
    std::string path_;
    Mode mode_ = Mode::Shared;
};

}  // namespace mpm
