#include <doctest/doctest.h>

#include <algorithm>

#include "TempDir.hpp"
#include "common/Error.hpp"
#include "repodata/Config.hpp"
#include "repodata/OptionValue.hpp"

using namespace mpm;
using namespace mpm::repodata;

namespace {

ConfigRequest inRoot(const test::TempDir& dir) {
    ConfigRequest req;
    req.installroot = dir.path();
    return req;
}

}  // namespace

TEST_CASE("config is read inside the installroot with dnf's precedence") {
    test::TempDir root;
    root.write("etc/mpm/mpm.conf",
               "[main]\nmetadata_expire=1h\ngpgcheck=0\nmax_parallel_downloads=5\n");
    root.write("etc/yum.repos.d/a.repo",
               "[a]\nname=A $releasever\nbaseurl=http://a/$releasever/$basearch\n"
               "[b]\nbaseurl=http://b/\nenabled=0\nmetadata_expire=never\ngpgcheck=1\n");
    auto req = inRoot(root);
    req.releasever = "9";
    req.setopts = {{"max_parallel_downloads", "7"}, {"b.priority", "10"}};
    Config cfg = ConfigLoader::load(req);

    CHECK(cfg.main.max_parallel_downloads == 7);  // --setopt beats the file
    CHECK(cfg.main.metadata_expire == 3600);
    REQUIRE(cfg.repos.size() == 2);
    const RepoConfig& a = cfg.repos[0];
    CHECK(a.name == "A 9");
    CHECK(a.baseurl[0] == "http://a/9/" + Variables::baseArchOf(Variables::hostArch()));
    CHECK(a.metadata_expire == 3600);  // inherited from [main]
    CHECK_FALSE(a.gpgcheck);
    const RepoConfig& b = cfg.repos[1];
    CHECK_FALSE(b.enabled);
    CHECK(b.metadata_expire == kNever);
    CHECK(b.gpgcheck);
    CHECK(b.priority == 10);
    CHECK(cfg.enabledRepos().size() == 1);
    CHECK(cfg.cacheDir() == root.path() + "/var/cache/mpm");
}

TEST_CASE("unknown and malformed --setopt are usage errors") {
    test::TempDir root;
    auto req = inRoot(root);
    req.setopts = {{"nosuch", "1"}};
    CHECK_THROWS_AS(ConfigLoader::load(req), UsageError);
    req.setopts = {{"gpgcheck", "perhaps"}};
    CHECK_THROWS_AS(ConfigLoader::load(req), UsageError);
    req.setopts = {{"x.nosuch", "1"}};
    CHECK_THROWS_AS(ConfigLoader::load(req), UsageError);
}

TEST_CASE("unknown keys in files warn, dnf-only keys are accepted silently") {
    test::TempDir root;
    root.write("etc/mpm/mpm.conf", "[main]\nfastestmirror=1\nfancy=2\n");
    root.write("etc/yum.repos.d/r.repo", "[r]\nbaseurl=http://r/\ntype=rpm-md\nweird=1\n");
    Config cfg = ConfigLoader::load(inRoot(root));
    REQUIRE(cfg.warnings.size() == 2);
    CHECK(cfg.warnings[0].find("'fancy'") != std::string::npos);
    CHECK(cfg.warnings[1].find("'weird'") != std::string::npos);
}

TEST_CASE("dnf keys that change what dnf does warn when set, and cacheonly and exit_on_lock act") {
    test::TempDir root;
    root.write("etc/mpm/mpm.conf",
               "[main]\nobsoletes=1\nprotected_packages=\nobsoletes=0\nmultilib_policy=all\n"
               "cacheonly=True\nexit_on_lock=1\n");
    Config cfg = ConfigLoader::load(inRoot(root));
    REQUIRE(cfg.warnings.size() == 2);  // dnf's defaults (obsoletes=1, no protected) say nothing
    CHECK(cfg.warnings[0].find("obsoletes=0 is dnf's and ignored: mpm always follows obsoletes") !=
          std::string::npos);
    CHECK(cfg.warnings[1].find("multilib_policy=all") != std::string::npos);
    CHECK(cfg.main.cacheonly);
    CHECK(cfg.main.lock_wait == 0);
    ConfigRequest req = inRoot(root);
    req.setopts = {{"protected_packages", "dnf,systemd"}};
    cfg = ConfigLoader::load(req);
    CHECK(cfg.warnings.back().find("--setopt protected_packages=dnf,systemd is dnf's and ignored: "
                                   "mpm protects no package") != std::string::npos);
}

