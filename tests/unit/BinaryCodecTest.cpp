// The length-prefixed encoding of mpm's caches: what is written reads back field by field, and
// a short or damaged buffer is refused (CodecError) rather than read past its end.
#include <doctest/doctest.h>

#include "common/BinaryCodec.hpp"

using namespace mpm;

TEST_CASE("every field kind reads back as written, in order") {
    BinaryWriter w;
    w.u64(0);
    w.u64(UINT64_MAX);
    w.str("");
    w.str(std::string("with\0nul", 8));
    w.strings({"a", "", "ccc"});
    w.stringLists({{"k1", {"x", "y"}}, {"k2", {}}});
    BinaryReader r(w.bytes());
    CHECK(r.u64() == 0);
    CHECK(r.u64() == UINT64_MAX);
    CHECK(r.str().empty());
    CHECK(r.str() == std::string("with\0nul", 8));
    CHECK(r.strings() == std::vector<std::string>{"a", "", "ccc"});
    const auto lists = r.stringLists();
    CHECK(lists.size() == 2);
    CHECK(lists.at("k1") == std::vector<std::string>{"x", "y"});
    CHECK(lists.at("k2").empty());
    CHECK(r.atEnd());
}

TEST_CASE("a truncated buffer throws at the first field it cannot hold") {
    BinaryWriter w;
    w.str("hello");
    w.u64(7);
    const std::string whole = w.bytes();
    for (size_t cut = 0; cut < whole.size(); ++cut) {
        CAPTURE(cut);
        const std::string part = whole.substr(0, cut);
        BinaryReader r(part);
        CHECK_THROWS_AS(
            {
                r.str();
                r.u64();
            },
            CodecError);
    }
}

TEST_CASE("a count larger than what is left is refused before anything is allocated") {
    BinaryWriter w;
    w.u64(1ull << 60);  // "2^60 strings follow", in a buffer of 8 bytes
    BinaryReader r(w.bytes());
    CHECK_THROWS_AS(r.strings(), CodecError);
    BinaryWriter s;
    s.u64(100);  // a string of 100 bytes that has 3
    std::string bytes = s.bytes() + "abc";
    BinaryReader r2(bytes);
    CHECK_THROWS_AS(r2.str(), CodecError);
}
