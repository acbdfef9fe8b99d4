// The downloader against a real HTTP server on 127.0.0.1: a verified file lands at its
// destination, and every failure (wrong checksum, too large, every mirror failing) leaves no
// file behind and names what went wrong.
#include <doctest/doctest.h>

#include <filesystem>

#include "LocalServer.hpp"
#include "TempDir.hpp"
#include "common/Error.hpp"
#include "repodata/Checksum.hpp"
#include "repodata/Downloader.hpp"

using namespace mpm;
using namespace mpm::repodata;
namespace fs = std::filesystem;

namespace {

const std::string kContent = "the content of a package\n";

struct Fixture {
    test::TempDir dir;
    test::LocalServer server;
    Fixture() : server(served(dir)) {}
    static std::string served(const test::TempDir& d) {
        d.write("srv/pkg.rpm", kContent);
        return d.path() + "/srv";
    }
    DownloadRequest request(std::vector<std::string> urls) const {
        DownloadRequest r;
        r.urls = std::move(urls);
        r.dest = dir.path() + "/out/pkg.rpm";
        r.checksumType = "sha256";
        r.checksum = Checksum::ofString(kContent, "sha256");
        r.options.retries = 0;
        fs::create_directories(dir.path() + "/out");
        return r;
    }
};

}  // namespace

TEST_CASE("a download is verified and moved into place") {
    Fixture f;
    const DownloadRequest req = f.request({f.server.url("pkg.rpm")});
    Downloader().fetch(req);
    CHECK(Checksum::ofFile(req.dest, "sha256") == req.checksum);
    CHECK_FALSE(fs::exists(req.dest + ".part"));
}

TEST_CASE("a file that does not match its checksum is refused and not kept") {
    Fixture f;
    DownloadRequest req = f.request({f.server.url("pkg.rpm")});
    req.checksum = Checksum::ofString("something else", "sha256");
    const auto outcomes = Downloader().run({req});
    REQUIRE(outcomes.size() == 1);
    CHECK_FALSE(outcomes[0].ok);
    CHECK(outcomes[0].error.find("pkg.rpm") != std::string::npos);
    CHECK(outcomes[0].error.find("checksum") != std::string::npos);
    CHECK_FALSE(fs::exists(req.dest));
    CHECK_FALSE(fs::exists(req.dest + ".part"));
}

TEST_CASE("a missing file on the first mirror falls over to the next") {
    Fixture f;
    const DownloadRequest req =
        f.request({f.server.url("not-here/pkg.rpm"), f.server.url("pkg.rpm")});
    const auto outcomes = Downloader().run({req});
    CHECK(outcomes[0].ok);
    CHECK(fs::exists(req.dest));
}

TEST_CASE("when every mirror fails, the error names each one") {
    Fixture f;
    const std::string refused =
        "http://127.0.0.1:" + std::to_string(test::LocalServer::freePort()) + "/pkg.rpm";
    const DownloadRequest req = f.request({f.server.url("not-here/pkg.rpm"), refused});
    const std::string missing = f.server.url("not-here/pkg.rpm");
    CHECK_THROWS_WITH_AS(Downloader().fetch(req), doctest::Contains(missing.c_str()),
                         DownloadError);
    const auto outcomes = Downloader().run({req});
    CHECK(outcomes[0].error.find(refused) != std::string::npos);
    CHECK_FALSE(fs::exists(req.dest));
}

TEST_CASE("a file larger than the metadata says is cut off and refused") {
    Fixture f;
    DownloadRequest req = f.request({f.server.url("pkg.rpm")});
    req.expectedSize = 5;
    const auto outcomes = Downloader().run({req});
    CHECK_FALSE(outcomes[0].ok);
    CHECK_FALSE(fs::exists(req.dest));
}

TEST_CASE("many requests in parallel each get their own outcome, in order") {
    Fixture f;
    std::vector<DownloadRequest> reqs;
    for (int i = 0; i < 6; ++i) {
        DownloadRequest r = f.request({f.server.url(i % 2 ? "pkg.rpm" : "missing.rpm")});
        r.dest = f.dir.path() + "/out/" + std::to_string(i) + ".rpm";
        reqs.push_back(r);
    }
    const auto outcomes = Downloader(3).run(reqs);
    REQUIRE(outcomes.size() == 6);
    for (int i = 0; i < 6; ++i) {
        CAPTURE(i);
        CHECK(outcomes[i].ok == (i % 2 == 1));
        CHECK(fs::exists(reqs[i].dest) == (i % 2 == 1));
    }
}
