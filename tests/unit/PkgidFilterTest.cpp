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
    repodata::PkgidList read;
};

// `xml` read through the filter, in reads of `step` bytes.
Filtered filter(std::string xml, size_t step = 4096) {
    Filtered out;
    solv::FilePtr f =
        repodata::withoutPkgids(solv::FilePtr(fmemopen(xml.data(), xml.size(), "r")), out.read);
    REQUIRE(f);
    std::string buf(step, '\0');
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) out.text.append(buf, 0, n);
    CHECK(!std::ferror(f.get()));
    return out;
}

std::string package(const std::string& attributes, const std::string& files = "") {
    return "<package " + attributes + "><version epoch=\"0\" ver=\"1\" rel=\"1\"/>" + files +
           "</package>";
}

// Nothing of it usable, and the text from where it stops being createrepo's (`unchanged`, its
// end) passed as it is (what came before was passed filtered: libsolv read it, to no use).
void checkGivenUp(const std::string& xml, const std::string& unchanged) {
    REQUIRE(xml.ends_with(unchanged));
    const auto out = filter(xml);
    CHECK_FALSE(out.read.usable);
    CHECK(out.read.checksums.empty());
    CHECK(out.text.ends_with(unchanged));  // (not CHECK(a == b): the texts are long)
}

void checkGivenUp(const std::string& xml) {
    checkGivenUp(xml, xml);
}

}  // namespace

TEST_CASE(
    "each package's pkgid is taken out of its tag and kept, whatever the quotes and spacing") {
    const auto out =
        filter("<?xml version=\"1.0\"?>\n<filelists packages=\"2\">\n" +
               package("pkgid=\"" + kSha256 + "\" name=\"a\"", "<file>/a</file>") +
               "\n<package\tname='b' pkgid = '" + kSha256 + "'\n arch='x86_64'/></filelists>");
    CHECK(out.text == "<?xml version=\"1.0\"?>\n<filelists packages=\"2\">\n" +
                          package(" name=\"a\"", "<file>/a</file>") +
                          "\n<package\tname='b' \n arch='x86_64'/></filelists>");
    CHECK(out.read.usable);
    CHECK(out.read.checksums == std::vector<std::string>{kSha256Bytes, kSha256Bytes});
}

TEST_CASE("an attribute value holding '>' or pkgid= is read as the value it is") {
    const auto out =
        filter("<filelists>" + package("arch=\"x pkgid='q>\" name='n' pkgid=\"" + kSha256 + "\"") +
               "</filelists>");
    CHECK(out.text == "<filelists>" + package("arch=\"x pkgid='q>\" name='n' ") + "</filelists>");
    CHECK(out.read.usable);
    CHECK(out.read.checksums == std::vector<std::string>{kSha256Bytes});
}

TEST_CASE("a text not of createrepo's shape is passed unchanged and its pkgids are of no use") {
    const std::string good = package("pkgid=\"" + kSha256 + "\"", "<file>/a</file>");
    SUBCASE("a package without a pkgid, or one that is not hex of a checksum") {
        checkGivenUp("<filelists>" + good + package("name=\"b\"") + "</filelists>",
                     package("name=\"b\"") + "</filelists>");
        checkGivenUp("<filelists>" + package("pkgid=\"xyz\"") + "</filelists>");
        checkGivenUp("<filelists>" + package("pkgid=\"abcd\"") + "</filelists>");
        checkGivenUp("<filelists>" +
                     package("pkgid=\"" + kSha256 + "\" pkgid=\"" + kSha256 + "\"") +
                     "</filelists>");
    }
    SUBCASE("a pkgid without a value") {
        checkGivenUp("<filelists><package pkgid=>");
        checkGivenUp("<filelists><package pkgid=");
    }
    SUBCASE("a comment or CDATA, which could hide a package from libsolv") {
        checkGivenUp("<filelists><!-- " + good + " -->" + good + "</filelists>",
                     "<!-- " + good + " -->" + good + "</filelists>");
        checkGivenUp("<filelists><![CDATA[" + good + "]]>" + good + "</filelists>",
                     "<![CDATA[" + good + "]]>" + good + "</filelists>");
    }
    SUBCASE("elements libsolv could make a package of, or that are not packages") {
        checkGivenUp("<filelists><patch><file>/evil</file></patch>" + good + "</filelists>",
                     "<patch><file>/evil</file></patch>" + good + "</filelists>");
        checkGivenUp("<filelists>" + good + "<pattern/></filelists>", "<pattern/></filelists>");
        checkGivenUp("<metadata>" + good + "</metadata>");
    }
    SUBCASE("inside a package, what could hide its end, or an end spelled otherwise") {
        const std::string open = "<filelists><package pkgid=\"" + kSha256 + "\">";
        for (const std::string inside : {"<!-- </package> -->", "<![CDATA[</package>]]>",
                                         "<?pi </package> ?>", "</package ><package>"})
            checkGivenUp(open + inside + "<file>/a</file></package></filelists>",
                         inside + "<file>/a</file></package></filelists>");
    }
    SUBCASE("a package inside another") {
        checkGivenUp(
            "<filelists><package pkgid=\"" + kSha256 + "\">" + good + "</package></filelists>",
            good + "</package></filelists>");
    }
    SUBCASE("more closed than opened") {
        checkGivenUp("<filelists>" + good + "</filelists></filelists>" + good,
                     "</filelists>" + good);
    }
    SUBCASE("a tag longer than any real one, or never ended") {
        checkGivenUp(
            "<filelists>" +
            package("name=\"" + std::string(100000, 'n') + "\" pkgid=\"" + kSha256 + "\"") +
            "</filelists>");
        checkGivenUp("<filelists><package pkgid=\"" + kSha256 + "\"");
        checkGivenUp("<filelists><package " + std::string(200000, ' '),
                     "<package " + std::string(200000, ' '));
    }
    SUBCASE("a '<' inside a tag") {
        checkGivenUp("<filelists><package <package pkgid=\"" + kSha256 +
                     "\"></package></filelists>");
        checkGivenUp("<filelists><package name=\"<\" pkgid=\"" + kSha256 +
                     "\"></package></filelists>");
    }
}

TEST_CASE("a tag cut anywhere by the file's chunks is read whole") {
    std::string packages;
    for (int i = 0; i < 1500; ++i)
        packages += package("pkgid=\"" + kSha256 + "\" name=\"p" + std::to_string(i) + "\"",
                            "<file>/" + std::string(i % 37, 'f') + "</file>");
    std::string expected = packages;
    for (size_t at; (at = expected.find("pkgid=\"" + kSha256 + "\"")) != std::string::npos;)
        expected.erase(at, 8 + kSha256.size());
    REQUIRE(packages.size() > 2 * 65536);  // the filter reads its file 64 KiB at a time
    // each padding moves every chunk border by one byte against the tags
    for (size_t pad = 0; pad < 240; ++pad) {
        CAPTURE(pad);
        const std::string head = "<filelists>" + std::string(pad, ' ');
        const auto out = filter(head + packages + "</filelists>", pad % 2 ? 7 : 65536);
        REQUIRE(out.text == head + expected + "</filelists>");
        REQUIRE(out.read.usable);
        REQUIRE(out.read.checksums.size() == 1500);
    }
}
