// An RPM file as a transaction reads it before anything is written: the signature check
// (librpm, an empty keyring), the header, the file-list checks and the payload's entry names.
#include "FuzzSupport.hpp"
#include "common/Error.hpp"
#include "libmodule/PackagePaths.hpp"
#include "libmodule/PayloadUnpacker.hpp"
#include "libmodule/RpmHeader.hpp"
#include "libmodule/SignatureVerifier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = mpm::fuzz::writeFile("package.rpm", data, size);
    static const mpm::SignatureVerifier verifier({});
    verifier.check(path);
    try {
        mpm::RpmHeader h = mpm::RpmHeader::read(path);
        mpm::checkPackagePaths(h);
        mpm::PayloadUnpacker::checkPayloadNames(path, h);
    } catch (const mpm::Error&) {
    }
    return 0;
}
