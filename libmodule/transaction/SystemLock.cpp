#include "libmodule/transaction/SystemLock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/Error.hpp"
#include "common/SourceDate.hpp"

namespace mpm::transaction {

SystemLock::SystemLock(const std::string& persistDir) {
    std::error_code ec;
    std::filesystem::create_directories(persistDir, ec);
    const std::string path = persistDir + "/lock";
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw Error("cannot open lock file " + path + ": " + std::strerror(errno));
    if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        char buf[32] = {};
        ssize_t n = pread(fd_, buf, sizeof buf - 1, 0);
        std::string pid = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "unknown";
        while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
        close(fd_);
        fd_ = -1;
        throw Error("another mpm (pid " + pid + ") is changing this system; wait for it to finish",
                    ExitCode::Locked);
    }
    const std::string me = std::to_string(getpid()) + "\n";
    if (ftruncate(fd_, 0) == 0) (void)pwrite(fd_, me.data(), me.size(), 0);
}

SystemLock::~SystemLock() {
    if (fd_ >= 0) {
        (void)ftruncate(fd_, 0);
        // A reproducible root keeps the lock file's time at the epoch too.
        try {
            if (const auto epoch = sourceDateEpoch()) {
                const struct timespec times[2] = {{0, UTIME_OMIT},
                                                  {static_cast<time_t>(*epoch), 0}};
                futimens(fd_, times);
            }
        } catch (const Error&) {
        }
        close(fd_);
    }
}

}  // namespace mpm::transaction
