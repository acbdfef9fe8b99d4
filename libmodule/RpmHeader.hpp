// What an RPM file says about itself, read with librpm: identity, dependencies, the file
// table (owner names, modes, flags, digests, link targets) and the scriptlets.
#pragma once

#include <string>
#include <vector>

#include "libmodule/InstalledDb.hpp"

namespace mpm {

struct Scriptlet {
    std::string body;
    std::string interpreter;  // "/bin/sh" when not given; "<lua>" for Lua
    bool empty() const { return body.empty() && interpreter.empty(); }
};

struct RpmHeader {
    InstalledPackage package;  // identity, deps and files as the database will record them
    Scriptlet pretrans, pre, post, preun, postun, posttrans;
    int digestAlgo = 8;  // PGPHASHALGO_*, for the file digests

    // Throws Error naming the file when it is not a readable RPM.
    static RpmHeader read(const std::string& path);
};

// rpm's file flags (RPMFILE_*), spelled out for code that decides about them.
namespace rpmfile {
constexpr uint32_t kConfig = 1u << 0;
constexpr uint32_t kDoc = 1u << 1;
constexpr uint32_t kMissingOk = 1u << 3;
constexpr uint32_t kNoReplace = 1u << 4;
constexpr uint32_t kGhost = 1u << 6;
constexpr uint32_t kLicense = 1u << 7;
constexpr uint32_t kReadme = 1u << 8;
}  // namespace rpmfile

}  // namespace mpm
