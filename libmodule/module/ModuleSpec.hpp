// How module commands name what they act on: NAME[:STREAM[:VERSION[:CONTEXT[:ARCH]]]][/PROFILE].
#pragma once

#include <string>

#include "common/Error.hpp"

namespace mpm::module {

// A module request that cannot be carried out; the message says why and what to do.
class ModuleError : public Error {
  public:
    using Error::Error;
};

struct ModuleSpec {
    std::string name, stream, version, context, arch, profile;
    std::string text;  // as written
    // Throws ModuleError for "foo:" or "" or "foo/".
    static ModuleSpec parse(const std::string& text);
};

}  // namespace mpm::module