TEST_CASE("repo selection: --repo, then toggles in order") {
    test::TempDir root;
    root.write("etc/yum.repos.d/r.repo",
               "[base]\nbaseurl=http://x/\n[updates]\nbaseurl=http://y/\n[debug]\nbaseurl=http://z/"
               "\nenabled=0\n");
    auto ids = [](const Config& c) {
        std::vector<std::string> out;
        for (auto* r : c.enabledRepos()) out.push_back(r->id);
        return out;
    };
    auto req = inRoot(root);
    CHECK(ids(ConfigLoader::load(req)) == std::vector<std::string>{"base", "updates"});
    req.repoToggles = {{false, "*"}, {true, "deb*"}};
    CHECK(ids(ConfigLoader::load(req)) == std::vector<std::string>{"debug"});
    req.repoToggles = {{true, "deb*"}, {false, "*"}};
    CHECK(ids(ConfigLoader::load(req)).empty());
    req.repoToggles = {};
    req.onlyRepos = {"updates"};
    CHECK(ids(ConfigLoader::load(req)) == std::vector<std::string>{"updates"});
    req.onlyRepos = {"nothing*"};
    CHECK_THROWS_AS(ConfigLoader::load(req), UsageError);
}

TEST_CASE("broken repo sections are skipped with a warning naming file and line") {
    // (as dnf: a vendor's broken file must not stop the other repositories' updates)
    test::TempDir root;
    auto warned = [](const Config& cfg, const std::string& what) {
        return std::any_of(cfg.warnings.begin(), cfg.warnings.end(),
                           [&](const std::string& w) { return w.find(what) != std::string::npos; });
    };
    root.write("etc/yum.repos.d/r.repo", "[ok]\nbaseurl=http://x/\n[bad id!]\nbaseurl=http://y/\n");
    Config cfg = ConfigLoader::load(inRoot(root));
    REQUIRE(cfg.repos.size() == 1);
    CHECK(cfg.repos[0].id == "ok");
    CHECK(warned(cfg, "r.repo:3: 'bad id!' is not a valid repository id"));
    root.write("etc/yum.repos.d/r.repo", "[nourl]\nname=x\n");
    cfg = ConfigLoader::load(inRoot(root));
    CHECK(cfg.repos.empty());
    CHECK(warned(cfg, "r.repo:1: repository 'nourl' has none of baseurl"));
    // a bad value: the option keeps its default, as dnf leaves it
    root.write("etc/yum.repos.d/r.repo", "[p]\nbaseurl=http://x/\npriority=0\n");
    cfg = ConfigLoader::load(inRoot(root));
    REQUIRE(cfg.repos.size() == 1);
    CHECK(cfg.repos[0].priority == 99);
    CHECK(warned(cfg, "r.repo:3: priority"));
    CHECK(warned(cfg, "the option is ignored"));
    // as dnf: a byte order mark, a comment after a section, variables in an id, a section
    // repeated in one file (added to), a URL given by --setopt
    root.write("etc/yum.repos.d/r.repo",
               "\xEF\xBB\xBF[a-$basearch] # comment\nbaseurl=http://x/\n[a-$basearch]\npriority=5\n"
               "[nourl]\nname=n\n");
    auto req = inRoot(root);
    req.setopts = {{"nourl.baseurl", "http://y/"}};
    cfg = ConfigLoader::load(req);
    REQUIRE(cfg.repos.size() == 2);
    CHECK(cfg.repos[0].id == "a-" + cfg.vars.substitute("$basearch"));
    CHECK(cfg.repos[0].priority == 5);
    CHECK(cfg.repos[1].baseurl == std::vector<std::string>{"http://y/"});
    CHECK(cfg.warnings.empty());
    root.write("etc/yum.repos.d/r.repo", "garbage\n[p]\nbaseurl=http://x/\n");
    cfg = ConfigLoader::load(inRoot(root));
    CHECK(cfg.repos.empty());
    CHECK(warned(cfg,
                 "r.repo:1: 'garbage' is neither a [section] nor key=value; the file is skipped"));
}

TEST_CASE("--repofrompath turns a local path into a file:// repo") {
    test::TempDir root;
    auto req = inRoot(root);
    req.repofrompath = {{"local", "/srv/repo"}};
    Config cfg = ConfigLoader::load(req);
    REQUIRE(cfg.repos.size() == 1);
    CHECK(cfg.repos[0].baseurl == std::vector<std::string>{"file:///srv/repo"});
    req.repofrompath = {{"bad id", "/srv/repo"}};
    CHECK_THROWS_AS(ConfigLoader::load(req), UsageError);
}
