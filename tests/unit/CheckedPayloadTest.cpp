#include <doctest/doctest.h>

#include <string>

#include "TempDir.hpp"
#include "libmodule/rpm/RpmHandles.hpp"
#include "libmodule/transaction/CheckedPayload.hpp"

using namespace mpm;

namespace {

std::string bigEndian32(uint32_t v) {
    return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}

// A header's bytes as in an RPM file: magic, reserved, tag count, data length, index, data.
std::string headerBytes(const std::string& data, uint32_t tags = 1) {
    return std::string("\x8e\xad\xe8\x01\0\0\0\0", 8) + bigEndian32(tags) +
           bigEndian32(static_cast<uint32_t>(data.size())) + std::string(16 * tags, 'i') + data;
}

std::string digestOf(int algo, const std::string& bytes) {
    rpm::Digest d(algo);
    d.update(bytes.data(), bytes.size());
    return d.hex();
}

// An RPM file's layout around a payload: the lead, a signature header (padded to 8 bytes), the
// header, the payload; and what a header read from it would say of it.
struct PackageFile {
    std::string lead = std::string("\xed\xab\xee\xdb", 4) + std::string(92, 'l');
    std::string signature = headerBytes("sig") + std::string(5, '\0');  // 16+16+3, padded
    std::string header = headerBytes("the header's data");
    std::string payload = std::string(200000, 'p') + "end";

    std::string bytes() const { return lead + signature + header + payload; }
    rpm::FileDigests digests() const {
        rpm::FileDigests d;
        d.header = digestOf(RPM_HASH_SHA256, header);
        d.headerAlgo = RPM_HASH_SHA256;
        d.payload = digestOf(RPM_HASH_SHA256, payload);
        d.payloadAlgo = RPM_HASH_SHA256;
        return d;
    }
};

// What libarchive would be handed: `chunks` reads (all of them with 0), then the check.
std::string readThrough(transaction::CheckedPayload& p, int chunks = 0) {
    std::string got;
    const void* buf = nullptr;
    for (int i = 0; chunks == 0 || i < chunks; ++i) {
        const la_ssize_t n = transaction::CheckedPayload::read(nullptr, &p, &buf);
        REQUIRE(n >= 0);
        if (n == 0) break;
        got.append(static_cast<const char*>(buf), n);
    }
    p.finish();
    return got;
}

}  // namespace

TEST_CASE("a package file as it was checked hands over its payload alone") {
    test::TempDir dir;
    const PackageFile pkg;
    const std::string path = dir.write("p.rpm", pkg.bytes());
    const rpm::FileDigests digests = pkg.digests();
    transaction::CheckedPayload all(path, digests);
    CHECK(readThrough(all) == pkg.payload);
    // libarchive stops at the archive's trailer: the rest is hashed before the verdict
    transaction::CheckedPayload part(path, digests);
    CHECK(readThrough(part, 1).size() < pkg.payload.size());
}

TEST_CASE("a package file whose header is not the one checked is refused before its payload") {
    test::TempDir dir;
    const PackageFile checked;
    PackageFile swapped = checked;
    swapped.header = headerBytes("the header's datA");
    const std::string path = dir.write("p.rpm", swapped.bytes());
    CHECK_THROWS_WITH(transaction::CheckedPayload(path, checked.digests()),
                      (path + " is not the package file that was checked: its header changed "
                              "since it was read; delete it and download it again")
                          .c_str());
    SUBCASE("or shorter than its header says") {
        const std::string cut = dir.write("cut.rpm", checked.bytes().substr(0, 140));
        CHECK_THROWS_WITH(transaction::CheckedPayload(cut, checked.digests()),
                          doctest::Contains("is not the package file that was checked"));
    }
    SUBCASE("or not an RPM file at all") {
        const std::string text = dir.write("text.rpm", std::string(4096, 'x'));
        CHECK_THROWS_WITH(transaction::CheckedPayload(text, checked.digests()),
                          doctest::Contains("is not the package file that was checked"));
    }
}

TEST_CASE("a payload that is not the one its header's digest names is refused at its end") {
    test::TempDir dir;
    const PackageFile checked;
    const rpm::FileDigests digests = checked.digests();
    const char* refusal = "does not match the digest in its header";
    SUBCASE("a byte changed") {
        PackageFile changed = checked;
        changed.payload[100000] = 'q';
        transaction::CheckedPayload p(dir.write("p.rpm", changed.bytes()), digests);
        CHECK_THROWS_WITH(readThrough(p), doctest::Contains(refusal));
    }
    SUBCASE("bytes added after the archive's end, where libarchive does not read") {
        PackageFile longer = checked;
        longer.payload += "more";
        transaction::CheckedPayload p(dir.write("p.rpm", longer.bytes()), digests);
        CHECK_THROWS_WITH(readThrough(p, 1), doctest::Contains(refusal));
    }
}

TEST_CASE("a package made before payload digests is checked with the MD5 of header and payload") {
    test::TempDir dir;
    const PackageFile pkg;
    rpm::FileDigests digests = pkg.digests();
    digests.payload.clear();
    digests.headerAndPayload = digestOf(RPM_HASH_MD5, pkg.header + pkg.payload);
    transaction::CheckedPayload same(dir.write("p.rpm", pkg.bytes()), digests);
    CHECK(readThrough(same) == pkg.payload);
    PackageFile changed = pkg;
    changed.payload.back() = 'D';
    transaction::CheckedPayload other(dir.write("q.rpm", changed.bytes()), digests);
    CHECK_THROWS_WITH(readThrough(other), doctest::Contains("does not match the digest"));
}

TEST_CASE("a package whose header names no digest of its payload is refused, as rpm refuses it") {
    test::TempDir dir;
    const PackageFile pkg;
    rpm::FileDigests digests = pkg.digests();
    digests.payload.clear();
    const std::string path = dir.write("p.rpm", pkg.bytes());
    CHECK_THROWS_WITH(transaction::CheckedPayload(path, digests),
                      (path + " carries no digest of its payload, so what it holds cannot be "
                              "checked (rpm refuses it too); rebuild the package")
                          .c_str());
}

TEST_CASE("a header with only a SHA-1 digest of itself is compared by that") {
    test::TempDir dir;
    const PackageFile checked;
    rpm::FileDigests digests = checked.digests();
    digests.header = digestOf(RPM_HASH_SHA1, checked.header);
    digests.headerAlgo = RPM_HASH_SHA1;
    transaction::CheckedPayload same(dir.write("p.rpm", checked.bytes()), digests);
    CHECK(readThrough(same) == checked.payload);
    PackageFile swapped = checked;
    swapped.header = headerBytes("another header");
    CHECK_THROWS_WITH(transaction::CheckedPayload(dir.write("q.rpm", swapped.bytes()), digests),
                      doctest::Contains("is not the package file that was checked"));
}
