// An RPM file as a transaction reads it before anything is written: the signature check
// (librpm, an empty keyring), the header, the file-list checks, the payload's entry names, and
// the file read again as staging reads it (CheckedPayload).
#include "FuzzSupport.hpp"
#include "common/Error.hpp"
#include "libmodule/rpm/RpmHeader.hpp"
#include "libmodule/transaction/CheckedPayload.hpp"
#include "libmodule/transaction/PackagePaths.hpp"
#include "libmodule/transaction/PayloadUnpacker.hpp"
#include "libmodule/trust/SignatureVerifier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = mpm::fuzz::writeFile("package.rpm", data, size);
    static const mpm::trust::SignatureVerifier verifier({});
    verifier.check(path);
    try {
        mpm::rpm::RpmHeader h = mpm::rpm::RpmHeader::read(path);
        mpm::transaction::checkPackagePaths(h);
        mpm::transaction::PayloadUnpacker::checkPayloadNames(path, h);
    } catch (const mpm::Error&) {
    }
    // The file read again as staging reads it: its header checked against the one read, the
    // payload hashed to its end.
    try {
        mpm::rpm::RpmHeader h = mpm::rpm::RpmHeader::read(path);
        mpm::transaction::CheckedPayload payload(path, h.fileDigests);
        const void* buffer = nullptr;
        while (mpm::transaction::CheckedPayload::read(nullptr, &payload, &buffer) > 0) {
        }
        payload.finish();
    } catch (const mpm::Error&) {
    }
    return 0;
}
