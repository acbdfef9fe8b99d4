#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "HandMadeRepo.hpp"
#include "LoadedSack.hpp"
#include "common/Error.hpp"
#include "libmodule/base/NevraMatcher.hpp"
#include "libmodule/base/PackageQuery.hpp"
#include "libmodule/base/Sack.hpp"
#include "repodata/Config.hpp"
#include "solv/Pool.hpp"

using namespace mpm;
using namespace mpm::repodata;
using namespace mpm::base;

namespace {

struct Fixture {
    test::TempDir root;
    Config config;
    std::unique_ptr<Sack> sack;

    explicit Fixture(const std::string& extraRepoOptions = "") {
        std::string a = test::writeRepo(
            root, "srv/a",
            {{.name = "foo", .version = "1.0", .files = {"/usr/bin/foo", "/usr/share/foo/data"}},
             {.name = "foo", .version = "2.0", .requires_ = {"bar GE 2"}},
             {.name = "bar", .version = "2.1", .arch = "x86_64", .provides = {"libbar.so"}},
             {.name = "bar", .version = "1.0", .arch = "x86_64"},
             {.name = "baz",
              .epoch = "3",
              .version = "0.5",
              .summary = "Bazooka tool",
              .requires_ = {"libbar.so"}}});
        std::string b = test::writeRepo(root, "srv/b",
                                        {{.name = "foo", .version = "2.0", .summary = "from b"}});
        root.write("etc/yum.repos.d/t.repo", "[a]\nbaseurl=file://" + a + "\n" + extraRepoOptions +
                                                 "\n[b]\nbaseurl=file://" + b + "\npriority=10\n");
        sack = test::loadSack(root.path(), config);
    }

    std::vector<std::string> nevras(PackageQuery& q) {
        std::vector<std::string> out;
        for (const auto& p : q.packages()) out.push_back(p.fullNevra() + "@" + p.repoId());
        return out;
    }
};

}  // namespace

