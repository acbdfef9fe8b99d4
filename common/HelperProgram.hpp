// Where one of mpm's helper programs (libexec/mpm: the module metadata parser, the RPM
// database writer) is: beside the running program (the build tree, and installs that keep them
// together), where `make install` puts it, or where the build made it (the unit tests).
#pragma once

#include <string>

namespace mpm {

// The first of those that is executable; the first candidate when none is.
std::string helperProgram(const std::string& name, const std::string& installed,
                          const std::string& built);

}  // namespace mpm
