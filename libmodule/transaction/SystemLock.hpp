// One writer at a time: an flock on var/lib/mpm/lock under the installroot, holding the pid
// of its owner so the next mpm can say who is in the way. Released when the object dies
// (and by the kernel if the process does).
#pragma once

#include <string>

namespace mpm::transaction {

class SystemLock {
  public:
    // Throws Error with ExitCode::Locked ("another mpm (pid N) is running ...") without waiting.
    explicit SystemLock(const std::string& persistDir);
    SystemLock(const SystemLock&) = delete;
    SystemLock& operator=(const SystemLock&) = delete;
    ~SystemLock();

  private:
    int fd_ = -1;
};

}  // namespace mpm::transaction