TEST_CASE("a hand-made repo loads through cache, .solv and back") {
    Fixture f;
    CHECK(PackageQuery(*f.sack).size() == 6);
    // Second load comes from the .solv cache and must see the same packages and files.
    Sack again(f.config);
    again.loadAvailable(RefreshPolicy::Never);
    again.finalize();
    PackageQuery q(again);
    CHECK(q.size() == 6);
    auto foo = PackageQuery(again).matching({"foo-1.0"}).packages();
    REQUIRE(foo.size() == 1);
    // The file lists are read from their cache when first looked up, not before.
    ::Repo* a = again.repo("a")->repo;
    CHECK(again.pool().deferred(a, SOLVABLE_FILELIST));
    CHECK(foo[0].files() == std::vector<std::string>{"/usr/bin/foo", "/usr/share/foo/data"});
    CHECK_FALSE(again.pool().deferred(a, SOLVABLE_FILELIST));
    CHECK(again.pool().deferred(again.repo("b")->repo, SOLVABLE_FILELIST));
    CHECK(PackageQuery(again).whatProvides({"/usr/bin/foo"}).size() == 1);
    CHECK(again.pool().problems().empty());

    // A damaged cache of the file lists is checked, and rebuilt from filelists.xml, by the run
    // that reads them (libsolv frees a repository's packages when an extension fails to load).
    const std::string lists = f.sack->repo("a")->metadata.genDir + "/filelists.solvx";
    auto scribble = [&] {
        std::fstream file(lists, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(40);
        file.write("\xff\xff\xff\xff\xff\xff\xff\xff", 8);
    };
    auto bytes = [&] {
        std::ifstream file(lists, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(file), {});
    };
    auto inode = [&] {
        struct stat st {};
        ::stat(lists.c_str(), &st);
        return st.st_ino;  // a cache written again is a new file renamed into place
    };
    Sack third(f.config);
    third.loadAvailable(RefreshPolicy::Never);
    third.finalize();
    REQUIRE(third.pool().deferred(third.repo("a")->repo, SOLVABLE_FILELIST));
    scribble();
    const std::string damaged = bytes();
    auto foo3 = PackageQuery(third).matching({"foo-1.0"}).packages();
    REQUIRE(foo3.size() == 1);
    CHECK(foo3[0].files() == std::vector<std::string>{"/usr/bin/foo", "/usr/share/foo/data"});
    CHECK_FALSE(third.pool().deferred(third.repo("a")->repo, SOLVABLE_FILELIST));
    CHECK(PackageQuery(third).size() == 6);
    CHECK(third.pool().problems().empty());
    CHECK(bytes() != damaged);  // written again
    const auto rebuilt = inode();
    Sack fourth(f.config);
    fourth.loadAvailable(RefreshPolicy::Never);
    fourth.finalize();
    auto foo4 = PackageQuery(fourth).matching({"foo-1.0"}).packages();
    REQUIRE(foo4.size() == 1);
    CHECK(foo4[0].files() == std::vector<std::string>{"/usr/bin/foo", "/usr/share/foo/data"});
    CHECK(fourth.pool().problems().empty());
    CHECK(inode() == rebuilt);  // read as rebuilt, not rebuilt again

    // Neither the cache nor the XML readable: the file lists are left out, said, and the
    // packages stay.
    Sack fifth(f.config);
    fifth.loadAvailable(RefreshPolicy::Never);
    fifth.finalize();
    scribble();
    const std::string xml = fifth.repo("a")->metadata.path("filelists");
    std::filesystem::rename(xml, xml + ".away");
    auto foo5 = PackageQuery(fifth).matching({"foo-1.0"}).packages();
    REQUIRE(foo5.size() == 1);
    // (primary.xml lists files in bin/ itself: that much is still known)
    CHECK(foo5[0].files() == std::vector<std::string>{"/usr/bin/foo"});
    CHECK(PackageQuery(fifth).size() == 6);
    CHECK(fifth.pool().failed(fifth.repo("a")->repo, SOLVABLE_FILELIST));
    REQUIRE(fifth.pool().problems().size() == 1);
    CHECK(fifth.pool().problems()[0].find("the file lists of repository 'a' could not be read") !=
          std::string::npos);

    std::filesystem::rename(xml + ".away", xml);
}

TEST_CASE("the package details are read from their cache when first looked up, not before") {
    Fixture f;
    Sack again(f.config);
    again.loadAvailable(RefreshPolicy::Never);
    again.finalize();
    ::Repo* a = again.repo("a")->repo;
    // a query by name, its versions and sizes, and a resolve's index read none of them
    auto baz = PackageQuery(again).matching({"baz"}).packages();
    REQUIRE(baz.size() == 1);
    CHECK(baz[0].fullNevra() == "baz-3:0.5-1.noarch");
    again.indexProvides();
    CHECK(again.pool().deferred(a, SOLVABLE_SUMMARY));
    CHECK(again.pool().deferred(a, SOLVABLE_LICENSE));
    CHECK(baz[0].summary() == "Bazooka tool");
    CHECK(baz[0].license() == "MIT");
    CHECK(baz[0].description() == "d");
    CHECK_FALSE(again.pool().deferred(a, SOLVABLE_SUMMARY));
    CHECK_FALSE(again.pool().deferred(a, SOLVABLE_LICENSE));  // read with the summary
    CHECK(again.pool().deferred(a, SOLVABLE_FILELIST));       // apart from the file lists
    CHECK(again.pool().deferred(again.repo("b")->repo, SOLVABLE_SUMMARY));
    CHECK(again.pool().problems().empty());

    // A damaged cache of them is rebuilt from primary.xml by the run that reads them, quietly.
    const std::string info = f.sack->repo("a")->metadata.genDir + "/info.solvx";
    Sack third(f.config);
    third.loadAvailable(RefreshPolicy::Never);
    third.finalize();
    auto scribble = [&] {
        std::fstream file(info, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(40);
        file.write("\xff\xff\xff\xff\xff\xff\xff\xff", 8);
    };
    scribble();
    // (and given even when the cache cannot be written again: a directory where it is written)
    const std::string blocked = info + ".tmp-" + std::to_string(getpid());
    std::filesystem::create_directory(blocked);
    auto baz3 = PackageQuery(third).matching({"baz"}).packages();
    REQUIRE(baz3.size() == 1);
    CHECK(baz3[0].summary() == "Bazooka tool");
    CHECK(PackageQuery(third).size() == 6);
    REQUIRE(third.pool().problems().size() == 1);  // said, once
    CHECK(third.pool().problems()[0].find("repository 'a': cannot write its cache") !=
          std::string::npos);
    std::filesystem::remove(blocked);
    Sack rebuilding(f.config);
    rebuilding.loadAvailable(RefreshPolicy::Never);
    rebuilding.finalize();
    CHECK(PackageQuery(rebuilding).matching({"baz"}).packages().at(0).summary() == "Bazooka tool");
    CHECK(rebuilding.pool().problems().empty());
    Sack fourth(f.config);
    fourth.loadAvailable(RefreshPolicy::Never);
    fourth.finalize();
    CHECK(PackageQuery(fourth).matching({"baz"}).packages().at(0).summary() == "Bazooka tool");
    CHECK(fourth.pool().problems().empty());

    // Neither the cache nor primary.xml readable: the details are left out, said, and the
    // packages stay.
    Sack fifth(f.config);
    fifth.loadAvailable(RefreshPolicy::Never);
    fifth.finalize();
    scribble();
    const std::string xml = fifth.repo("a")->metadata.path("primary");
    std::filesystem::rename(xml, xml + ".away");
    CHECK(PackageQuery(fifth).matching({"baz"}).packages().at(0).summary() == "");
    CHECK(PackageQuery(fifth).size() == 6);
    CHECK(fifth.pool().failed(fifth.repo("a")->repo, SOLVABLE_SUMMARY));
    CHECK_FALSE(fifth.pool().failed(fifth.repo("a")->repo, SOLVABLE_FILELIST));
    REQUIRE(fifth.pool().problems().size() == 1);
    CHECK(fifth.pool().problems()[0].find(
              "the package details (summaries, licenses) of repository 'a' could not be read") !=
          std::string::npos);
    std::filesystem::rename(xml + ".away", xml);
}

TEST_CASE("NEVRA forms and globs") {
    Fixture f;
    auto q = [&](std::vector<std::string> specs) {
        PackageQuery pq(*f.sack);
        pq.matching(specs);
        return f.nevras(pq);
    };
    CHECK(q({"bar"}) == std::vector<std::string>{"bar-0:1.0-1.x86_64@a", "bar-0:2.1-1.x86_64@a"});
    CHECK(q({"bar.x86_64"}).size() == 2);
    CHECK(q({"bar-2.1"}) == std::vector<std::string>{"bar-0:2.1-1.x86_64@a"});
    CHECK(q({"bar-2.1-1"}).size() == 1);
    CHECK(q({"baz-3:0.5-1.noarch"}).size() == 1);
    CHECK(q({"3:baz-0.5-1.noarch"}).size() == 1);
    CHECK(q({"ba?"}).size() == 3);
    CHECK(q({"nothing"}).empty());
    CHECK(q({"bar.noarch"}).empty());
}

TEST_CASE("latest prefers the higher-priority repo on a tie") {
    Fixture f;
    PackageQuery q(*f.sack);
    q.matching({"foo"}).latest();
    CHECK(f.nevras(q) == std::vector<std::string>{"foo-0:2.0-1.noarch@b"});
}

TEST_CASE("whatprovides, whatrequires, search") {
    Fixture f;
    PackageQuery prov(*f.sack);
    prov.whatProvides({"libbar.so"});
    CHECK(f.nevras(prov) == std::vector<std::string>{"bar-0:2.1-1.x86_64@a"});
    PackageQuery file(*f.sack);
    file.whatProvides({"/usr/bin/foo"});
    CHECK(f.nevras(file) == std::vector<std::string>{"foo-0:1.0-1.noarch@a"});
    PackageQuery ver(*f.sack);
    ver.whatProvides({"bar >= 2"});
    CHECK(f.nevras(ver) == std::vector<std::string>{"bar-0:2.1-1.x86_64@a"});
    PackageQuery req(*f.sack);
    req.whatRequires({"bar"});
    CHECK(f.nevras(req) ==
          std::vector<std::string>{"baz-3:0.5-1.noarch@a", "foo-0:2.0-1.noarch@a"});
    PackageQuery s(*f.sack);
    s.search({"BAZOOKA"}, false);
    CHECK(f.nevras(s) == std::vector<std::string>{"baz-3:0.5-1.noarch@a"});
}

TEST_CASE("whatprovides without the index answers as the index does") {
    test::TempDir root;
    std::string a = test::writeRepo(
        root, "srv/a",
        {{.name = "tool",
          .version = "1.5",
          .provides = {"libz.so", "libv EQ 2.0"},
          .files = {"/usr/bin/tool", "/usr/lib/tool/unneeded"}},
         {.name = "tool", .version = "0.9", .files = {"/usr/bin/tool"}},
         {.name = "app", .version = "1.0", .requires_ = {"/usr/bin/tool", "libv GE 2.0"}}});
    root.write("etc/yum.repos.d/t.repo", "[a]\nbaseurl=file://" + a + "\n");
    ConfigRequest req;
    req.installroot = root.path();
    Config config = ConfigLoader::load(req);
    {
        // A first run indexes and records in the cache that /usr/bin/tool, a file app depends
        // on, is provided by every package holding it.
        Sack first(config);
        first.loadAvailable(RefreshPolicy::IfExpired);
        first.finalize();
        first.indexProvides();
    }
    const std::vector<std::string> capabilities = {
        "libz.so",    "libz.so >= 1",  "libv",    "libv > 1",     "libv < 2.0",
        "libv <= 2",  "libv = 2.0",    "tool",    "tool = 0.9-1", "tool > 1.0",
        "tool < 1.0", "tool >= 0:1.5", "nothing", "nothing > 1",  "/usr/bin/tool"};
    Sack sack(config);
    sack.loadAvailable(RefreshPolicy::Never);
    sack.finalize();
    auto nevras = [&](const std::string& capability) {
        std::vector<std::string> out;
        for (const auto& p : PackageQuery(sack).whatProvides({capability}).packages())
            out.push_back(p.fullNevra());
        return out;
    };
    std::map<std::string, std::vector<std::string>> compared;
    for (const auto& c : capabilities) {
        compared[c] = nevras(c);
        INFO(c);
        CHECK(sack.raw()->whatprovides == nullptr);  // answered without building the index
    }
    CHECK(compared["/usr/bin/tool"] ==
          std::vector<std::string>{"tool-0:0.9-1.noarch", "tool-0:1.5-1.noarch"});
    CHECK(compared["libz.so >= 1"] == std::vector<std::string>{"tool-0:1.5-1.noarch"});
    CHECK(compared["libv < 2.0"].empty());
    // A file nothing depends on is looked up in the file lists (after indexing, to know that).
    CHECK(nevras("/usr/lib/tool/unneeded") == std::vector<std::string>{"tool-0:1.5-1.noarch"});
    CHECK(nevras("/usr/bin/nothing").empty());
    REQUIRE(sack.raw()->whatprovides != nullptr);
    for (const auto& c : capabilities) {
        INFO(c);
        CHECK(nevras(c) == compared[c]);  // the index's answer
    }

    // A repository whose cache does not list the file (new here) holds it too: its holder
    // provides it only once indexed, so the file is not answered by comparing provides.
    std::string b = test::writeRepo(
        root, "srv/b", {{.name = "tool2", .version = "1", .files = {"/usr/bin/tool"}}});
    root.write("etc/yum.repos.d/t.repo",
               "[a]\nbaseurl=file://" + a + "\n[b]\nbaseurl=file://" + b + "\n");
    Config both = ConfigLoader::load(req);
    Sack widened(both);
    widened.loadAvailable(RefreshPolicy::IfExpired);
    widened.finalize();
    std::vector<std::string> holders;
    for (const auto& p : PackageQuery(widened).whatProvides({"/usr/bin/tool"}).packages())
        holders.push_back(p.fullNevra());
    CHECK(holders == std::vector<std::string>{"tool-0:0.9-1.noarch", "tool-0:1.5-1.noarch",
                                              "tool2-0:1-1.noarch"});
}

TEST_CASE("excludepkgs and includepkgs hide through the considered map") {
    Fixture f("excludepkgs=bar-1*");
    PackageQuery q(*f.sack);
    q.matching({"bar"});
    CHECK(f.nevras(q) == std::vector<std::string>{"bar-0:2.1-1.x86_64@a"});
    Fixture g("includepkgs=baz");
    PackageQuery all(*g.sack);
    all.inRepos({"a"});
    CHECK(g.nevras(all) == std::vector<std::string>{"baz-3:0.5-1.noarch@a"});
}

TEST_CASE("a query by name finds what filtering all visible packages by name finds") {
    // Names first, visibility then, for the few packages of those names: excludepkgs still hides.
    Fixture f("excludepkgs=bar-1*");
    for (const std::vector<std::string>& specs :
         std::vector<std::vector<std::string>>{{"bar"}, {"bar", "foo-2.0"}, {"b*"}, {"nothing"}}) {
        PackageQuery byName(*f.sack), afterAll(*f.sack);
        byName.matching(specs);
        afterAll.inRepos({"*"}).matching(specs);
        CHECK(f.nevras(byName) == f.nevras(afterAll));
    }
    PackageQuery q(*f.sack);
    CHECK(f.nevras(q.matching({"bar", "baz"}).matching({"bar"})) ==
          std::vector<std::string>{"bar-0:2.1-1.x86_64@a"});
}

TEST_CASE("a repo that cannot be loaded names itself") {
    test::TempDir root;
    root.write("etc/yum.repos.d/t.repo", "[gone]\nbaseurl=file://" + root.path() + "/nothing\n");
    ConfigRequest req;
    req.installroot = root.path();
    Config cfg = ConfigLoader::load(req);
    Sack sack(cfg);
    CHECK_THROWS_AS(sack.loadAvailable(RefreshPolicy::IfExpired), RepoError);
    root.write("etc/yum.repos.d/t.repo",
               "[gone]\nbaseurl=file://" + root.path() + "/nothing\nskip_if_unavailable=1\n");
    Config cfg2 = ConfigLoader::load(req);
    Sack skipping(cfg2);
    skipping.loadAvailable(RefreshPolicy::IfExpired);
    CHECK(skipping.warnings().size() == 1);
    CHECK(skipping.repos().empty());
}

TEST_CASE("spec names are found with dots, dashes, leading digits and names added later") {
    solv::Pool pool("x86_64");
    ::Repo* repo = pool.addRepo("r");
    auto add = [&](const char* name, const char* evr, const char* arch) {
        const Id p = repo_add_solvable(repo);
        ::Solvable* s = pool_id2solvable(pool.raw(), p);
        s->name = pool_str2id(pool.raw(), name, 1);
        s->evr = pool_str2id(pool.raw(), evr, 1);
        s->arch = pool_str2id(pool.raw(), arch, 1);
        return Package(pool.raw(), p);
    };
    const Package libs = add("python3.11-libs", "3.11.2-1", "x86_64");
    const Package ds = add("389-ds-base", "1:2.0-3", "x86_64");
    for (const char* spec : {"python3.11-libs", "python3.11-libs.x86_64", "python3.11-libs-3.11.2",
                             "python3.11-libs-3.11.2-1.x86_64", "python3.11-libs-0:3.11.2-1"})
        CHECK_MESSAGE(NevraMatcher({spec}).matches(libs), spec);
    for (const char* spec : {"python3", "python3.11", "python3.11-libs-3.11", "libs"})
        CHECK_MESSAGE(!NevraMatcher({spec}).matches(libs), spec);
    for (const char* spec :
         {"389-ds-base", "389-ds-base-1:2.0-3.x86_64", "1:389-ds-base-2.0-3.x86_64"})
        CHECK_MESSAGE(NevraMatcher({spec}).matches(ds), spec);
    // One matcher for two specs, one of them a glob; then a package of a name the pool did not
    // have when the matcher first looked.
    const NevraMatcher both({"python3.11-libs", "389-*"});
    CHECK(both.matches(libs));
    CHECK(both.matches(ds));
    const NevraMatcher later({"newcomer-1.0"});
    CHECK(!later.matches(libs));
    CHECK(later.matches(add("newcomer", "1.0-1", "noarch")));
}
