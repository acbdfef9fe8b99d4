#include <doctest/doctest.h>
#include <fcntl.h>

#include <fstream>

#include "TempDir.hpp"
#include "solv/Map.hpp"
#include "solv/Pool.hpp"
#include "solv/Queue.hpp"
#include "solv/RepoCache.hpp"

namespace solv = mpm::solv;

TEST_CASE("Queue behaves like a container and owns its memory") {
    solv::Queue q{1, 2, 3};
    CHECK(q.size() == 3);
    CHECK(q.contains(2));
    solv::Queue copy = q;
    copy.push_back(4);
    CHECK(q.size() == 3);
    CHECK(copy.size() == 4);
    solv::Queue moved = std::move(copy);
    CHECK(moved[3] == 4);
    int sum = 0;
    for (Id id : moved) sum += id;
    CHECK(sum == 10);
    moved.clear();
    CHECK(moved.empty());
}

TEST_CASE("Map sets, clears and copies") {
    solv::Map m(64);
    m.set(3);
    CHECK(m.test(3));
    CHECK_FALSE(m.test(4));
    CHECK_FALSE(m.test(1000));  // out of range is simply false
    solv::Map c = m;
    c.clear(3);
    CHECK(m.test(3));
    CHECK_FALSE(c.test(3));
    m.setAll();
    CHECK(m.test(63));
}

TEST_CASE("Pool uses RPM semantics and parses dependencies") {
    solv::Pool pool("x86_64");
    CHECK(pool->disttype == DISTTYPE_RPM);
    CHECK(std::string(pool.dep2str(pool.parseDep("foo"))) == "foo");
    CHECK(std::string(pool.dep2str(pool.parseDep("foo >= 1.0-2"))) == "foo >= 1.0-2");
    CHECK(std::string(pool.dep2str(pool.parseDep("foo<2"))) == "foo < 2");
    CHECK(std::string(pool.dep2str(pool.parseDep("(a or b)"))) == "(a or b)");
    CHECK(pool.parseDep("") == 0);
    CHECK(pool.parseDep("foo >=") == 0);
    // rpm's ordering, not Debian's: 1.0~rc1 < 1.0 and release compares.
    Id a = pool_str2id(pool.raw(), "1.0~rc1-1", 1), b = pool_str2id(pool.raw(), "1.0-1", 1);
    CHECK(pool_evrcmp(pool.raw(), a, b, EVRCMP_COMPARE) < 0);
}

TEST_CASE("a stamped cache opens only as written, and is not inherited by what mpm runs") {
    mpm::test::TempDir dir;
    solv::Pool pool("x86_64");
    ::Repo* repo = pool.addRepo("r");
    const Id p = repo_add_solvable(repo);
    pool_id2solvable(pool.raw(), p)->name = pool_str2id(pool.raw(), "a", 1);
    const std::string path = dir.path() + "/r.solv";
    REQUIRE(solv::writeStampedSolv(repo, path, "stamp-1").empty());
    CHECK_FALSE(solv::openStampedSolv(path, "stamp-2"));
    solv::StampedFile f = solv::openStampedSolv(path, "stamp-1");
    REQUIRE(f);
    CHECK((fcntl(fileno(f.file.get()), F_GETFD) & FD_CLOEXEC) != 0);
    CHECK(f.unchanged());
    {
        std::fstream out(path, std::ios::in | std::ios::out | std::ios::binary);
        out.seekp(8);
        out.write("\xff", 1);
    }
    CHECK_FALSE(f.unchanged());
    CHECK_FALSE(solv::openStampedSolv(path, "stamp-1"));
}
