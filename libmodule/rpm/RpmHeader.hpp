// What an RPM file says about itself, read with librpm: identity, dependencies, the file
// table (owner names, modes, flags, digests, link targets) and the scriptlets.
#pragma once

#include <string>

#include "libmodule/rpm/PackageRecord.hpp"

struct headerToken_s;  // librpm's Header

namespace mpm::rpm {

struct RpmHeader {
    PackageRecord package;
    int digestAlgo = 8;  // PGPHASHALGO_*, for the file digests
    std::string blob;    // the header itself (headerExport), as the RPM database will hold it

    // Throws Error naming the file when it is not a readable RPM.
    static RpmHeader read(const std::string& path);
    // What a header librpm read from an RPM file says, with its blob (as `read` gives it).
    static RpmHeader ofFile(headerToken_s* header);
    // What a header read elsewhere (the RPM database) says; `blob` stays empty.
    static RpmHeader of(headerToken_s* header);
};

}  // namespace mpm::rpm
