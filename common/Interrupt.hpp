// Ctrl-C and SIGTERM, turned into a flag that long operations poll, so a transaction can stop
// cleanly before its point of no return, and hold the signal after it until it is recorded.
#pragma once

#include <signal.h>

namespace mpm {

class InterruptedError;

// Installs the handlers (idempotent). Until then SIGINT keeps its default action.
void catchInterrupts();
bool interruptRequested();
// Throws Error("interrupted ...") when a signal arrived.
void throwIfInterrupted(const char* what);

// While alive, SIGINT and SIGTERM are held (blocked) on the calling thread; they are delivered
// when it dies, unless an enclosing hold still holds them.
class HoldInterrupts {
  public:
    HoldInterrupts();
    ~HoldInterrupts();
    HoldInterrupts(const HoldInterrupts&) = delete;
    HoldInterrupts& operator=(const HoldInterrupts&) = delete;

  private:
    sigset_t before_;
};

}  // namespace mpm
