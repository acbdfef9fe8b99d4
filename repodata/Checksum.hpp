// Streaming checksums through libsolv's solv_chksum (sha1/sha224/sha256/sha384/sha512/md5).
#pragma once

#include <string>

#include "solv/libsolv.hpp"

namespace mpm::repodata {

class Checksum {
  public:
    // Throws std::invalid_argument for a type libsolv does not know.
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
    ::Chksum* chk_;
};

}  // namespace mpm::repodata
