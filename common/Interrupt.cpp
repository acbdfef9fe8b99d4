#include "common/Interrupt.hpp"

#include <signal.h>

#include <atomic>
#include <string>

#include "common/Error.hpp"

namespace mpm {

namespace {

std::atomic<bool> requested{false};

extern "C" void onSignal(int) {
    requested.store(true);
}

sigset_t interruptSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

}  // namespace

void catchInterrupts() {
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

bool interruptRequested() {
    return requested.load();
}

void throwIfInterrupted(const char* what) {
    if (requested.load())
        throw Error(std::string("interrupted while ") + what + "; nothing was changed");
}

HoldInterrupts::HoldInterrupts() {
    sigset_t set = interruptSignals();
    pthread_sigmask(SIG_BLOCK, &set, &before_);
}

// The mask found is restored: a hold inside another (a thread started while its creator holds
// inherits the creator's mask) leaves the signals held.
HoldInterrupts::~HoldInterrupts() {
    pthread_sigmask(SIG_SETMASK, &before_, nullptr);
}

}  // namespace mpm
