// Ctrl-C and SIGTERM, turned into a flag that long operations poll, so a transaction can stop
// cleanly before its point of no return, and hold the signal after it until it is recorded.
#pragma once

namespace mpm {

class InterruptedError;

// Installs the handlers (idempotent). Until then SIGINT keeps its default action.
void catchInterrupts();
bool interruptRequested();
// Throws Error("interrupted ...") when a signal arrived.
void throwIfInterrupted(const char* what);

// While alive, SIGINT and SIGTERM are held (blocked); they are delivered when it dies.
class HoldInterrupts {
  public:
    HoldInterrupts();
    ~HoldInterrupts();
    HoldInterrupts(const HoldInterrupts&) = delete;
    HoldInterrupts& operator=(const HoldInterrupts&) = delete;
};

}  // namespace mpm
