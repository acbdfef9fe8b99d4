// The payload of an RPM file, read for unpacking as the header it was checked with says it is.
//
// The header was read (and its signature checked) before the transaction; the file is opened
// again to unpack it. Between the two it could have changed (swapped for another file, written
// over): this reads the file's header and checks it hashes to the digest the checked header
// carries (the one its signature covers), then hands libarchive the payload alone, hashing it as
// it goes, and checks at its end that it hashes to the header's payload digest, as rpm does when
// it installs. A file that is not what was checked is refused before anything is renamed into
// place; what libarchive unpacks is only ever the bytes that were hashed.
#pragma once

#include <archive.h>

#include <optional>
#include <string>
#include <vector>

#include "common/Error.hpp"
#include "common/UniqueFd.hpp"
#include "libmodule/rpm/RpmHandles.hpp"
#include "libmodule/rpm/RpmHeader.hpp"

namespace mpm::transaction {

class CheckedPayload {
  public:
    // Opens `rpmPath` and reads it up to its payload; throws Error when it cannot be read, its
    // header is not the one `digests` describe, or they name no digest of the payload (rpm
    // refuses such a package too).
    CheckedPayload(const std::string& rpmPath, rpm::FileDigests digests);
    CheckedPayload(const CheckedPayload&) = delete;
    CheckedPayload& operator=(const CheckedPayload&) = delete;

    // libarchive's read callback (`self`: this object); a failure is said with archive_set_error.
    static la_ssize_t read(archive* a, void* self, const void** buffer) noexcept;
    // After the archive's end: hashes the rest of the file, and throws Error unless the payload
    // is the one the header's digest names.
    void finish();

  private:
    Error changed() const;
    size_t readSome(char* into, size_t len);
    // Reads `len` bytes, hashed into `header` (when given) and the payload's digest (once made).
    void readExactly(char* into, size_t len, rpm::Digest* header);
    void skipHeader(bool main);
    rpm::Digest digest(int algo) const;

    std::string path_;
    rpm::FileDigests digests_;
    UniqueFd fd_;
    std::optional<rpm::Digest> payload_;  // the payload digest, else the MD5 of both
    std::vector<char> buffer_;
};

}  // namespace mpm::transaction
