#include <doctest/doctest.h>

#include "solv/Map.hpp"
#include "solv/Pool.hpp"
#include "solv/Queue.hpp"

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
