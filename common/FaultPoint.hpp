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

inline void faultPoint(const char* name) {
    static const char* wanted = std::getenv("MPM_FAULT");
    if (wanted && std::strcmp(wanted, name) == 0) std::raise(SIGKILL);
}

}  // namespace mpm
