#include "repodata/Checksum.hpp"

#include <rpm/rpmcrypto.h>
#include <rpm/rpmpgp.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "solv/File.hpp"

namespace mpm::repodata {

static int algorithmOf(const std::string& type) {
    // "sha" is what old repomd files call sha1.
    if (type == "sha" || type == "sha1") return PGPHASHALGO_SHA1;
    if (type == "sha224") return PGPHASHALGO_SHA224;
    if (type == "sha256") return PGPHASHALGO_SHA256;
    if (type == "sha384") return PGPHASHALGO_SHA384;
    if (type == "sha512") return PGPHASHALGO_SHA512;
    if (type == "md5") return PGPHASHALGO_MD5;
    return 0;
}

bool Checksum::isKnownType(const std::string& type) {
    return algorithmOf(type) != 0;
}

Checksum::Checksum(const std::string& type) {
    const int algo = algorithmOf(type);
    if (!algo) throw std::invalid_argument("unknown checksum type '" + type + "'");
    static std::once_flag crypto;
    std::call_once(crypto, [] { rpmInitCrypto(); });
    digest_ = rpmDigestInit(algo, RPMDIGEST_NONE);
    if (!digest_) throw std::invalid_argument("checksum type '" + type + "' is not available");
}

Checksum::~Checksum() {
    if (digest_) rpmDigestFinal(digest_, nullptr, nullptr, 0);  // frees it
}

void Checksum::add(const void* data, size_t len) {
    rpmDigestUpdate(digest_, data, len);
}

std::string Checksum::hex() {
    if (!digest_) throw std::logic_error("a checksum was finished twice");
    void* text = nullptr;
    size_t len = 0;
    rpmDigestFinal(digest_, &text, &len, 1);  // lowercase hex, malloc'ed
    digest_ = nullptr;
    const std::unique_ptr<char, decltype(&std::free)> owned(static_cast<char*>(text), &std::free);
    return owned ? std::string(owned.get()) : std::string();
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
