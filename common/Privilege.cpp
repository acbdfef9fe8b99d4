#include "common/Privilege.hpp"

#include <unistd.h>

#include <cerrno>

namespace mpm {

std::string needsRootReason(int err, const std::string& path, const std::string& doing,
                            const std::string& verb) {
    if ((err != EACCES && err != EPERM) || geteuid() == 0) return {};
    return doing + " needs root: uid " + std::to_string(geteuid()) + " may not " + verb + " " +
           path + " (run mpm as root, for example with sudo)";
}

}  // namespace mpm
