// Streaming checksums (sha1/sha224/sha256/sha384/sha512/md5) by libgcrypt, rpm's crypto library:
// SHA-256 with the CPU's SHA extensions where it has them, 4-5x faster than libsolv's portable C
// (solv_chksum) on the metadata and packages every run checks. (Not through librpmio's digests,
// which are the same code: a warm query then needs no part of rpm.)
#pragma once

#include <string>

struct gcry_md_handle;  // libgcrypt's (gcry_md_hd_t)

namespace mpm::repodata {

class Checksum {
  public:
    // Throws std::invalid_argument for a type that is none of the above.
    explicit Checksum(const std::string& type);
    Checksum(const Checksum&) = delete;
    Checksum& operator=(const Checksum&) = delete;
    ~Checksum();

    void add(const void* data, size_t len);
    std::string hex();  // finishes the digest

    // Hex digest of a whole file; throws std::runtime_error when it cannot be read.
    static std::string ofFile(const std::string& path, const std::string& type);
    static std::string ofString(const std::string& data, const std::string& type);
    static bool isKnownType(const std::string& type);

  private:
    gcry_md_handle* digest_ = nullptr;  // null once finished
};

}  // namespace mpm::repodata
