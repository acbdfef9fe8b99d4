#include "repodata/Checksum.hpp"

#include <gcrypt.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "common/Strings.hpp"
#include "solv/File.hpp"

namespace mpm::repodata {

static int algorithmOf(const std::string& type) {
    // "sha" is what old repomd files call sha1.
    if (type == "sha" || type == "sha1") return GCRY_MD_SHA1;
    if (type == "sha224") return GCRY_MD_SHA224;
    if (type == "sha256") return GCRY_MD_SHA256;
    if (type == "sha384") return GCRY_MD_SHA384;
    if (type == "sha512") return GCRY_MD_SHA512;
    if (type == "md5") return GCRY_MD_MD5;
    return 0;
}

bool Checksum::isKnownType(const std::string& type) {
    return algorithmOf(type) != 0;
}

Checksum::Checksum(const std::string& type) {
    const int algo = algorithmOf(type);
    if (!algo) throw std::invalid_argument("unknown checksum type '" + type + "'");
    static std::once_flag init;
    std::call_once(init, [] { gcry_check_version(nullptr); });
    if (gcry_md_open(&digest_, algo, 0) != 0) {
        digest_ = nullptr;
        throw std::invalid_argument("checksum type '" + type + "' is not available");
    }
}

Checksum::~Checksum() {
    if (digest_) gcry_md_close(digest_);
}

void Checksum::add(const void* data, size_t len) {
    gcry_md_write(digest_, data, len);
}

std::string Checksum::hex() {
    if (!digest_) throw std::logic_error("a checksum was finished twice");
    const int algo = gcry_md_get_algo(digest_);
    const unsigned char* raw = gcry_md_read(digest_, algo);
    std::string out = raw ? hexOf(raw, gcry_md_get_algo_dlen(algo)) : std::string();
    gcry_md_close(digest_);
    digest_ = nullptr;
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
