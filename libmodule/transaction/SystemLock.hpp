// One writer at a time: an flock on var/lib/mpm/lock under the installroot, holding the pid
// and command of its owner so the next mpm can say who is in the way. Released when the object
// dies (and by the kernel if the process does).
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace mpm::transaction {

struct LockWait {
    int seconds = -1;     // how long to wait for the holder: -1 as long as it takes, 0 not at all
    std::string command;  // ours, for the next mpm to read
    // Called once when the lock is held by another process, with its description
    // ("pid 4242: mpm install foo"), before waiting.
    std::function<void(const std::string& holder)> onWait;
};

class SystemLock {
  public:
    // Waits as `wait` says, then throws Error with ExitCode::Locked naming the holder.
    SystemLock(const std::string& persistDir, const LockWait& wait = {});
    // The lock when nobody holds it; null while another process does (without waiting).
    static std::unique_ptr<SystemLock> tryTake(const std::string& persistDir);
    SystemLock(const SystemLock&) = delete;
    SystemLock& operator=(const SystemLock&) = delete;
    ~SystemLock();

  private:
    int fd_ = -1;
};

}  // namespace mpm::transaction
