// What an RPM file says about itself, read with librpm: identity, dependencies, the file
// table (owner names, modes, flags, digests, link targets) and the scriptlets.
#pragma once

#include <string>

#include "libmodule/rpm/PackageRecord.hpp"

struct headerToken_s;  // librpm's Header

namespace mpm::rpm {

// What an RPM file's header says of the file itself (lowercase hex, as rpm writes them; empty
// when the header has none): what the file is checked against again as it is unpacked.
struct FileDigests {
    std::string header;   // the header as in the file, its magic included
    int headerAlgo = 0;   // PGPHASHALGO_*: SHA-256, else SHA-1
    std::string payload;  // the payload as in the file (rpm 4.14 and later)
    int payloadAlgo = 0;
    std::string headerAndPayload;  // MD5 of both: older packages' only digest of their payload
};

struct RpmHeader {
    PackageRecord package;
    int digestAlgo = 8;       // PGPHASHALGO_*, for the file digests
    std::string blob;         // the header itself (headerExport), as the RPM database will hold it
    FileDigests fileDigests;  // read with the header from an RPM file (ofFile)

    // Throws Error naming the file when it is not a readable RPM.
    static RpmHeader read(const std::string& path);
    // What a header librpm read from an RPM file says, with its blob (as `read` gives it).
    static RpmHeader ofFile(headerToken_s* header);
    // What a header read elsewhere (the RPM database) says; `blob` stays empty.
    static RpmHeader of(headerToken_s* header);
};

}  // namespace mpm::rpm
