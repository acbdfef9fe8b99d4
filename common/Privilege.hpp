// What a user who is not root is told when mpm may not write where it must.
#pragma once

#include <string>

namespace mpm {

// "installing packages needs root: uid 1000 may not write /var/lib/mpm (run mpm as root, for
// example with sudo)" when err is a permission error and the user is not root; "" otherwise.
std::string needsRootReason(int err, const std::string& path, const std::string& doing,
                            const std::string& verb = "write");

}  // namespace mpm
