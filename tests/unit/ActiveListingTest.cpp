#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>

#include "HandMadeRepo.hpp"
#include "LoadedSack.hpp"
#include "common/BinaryCodec.hpp"
#include "libmodule/base/Sack.hpp"
#include "libmodule/module/ActiveListing.hpp"
#include "libmodule/module/ModuleMetadata.hpp"
#include "repodata/Config.hpp"

using namespace mpm;
using namespace mpm::module;

namespace {

// Two repositories of three and two packages; builds "list" packages by name here.
struct Fixture {
    test::TempDir root;
    repodata::Config config;  // (the sack keeps a reference)
    std::unique_ptr<base::Sack> sack;
    ModuleStream nodejs18{.name = "nodejs", .stream = "18"};
    ModuleStream nodejs18b{.name = "nodejs", .stream = "18", .context = "other"};
    ModuleStream tool1{.name = "tool", .stream = "1"};
    std::map<std::string, const ModuleStream*> byName{
        {"nodejs", &nodejs18}, {"npm", &nodejs18b}, {"tool", &tool1}};

    Fixture() {
        const std::string a = test::writeRepo(root, "srv/a",
                                              {{.name = "nodejs", .version = "18"},
                                               {.name = "plain", .version = "1"},
                                               {.name = "npm", .version = "18"}});
        const std::string b = test::writeRepo(
            root, "srv/b", {{.name = "other", .version = "1"}, {.name = "tool", .version = "1"}});
        root.write("etc/yum.repos.d/t.repo",
                   "[a]\nbaseurl=file://" + a + "\n[b]\nbaseurl=file://" + b + "\n");
        sack = test::loadSack(root.path(), config);
    }

    Id id(const std::string& name) const {
        ::Pool* pool = sack->raw();
        for (Id p = 2; p < pool->nsolvables; ++p)
            if (pool->solvables[p].repo && name == pool_id2str(pool, pool->solvables[p].name))
                return p;
        FAIL("no package " << name);
        return 0;
    }

    std::string encoded() const {
        return ActiveListing::encode(*sack, [&](Id p) -> const ModuleStream* {
            auto it = byName.find(pool_id2str(sack->raw(), sack->raw()->solvables[p].name));
            return it == byName.end() ? nullptr : it->second;
        });
    }

    // A listing written by hand: streams, then each repository's (delta, stream number) bytes.
    std::string handMade(const std::vector<std::string>& perRepo, int streams = 1) const {
        BinaryWriter w;
        w.u64(static_cast<uint64_t>(streams));
        for (int i = 0; i < streams; ++i) {
            w.str("m" + std::to_string(i));
            w.str("1");
        }
        for (const auto& bytes : perRepo) w.str(bytes);
        return w.take();
    }
};

// Bytes as they are (a string literal would stop at the first zero).
std::string bytes(std::initializer_list<int> list) {
    std::string out;
    for (int b : list) out += static_cast<char>(b);
    return out;
}

}  // namespace

TEST_CASE("the active listing kept with the selection reads back as it was made") {
    Fixture f;
    const auto listing = ActiveListing::decode(*f.sack, f.encoded());
    REQUIRE(listing);
    CHECK(listing->find(f.id("nodejs")) == StreamName{"nodejs", "18"});
    CHECK(listing->find(f.id("npm")) == StreamName{"nodejs", "18"});  // another build, one stream
    CHECK(listing->find(f.id("tool")) == StreamName{"tool", "1"});    // second repository
    CHECK_FALSE(listing->find(f.id("plain")));
    CHECK_FALSE(listing->find(f.id("other")));
    CHECK_FALSE(listing->find(1));  // (not a package of a loaded repository)
}

TEST_CASE("an active listing that does not fit the repositories is not used") {
    Fixture f;
    // The good form, by hand: repo a's positions 0 and 2, repo b's position 1.
    const std::string good = f.handMade({bytes({0x00, 0x00, 0x02, 0x00}), bytes({0x01, 0x00})});
    REQUIRE(ActiveListing::decode(*f.sack, good));
    const std::map<std::string, std::string> bad{
        {"a position past its repository", f.handMade({bytes({0x03, 0x00}), ""})},
        {"a stream number past the streams", f.handMade({bytes({0x00, 0x01}), ""})},
        {"a position twice", f.handMade({bytes({0x00, 0x00, 0x00, 0x00}), ""})},
        {"a varint cut short", f.handMade({bytes({0x00, 0x80}), ""})},
        {"a varint longer than a 32-bit number",
         f.handMade({bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00}), ""})},
        {"one repository missing", f.handMade({bytes({0x00, 0x00})})},
        {"bytes after the last repository", f.handMade({bytes({0x00, 0x00}), "", bytes({'x'})})},
        {"no bytes", ""},
        {"cut short", good.substr(0, good.size() - 1)},
    };
    for (const auto& [what, listing] : bad) {
        CAPTURE(what);
        CHECK_FALSE(ActiveListing::decode(*f.sack, listing));
    }
}
