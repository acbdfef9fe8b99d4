// What an RPM file says about itself, read with librpm: identity, dependencies, the file
// table (owner names, modes, flags, digests, link targets) and the scriptlets.
#pragma once

#include <string>

#include "libmodule/rpm/PackageRecord.hpp"

namespace mpm::rpm {

struct RpmHeader {
    PackageRecord package;
    int digestAlgo = 8;  // PGPHASHALGO_*, for the file digests

    // Throws Error naming the file when it is not a readable RPM.
    static RpmHeader read(const std::string& path);
};

}  // namespace mpm::rpm
