#include "repodata/Checksum.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "solv/libsolv.hpp"

#include "solv/File.hpp"

namespace mpm::repodata {

static Id typeId(const std::string& type) {
    // "sha" is what old repomd files call sha1.
    if (type == "sha" || type == "sha1") return REPOKEY_TYPE_SHA1;
    if (type == "sha224") return REPOKEY_TYPE_SHA224;
    if (type == "sha256") return REPOKEY_TYPE_SHA256;
    if (type == "sha384") return REPOKEY_TYPE_SHA384;
    if (type == "sha512") return REPOKEY_TYPE_SHA512;
    if (type == "md5") return REPOKEY_TYPE_MD5;
    return 0;
}

bool Checksum::isKnownType(const std::string& type) {
    return typeId(type) != 0;
}

Checksum::Checksum(const std::string& type) {
    Id id = typeId(type);
    if (!id) throw std::invalid_argument("unknown checksum type '" + type + "'");
    chk_ = solv_chksum_create(id);
}

Checksum::~Checksum() {
    solv_chksum_free(chk_, nullptr);
}

void Checksum::add(const void* data, size_t len) {
    solv_chksum_add(chk_, data, static_cast<int>(len));
}

std::string Checksum::hex() {
    int len = 0;
    const unsigned char* digest = solv_chksum_get(chk_, &len);
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(static_cast<size_t>(len) * 2);
    for (int i = 0; i < len; ++i) {
        out += digits[digest[i] >> 4];
        out += digits[digest[i] & 15];
    }
    return out;
}

std::string Checksum::ofFile(const std::string& path, const std::string& type) {
    solv::FilePtr f = solv::openPlain(path, "rb");
    if (!f) throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
    Checksum c(type);
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) c.add(buf, n);
    if (std::ferror(f.get()))
        throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
    return c.hex();
}

std::string Checksum::ofString(const std::string& data, const std::string& type) {
    Checksum c(type);
    c.add(data.data(), data.size());
    return c.hex();
}

}  // namespace mpm::repodata
