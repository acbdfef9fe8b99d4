// Crash points for the recovery tests: with MPM_FAULT=<name> in the environment the process
// kills itself (SIGKILL, as a power cut would) when it reaches that point. Unset, it costs one
// getenv per run. Points: staging, staged, renaming, renamed, rpmdb-writing (one header added to
// the RPM database, its batch not committed), rpmdb-written, module-parser (the child that
// parses modules.yaml).
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
