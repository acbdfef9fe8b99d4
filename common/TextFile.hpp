// Reading a whole file a user hands mpm (a lockfile, a desired state), bounded: a file larger
// than any real one of its kind is refused before it is held in memory.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace mpm {

// `what` names the kind ("lockfile"); throws Error "cannot read the lockfile PATH: no such
// file" or "PATH is larger than 64 MiB: not a lockfile".
std::string readTextFile(const std::string& path, size_t limit, const std::string& what);
// The same from a stream (standard input), `name` standing for its path in messages.
std::string readTextStream(std::istream& in, const std::string& name, size_t limit,
                           const std::string& what);

}  // namespace mpm
