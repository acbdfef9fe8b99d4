// Crash points for the recovery tests: with MPM_FAULT=<name> in the environment the process
// kills itself (SIGKILL, as a power cut would) when it reaches that point. Unset, it costs one
// getenv per run. Points: staging, staged, renaming, renamed, rpmdb-writing (the RPM database's
// headers added, its batch not committed), rpmdb-written, module-parser (the child that parses
// modules.yaml); in mpm-rpmdb-writer: rpmdb-prepared (every write made, before it says so),
// rpmdb-waiting (after it said so), rpmdb-committed (before it says so).
#pragma once

#include <csignal>
#include <cstdlib>
#include <cstring>

namespace mpm {

// Whether the tests asked for a crash at `name` (for a point that prepares its crash first).
inline bool faultRequested(const char* name) {
    static const char* wanted = std::getenv("MPM_FAULT");
    return wanted && std::strcmp(wanted, name) == 0;
}

inline void faultPoint(const char* name) {
    if (faultRequested(name)) std::raise(SIGKILL);
}

}  // namespace mpm
