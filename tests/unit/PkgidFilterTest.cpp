#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "repodata/PkgidFilter.hpp"

using namespace mpm;

namespace {

const std::string kSha256(64, 'a');  // hex of a SHA-256: 32 bytes of 0xaa
const std::string kSha256Bytes(32, '\xaa');

struct Filtered {
    std::string text;
    std::vector<std::string> checksums;
};

// `xml` read through the filter, in reads of `step` bytes.
Filtered filter(std::string xml, size_t step = 4096) {
    Filtered out;
    solv::FilePtr f = repodata::withoutPkgids(solv::FilePtr(fmemopen(xml.data(), xml.size(), "r")),
                                              out.checksums);
    REQUIRE(f);
    std::string buf(step, '\0');
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) out.text.append(buf, 0, n);
    CHECK(!std::ferror(f.get()));
    return out;
}

}  // namespace

TEST_CASE(
    "each package's pkgid is taken out of its tag and kept, whatever the quotes and spacing") {
    const auto out = filter("<filelists><package pkgid=\"" + kSha256 +
                            "\" name=\"a\"><file>/a</file></package>\n<package\tname='b' pkgid='" +
                            kSha256 + "'\n arch='x86_64'><file>/b</file></package></filelists>");
    CHECK(out.text ==
          "<filelists><package  name=\"a\"><file>/a</file></package>\n<package\tname='b' \n "
          "arch='x86_64'><file>/b</file></package></filelists>");
    CHECK(out.checksums == std::vector<std::string>{kSha256Bytes, kSha256Bytes});
}

TEST_CASE("a package tag whose pkgid cannot be read is kept whole and counts as no checksum") {
    SUBCASE("no pkgid") {
        const auto out = filter("<package name=\"a\"><file>/a</file></package>");
        CHECK(out.text == "<package name=\"a\"><file>/a</file></package>");
        CHECK(out.checksums == std::vector<std::string>{""});
    }
    SUBCASE("not hex, or not a checksum's length: taken out, recorded as none") {
        CHECK(filter("<package pkgid=\"xyz\">").checksums == std::vector<std::string>{""});
        CHECK(filter("<package pkgid=\"abcd\">").checksums == std::vector<std::string>{""});
    }
    SUBCASE("an attribute that only ends in pkgid, or one spaced around its '='") {
        const auto out = filter("<package xpkgid=\"" + kSha256 + "\" pkgid = \"" + kSha256 + "\">");
        CHECK(out.text == "<package xpkgid=\"" + kSha256 + "\" pkgid = \"" + kSha256 + "\">");
        CHECK(out.checksums == std::vector<std::string>{""});
    }
    SUBCASE("a tag longer than any real one") {
        const std::string tag =
            "<package name=\"" + std::string(100000, 'n') + "\" pkgid=\"" + kSha256 + "\">";
        const auto out = filter(tag + "<package pkgid=\"" + kSha256 + "\">");
        CHECK(out.text == tag + "<package >");
        CHECK(out.checksums == std::vector<std::string>{"", kSha256Bytes});
    }
    SUBCASE("the text ends inside a tag") {
        const auto out = filter("<package pkgid=\"" + kSha256 + "\"");
        CHECK(out.text == "<package pkgid=\"" + kSha256 + "\"");
        CHECK(out.checksums == std::vector<std::string>{""});
    }
}

TEST_CASE("other names that begin like package are passed as they are") {
    const std::string xml =
        "<packages pkgid=\"" + kSha256 + "\"/><packagex/><file>/package</file><package";
    const auto out = filter(xml);
    CHECK(out.text == xml);
    CHECK(out.checksums.empty());
}

TEST_CASE("a pkgid cut anywhere by the reads of the file is read whole") {
    std::string xml = "<filelists>";
    for (int i = 0; i < 4000; ++i)
        xml += "<package pkgid=\"" + kSha256 + "\" name=\"p" + std::to_string(i) + "\"><file>/" +
               std::string(i % 37, 'f') + "</file></package>";
    std::string expected = xml;
    for (size_t at; (at = expected.find(" pkgid=\"" + kSha256 + "\"")) != std::string::npos;)
        expected.replace(at + 1, 8 + kSha256.size(), "");
    REQUIRE(xml.size() > 4 * 65536);  // the filter reads 64 KiB at a time
    for (size_t step : {1, 7, 4096, 65536}) {
        CAPTURE(step);
        const auto out = filter(xml, step);
        CHECK(out.text == expected);
        CHECK(out.checksums == std::vector<std::string>(4000, kSha256Bytes));
    }
}
