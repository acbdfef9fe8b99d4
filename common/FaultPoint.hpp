// Crash points for the recovery tests: with MPM_FAULT=<name> in the environment the process
// kills itself (SIGKILL, as a power cut would) when it reaches that point. Unset, it costs one
// getenv per run. Points: rpmdb-begun (the writer handed the headers, mpm's journal not written
// yet; after a pause, so that the writer is at work), staging, staged, renaming, renamed,
// rpmdb-writing (the RPM database's headers added, its batch not committed), rpmdb-written,
// module-parser (the child that parses modules.yaml); in mpm-rpmdb-writer: rpmdb-prepared
// (every write made, before it says so), rpmdb-waiting (after it said so), rpmdb-committed
// (before it says so).
#pragma once

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace mpm {

// Whether the tests asked for a crash at `name` (for a point that prepares its crash first).
inline bool faultRequested(const char* name) {
    static const char* wanted = std::getenv("MPM_FAULT");
    return wanted && std::strcmp(wanted, name) == 0;
}

inline void faultPoint(const char* name) {
    if (faultRequested(name)) std::raise(SIGKILL);
}

// The same after a pause: for a point where another process works meanwhile.
inline void faultPointAfter(const char* name, std::chrono::milliseconds pause) {
    if (!faultRequested(name)) return;
    std::this_thread::sleep_for(pause);
    std::raise(SIGKILL);
}

}  // namespace mpm
