// The locks that let processes share a cache, on real files: two lock objects in one process
// conflict as two processes would (flock and OFD locks belong to the open file, not the
// process), so each case plays both sides.
#include <doctest/doctest.h>

#include <filesystem>

#include "TempDir.hpp"
#include "common/FileLock.hpp"
#include "repodata/PackageCache.hpp"

using namespace mpm;
namespace fs = std::filesystem;

TEST_CASE("FileLock: shared holders exclude an exclusive one, and a deleted lock file is noticed") {
    test::TempDir dir;
    const std::string path = dir.path() + "/gen/.lock";
    fs::create_directories(dir.path() + "/gen");
    FileLock reader = FileLock::acquire(path, FileLock::Mode::Shared);
    FileLock other = FileLock::tryAcquire(path, FileLock::Mode::Shared);
    CHECK(reader.held());
    CHECK(other.held());
    CHECK_FALSE(FileLock::tryAcquire(path, FileLock::Mode::Exclusive).held());
    reader.release();
    other.release();
    FileLock deleter = FileLock::tryAcquire(path, FileLock::Mode::Exclusive);
    REQUIRE(deleter.held());
    CHECK_FALSE(FileLock::tryAcquire(path, FileLock::Mode::Shared).held());
    // The deleter removes the directory with its lock file: a later reader finds nothing.
    deleter.removeFile();
    fs::remove_all(dir.path() + "/gen");
    deleter.release();
    CHECK_FALSE(FileLock::acquireIfPresent(path, FileLock::Mode::Shared).held());
    CHECK_THROWS(FileLock::acquire(path, FileLock::Mode::Shared));
}

TEST_CASE("PackageLocks: one downloader, waiting users, and deletion only when nobody uses it") {
    test::TempDir dir;
    fs::create_directories(dir.path() + "/repo/packages");
    const std::string a = dir.write("repo/packages/a-1.0-1.noarch.rpm", "a");
    const std::string b = dir.write("repo/packages/b-1.0-1.noarch.rpm", "b");
    using Mode = repodata::PackageLocks::Mode;
    repodata::PackageLocks first, second;

    REQUIRE(first.lock(a, Mode::Exclusive, false));  // first downloads a
    CHECK_FALSE(second.lock(a, Mode::Exclusive, false));
    CHECK_FALSE(second.lock(a, Mode::Shared, false));
    CHECK(second.lock(b, Mode::Exclusive, false));  // another file is another lock
    CHECK_FALSE(repodata::removeCachedPackage(a));
    CHECK(fs::exists(a));

    first.downgrade(a);  // done: others may use it
    CHECK(second.lock(a, Mode::Shared, false));
    CHECK_FALSE(first.tryExclusive(a));             // second uses it: not deleted...
    CHECK_FALSE(repodata::removeCachedPackage(a));  // ...and first's shared lock stayed
    second.unlock(a);
    CHECK_FALSE(repodata::removeCachedPackage(a));  // first still holds it
    CHECK(first.tryExclusive(a));
    first.unlock(a);
    CHECK(repodata::removeCachedPackage(a));
    CHECK_FALSE(fs::exists(a));

    // The lock file goes only when nothing in it is held; a later lock makes a new one.
    CHECK_FALSE(repodata::removeUnusedPackageLocks(dir.path() + "/repo"));  // second holds b
    second.unlock(b);
    CHECK(repodata::removeUnusedPackageLocks(dir.path() + "/repo"));
    CHECK_FALSE(fs::exists(dir.path() + "/repo/.packages.lock"));
    CHECK(first.lock(b, Mode::Exclusive, false));  // first's old descriptor is replaced
    CHECK(fs::exists(dir.path() + "/repo/.packages.lock"));
    CHECK_FALSE(second.lock(b, Mode::Shared, false));
}
