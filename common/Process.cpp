#include "common/Process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "common/Error.hpp"

namespace mpm {

bool writeAll(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) {
            errno = EIO;
            return false;
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

bool readAll(int fd, std::string& out) {
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) return true;
        out.append(buf, static_cast<size_t>(n));
    }
}

std::string ExitStatus::describe() const {
    if (signal) return "was killed by signal " + std::to_string(signal);
    return "exited with status " + std::to_string(code);
}

ChildProcess ChildProcess::start(const std::function<int()>& body, Options options) {
    int fds[2] = {-1, -1};
    if (options.captureStdout && pipe(fds) != 0)
        throw Error(std::string("cannot create a pipe: ") + std::strerror(errno));
    UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
    std::fflush(nullptr);  // buffered output must not be written twice
    const pid_t pid = fork();
    if (pid < 0) throw Error(std::string("cannot start a process: ") + std::strerror(errno));
    if (pid == 0) {
        // The parent may hold or catch SIGINT/SIGTERM; the child starts from the defaults.
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
        if (options.ownProcessGroup) setpgid(0, 0);
        if (options.captureStdout) {
            readEnd.reset();
            dup2(writeEnd.get(), STDOUT_FILENO);
            writeEnd.reset();
        }
        int rc = 127;
        try {
            rc = body();
        } catch (...) {
        }
        _exit(rc);
    }
    // Also from the parent's side, so that a stop() right away reaches the group.
    if (options.ownProcessGroup) setpgid(pid, pid);
    return ChildProcess(pid, std::move(readEnd), options.ownProcessGroup);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), out_(std::move(other.out_)), group_(other.group_) {}

ChildProcess::~ChildProcess() {
    if (pid_ <= 0) return;
    signal(SIGKILL);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
}

void ChildProcess::signal(int sig) const {
    if (pid_ <= 0) return;
    if (group_ && ::kill(-pid_, sig) == 0) return;
    ::kill(pid_, sig);
}

std::string ChildProcess::readStdout() {
    std::string out;
    if (out_) readAll(out_.get(), out);
    out_.reset();
    return out;
}

ExitStatus ChildProcess::wait(const std::function<bool()>& shouldStop) {
    ExitStatus result;
    int status = 0;
    for (;;) {
        if (!result.stopped && shouldStop && shouldStop()) {
            signal(SIGTERM);
            result.stopped = true;
        }
        if (waitpid(pid_, &status, 0) == pid_) break;
        if (errno != EINTR) {
            // Not our child any more (cannot happen while we own it): report it as failed.
            pid_ = -1;
            result.code = -1;
            return result;
        }
    }
    pid_ = -1;
    if (WIFEXITED(status)) result.code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    return result;
}

}  // namespace mpm
