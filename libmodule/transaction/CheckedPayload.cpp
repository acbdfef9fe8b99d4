#include "libmodule/transaction/CheckedPayload.hpp"

#include <fcntl.h>
#include <rpm/rpmcrypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "common/Error.hpp"
#include "libmodule/transaction/ArchiveLibrary.hpp"

namespace mpm::transaction {

namespace {

constexpr size_t kLead = 96;
constexpr unsigned char kLeadMagic[] = {0xed, 0xab, 0xee, 0xdb};
constexpr unsigned char kHeaderMagic[] = {0x8e, 0xad, 0xe8, 0x01};
constexpr size_t kIntro = 16;  // magic, reserved, tag count, data length
// rpm's own bounds on a header (hdrchkTags, hdrchkData)
constexpr uint32_t kMostTags = 0xffff;
constexpr uint32_t kMostData = 0x0fffffff;

uint32_t bigEndian32(const unsigned char* p) {
    return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

}  // namespace

CheckedPayload::CheckedPayload(const std::string& rpmPath, rpm::FileDigests digests)
    : path_(rpmPath), digests_(std::move(digests)), buffer_(1 << 16) {
    if (digests_.payload.empty() && digests_.headerAndPayload.empty())
        throw Error(rpmPath +
                    " carries no digest of its payload, so what it holds cannot be "
                    "checked (rpm refuses it too); rebuild the package");
    // (not blocking on a FIFO put in its place; a regular file never blocks)
    fd_.reset(::open(rpmPath.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (!fd_) throw Error("cannot open " + rpmPath + ": " + std::strerror(errno));
    struct stat st {};
    if (fstat(fd_.get(), &st) != 0 || !S_ISREG(st.st_mode)) throw changed();
    unsigned char lead[kLead];
    readExactly(reinterpret_cast<char*>(lead), kLead, nullptr);
    if (std::memcmp(lead, kLeadMagic, sizeof kLeadMagic) != 0) throw changed();
    skipHeader(false);
    skipHeader(true);
    if (!digests_.payload.empty()) payload_.emplace(digest(digests_.payloadAlgo));
}

rpm::Digest CheckedPayload::digest(int algo) const {
    rpm::Digest d(algo);
    if (!d)
        throw Error("cannot check " + path_ + ": librpm has no digest algorithm " +
                    std::to_string(algo) + ", which its header names");
    return d;
}

Error CheckedPayload::changed() const {
    return Error(path_ +
                 " is not the package file that was checked: its header changed since it was "
                 "read; delete it and download it again");
}

size_t CheckedPayload::readSome(char* into, size_t len) {
    ssize_t n;
    do {
        n = ::read(fd_.get(), into, len);
    } while (n < 0 && errno == EINTR);
    if (n < 0) throw Error("cannot read " + path_ + ": " + std::strerror(errno));
    return static_cast<size_t>(n);
}

void CheckedPayload::readExactly(char* into, size_t len, rpm::Digest* header) {
    for (size_t done = 0; done < len;) {
        const size_t n = readSome(into + done, len - done);
        if (n == 0) throw changed();  // shorter than its header says
        if (header) header->update(into + done, n);
        if (payload_) payload_->update(into + done, n);
        done += n;
    }
}

// The signature header (padded to 8 bytes) or the main one, read past; the main one is hashed
// as rpm hashes it for its header digests and compared with the checked header's.
void CheckedPayload::skipHeader(bool main) {
    std::optional<rpm::Digest> header;
    if (main && !digests_.header.empty()) header.emplace(digest(digests_.headerAlgo));
    // Without a payload digest (packages made before rpm 4.14), the MD5 of header and payload.
    if (main && digests_.payload.empty()) payload_.emplace(digest(RPM_HASH_MD5));
    rpm::Digest* hashed = header ? &*header : nullptr;
    unsigned char intro[kIntro];
    readExactly(reinterpret_cast<char*>(intro), kIntro, hashed);
    const uint32_t tags = bigEndian32(intro + 8);
    const uint32_t data = bigEndian32(intro + 12);
    if (std::memcmp(intro, kHeaderMagic, sizeof kHeaderMagic) != 0 || tags > kMostTags ||
        data > kMostData)
        throw changed();
    size_t rest = size_t{tags} * 16 + data;
    if (!main) rest += (8 - (kIntro + rest) % 8) % 8;
    while (rest > 0) {
        const size_t n = std::min(rest, buffer_.size());
        readExactly(buffer_.data(), n, hashed);
        rest -= n;
    }
    if (header && header->hex() != digests_.header) throw changed();
}

la_ssize_t CheckedPayload::read(archive* a, void* self, const void** buffer) noexcept {
    auto* p = static_cast<CheckedPayload*>(self);
    ssize_t n;
    do {
        n = ::read(p->fd_.get(), p->buffer_.data(), p->buffer_.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        const int err = errno;
        if (a)
            libarchive().set_error(a, err, "cannot read %s: %s", p->path_.c_str(),
                                   std::strerror(err));
        return -1;
    }
    if (p->payload_) p->payload_->update(p->buffer_.data(), static_cast<size_t>(n));
    *buffer = p->buffer_.data();
    return n;
}

void CheckedPayload::finish() {
    // libarchive stops at the archive's trailer: what follows is the payload's too.
    while (const size_t n = readSome(buffer_.data(), buffer_.size()))
        if (payload_) payload_->update(buffer_.data(), n);
    const std::string& want =
        digests_.payload.empty() ? digests_.headerAndPayload : digests_.payload;
    if (payload_->hex() != want)
        throw Error("the payload of " + path_ +
                    " does not match the digest in its header (the file is damaged, or changed "
                    "since it was checked); delete it and download it again");
}

}  // namespace mpm::transaction
