// Child processes whose every wait and write finishes or fails, never half done: the module
// metadata parser and the scriptlets run this way. A signal that interrupts a read, a write or
// a wait is retried, so a Ctrl-C can never be mistaken for a child's exit status.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <string_view>

#include "common/UniqueFd.hpp"

namespace mpm {

// Writes all of `data`, retrying short writes and EINTR. False (errno set) when it cannot.
bool writeAll(int fd, std::string_view data);
// Reads `fd` to its end, retrying EINTR. False (errno set) on a read error.
bool readAll(int fd, std::string& out);

struct ExitStatus {
    int code = -1;         // the exit code, when it exited
    int signal = 0;        // the signal that killed it, when one did
    bool stopped = false;  // killed because the caller asked to stop waiting for it
    bool ok() const { return code == 0; }
    // "exited with status 3", "was killed by signal 9"
    std::string describe() const;
};

class ChildProcess {
  public:
    struct Options {
        bool captureStdout = false;    // the child's stdout becomes a pipe the parent reads
        bool ownProcessGroup = false;  // stop() then reaches whatever the child started too
    };
    // Forks; the child runs `body` with default signal handling and exits with its return value
    // (127 when it throws). Throws Error when no process can be started.
    static ChildProcess start(const std::function<int()>& body, Options options);

    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&&) = delete;
    ChildProcess(const ChildProcess&) = delete;
    // A child still running is killed and reaped: no process outlives its owner unnoticed.
    ~ChildProcess();

    pid_t pid() const { return pid_; }
    // All the child wrote to stdout (captureStdout), to its end.
    std::string readStdout();
    // Waits until the child ends. `shouldStop` is asked before waiting and whenever a signal
    // interrupts the wait; once it says yes the child (its group) gets SIGTERM, and the wait
    // goes on until it has ended (ExitStatus::stopped).
    ExitStatus wait(const std::function<bool()>& shouldStop = {});

  private:
    ChildProcess(pid_t pid, UniqueFd out, bool group)
        : pid_(pid), out_(std::move(out)), group_(group) {}
    void signal(int sig) const;
    pid_t pid_ = -1;
    UniqueFd out_;
    bool group_ = false;
};

}  // namespace mpm
