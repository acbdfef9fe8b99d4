#include "libmodule/transaction/SystemLock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "common/Error.hpp"
#include "common/Privilege.hpp"
#include "common/SourceDate.hpp"

namespace mpm::transaction {

namespace {

// "pid 4242: mpm install foo", from what the holder wrote ("4242\ninstall foo\n").
std::string holderOf(int fd) {
    char buf[512] = {};
    const ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    std::string text = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
    const size_t nl = text.find('\n');
    std::string pid = text.substr(0, nl);
    std::string command = nl == std::string::npos ? "" : text.substr(nl + 1);
    while (!command.empty() && command.back() == '\n') command.pop_back();
    if (pid.empty()) return "a process that did not write its pid";
    return "pid " + pid + (command.empty() ? "" : ": mpm " + command);
}

}  // namespace

SystemLock::SystemLock(const std::string& persistDir, const LockWait& wait) {
    std::error_code ec;
    std::filesystem::create_directories(persistDir, ec);
    const std::string path = persistDir + "/lock";
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        // The directory could not be made: that is the reason to give.
        const int err = errno == ENOENT && ec ? ec.value() : errno;
        if (const std::string r = needsRootReason(err, persistDir, "changing this system");
            !r.empty())
            throw Error(r);
        throw Error("cannot open lock file " + path + ": " + std::strerror(err));
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait.seconds);
    bool told = false;
    while (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const std::string holder = holderOf(fd_);
        const bool timedOut = wait.seconds >= 0 && std::chrono::steady_clock::now() >= deadline;
        if (timedOut) {
            close(fd_);
            fd_ = -1;
            throw Error("another mpm (" + holder + ") is changing this system" +
                            (wait.seconds == 0 ? "; wait for it to finish (lock_wait=0: mpm "
                                                 "does not wait)"
                                               : "; mpm waited " + std::to_string(wait.seconds) +
                                                     " s for it (lock_wait)"),
                        ExitCode::Locked);
        }
        if (!told && wait.onWait) wait.onWait(holder);
        told = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const std::string me = std::to_string(getpid()) + "\n" + wait.command + "\n";
    if (ftruncate(fd_, 0) == 0) (void)pwrite(fd_, me.data(), me.size(), 0);
}

std::unique_ptr<SystemLock> SystemLock::tryTake(const std::string& persistDir) {
    try {
        return std::make_unique<SystemLock>(persistDir, LockWait{0, "", {}});
    } catch (const Error& e) {
        if (e.code() == ExitCode::Locked) return nullptr;
        throw;
    }
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
