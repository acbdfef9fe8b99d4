#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "HandMadeRepo.hpp"
#include "repodata/SideFilelists.hpp"
#include "solv/DataIterator.hpp"
#include "solv/File.hpp"
#include "solv/Pool.hpp"
#include "solv/RepoCache.hpp"
#include "solv/libsolv.hpp"

using namespace mpm;

namespace {

// Enough packages, with file lists of uneven lengths, that filelists.xml is read in many chunks
// and its pkgid attributes fall across their borders at every offset.
std::vector<test::FakePkg> manyPackages() {
    std::vector<test::FakePkg> pkgs;
    for (int i = 0; i < 3000; ++i) {
        test::FakePkg p{.name = "p" + std::to_string(i), .version = "1.0"};
        for (int f = 0; f < i % 5; ++f)
            p.files.push_back("/usr/share/p" + std::to_string(i) + "/" +
                              std::string(1 + (i * 7 + f) % 23, 'f'));
        pkgs.push_back(std::move(p));
    }
    return pkgs;
}

// What RepoLoader's parse does, without its limits (run on the side thread: throws, for joinTo
// to say, rather than asserting there).
repodata::SideFilelists::Parse parseOf(const std::string& path) {
    return [path](::Repo* repo, int flags, const repodata::SideFilelists::Through& through) {
        solv::FilePtr f = through(solv::openCompressed(path));
        if (!f) throw std::runtime_error("cannot open " + path);
        if (repo_add_rpmmd(repo, f.get(), "FL", flags) != 0)
            throw std::runtime_error(pool_errstr(repo->pool));
    };
}

std::string contentOf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> primaryChecksums(const std::string& repoDir) {
    solv::Pool pool("noarch");
    ::Repo* repo = pool.addRepo("primary");
    solv::FilePtr f = solv::openCompressed(repoDir + "/repodata/primary.xml");
    REQUIRE(f);
    REQUIRE(repo_add_rpmmd(repo, f.get(), nullptr, 0) == 0);
    return repodata::SideFilelists::checksumsOf(repo);
}

std::vector<std::string> filesOf(::Repo* repo, Id p) {
    std::vector<std::string> files;
    for (solv::DataIterator it(repo->pool, repo, p, SOLVABLE_FILELIST); it.step();)
        files.emplace_back(repodata_dir2str(it.at().data, it.at().kv.id, it.at().kv.str));
    return files;
}

}  // namespace

TEST_CASE("filelists.xml read beside primary.xml joins every package's files, chunk after chunk") {
    test::TempDir dir;
    const auto pkgs = manyPackages();
    const std::string repoDir = test::writeRepo(dir, "srv", pkgs);
    const std::string path = repoDir + "/repodata/filelists.xml";
    REQUIRE(std::filesystem::file_size(path) > 4 * 65536);
    const std::vector<std::string> primary = primaryChecksums(repoDir);
    REQUIRE(primary.size() == pkgs.size());

    repodata::SideFilelists side(parseOf(path));
    const auto lists = side.joinTo(primary);
    REQUIRE(lists.repo != nullptr);  // every pkgid was read: the new packages are primary's
    CHECK(lists.first < lists.repo->nrepodata);
    for (size_t i = 0; i < pkgs.size(); ++i)
        CHECK(filesOf(lists.repo, lists.repo->start + static_cast<Id>(i)) == pkgs[i].files);
}

TEST_CASE(
    "the file lists read beside primary are cached as those joined to primary's packages, byte for "
    "byte") {
    test::TempDir dir;
    const auto pkgs = manyPackages();
    const std::string repoDir = test::writeRepo(dir, "srv", pkgs);
    const std::string path = repoDir + "/repodata/filelists.xml";

    repodata::SideFilelists side(parseOf(path));
    const auto lists = side.joinTo(primaryChecksums(repoDir));
    REQUIRE(lists.repo != nullptr);
    const std::string beside = dir.path() + "/beside.solvx";
    REQUIRE(solv::writeStampedSolv(lists.repo, beside, "stamp", lists.first, lists.repo->nrepodata,
                                   REPOWRITER_NO_STORAGE_SOLVABLE) == "");

    solv::Pool pool("noarch");
    ::Repo* repo = pool.addRepo("joined");
    solv::FilePtr primary = solv::openCompressed(repoDir + "/repodata/primary.xml");
    REQUIRE(repo_add_rpmmd(repo, primary.get(), nullptr, 0) == 0);
    const int first = repo->nrepodata;
    solv::FilePtr filelists = solv::openCompressed(path);
    REQUIRE(repo_add_rpmmd(repo, filelists.get(), "FL", REPO_EXTEND_SOLVABLES | REPO_LOCALPOOL) ==
            0);
    const std::string joined = dir.path() + "/joined.solvx";
    REQUIRE(solv::writeStampedSolv(repo, joined, "stamp", first, repo->nrepodata,
                                   REPOWRITER_NO_STORAGE_SOLVABLE) == "");

    const std::string written = contentOf(beside);
    CHECK(written.size() > 10000);
    CHECK(written == contentOf(joined));  // no trace of how they were read (a "filtered" mark)
}

TEST_CASE("filelists.xml in another order than primary.xml is not joined by position") {
    test::TempDir dir;
    const auto pkgs = manyPackages();
    const std::string repoDir = test::writeRepo(dir, "srv", pkgs, test::FilelistsOrder::Reversed);
    const std::string path = repoDir + "/repodata/filelists.xml";
    repodata::SideFilelists side(parseOf(path));
    CHECK(side.joinTo(primaryChecksums(repoDir)).repo == nullptr);
}

TEST_CASE("a package primary.xml lists and filelists.xml does not is not joined by position") {
    test::TempDir dir;
    const auto pkgs = manyPackages();
    const std::string repoDir = test::writeRepo(dir, "srv", pkgs);
    const std::string path = repoDir + "/repodata/filelists.xml";
    std::vector<std::string> primary = primaryChecksums(repoDir);
    primary.push_back(primary.front());
    repodata::SideFilelists side(parseOf(path));
    CHECK(side.joinTo(primary).repo == nullptr);
}

TEST_CASE("a side parse that fails is not joined: the caller parses the plain way") {
    test::TempDir dir;
    const std::string path = dir.write("filelists.xml", "<filelists><package pkgid=\"ab\"");
    repodata::SideFilelists side([](::Repo*, int, const repodata::SideFilelists::Through&) {
        throw std::runtime_error("broken");
    });
    CHECK(side.joinTo({}).repo == nullptr);
}

TEST_CASE("a package of primary's without a checksum is never joined by position") {
    test::TempDir dir;
    const std::string sum(64, 'a');
    const std::string path = dir.write(
        "filelists.xml", "<filelists><package pkgid=\"" + sum +
                             "\"><file>/a</file></package><package name=\"b\"><file>/evil</file>"
                             "</package></filelists>");
    repodata::SideFilelists side(parseOf(path));
    // primary: the first package with that checksum, the second with none (checksumsOf: "")
    CHECK(side.joinTo({std::string(32, '\xaa'), ""}).repo == nullptr);
}
