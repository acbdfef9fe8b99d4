// Goals solved on a hand-made repository and a real installed-system database: what a request
// installs, replaces and removes, and why each package is in the plan.
#include <doctest/doctest.h>

#include <algorithm>

#include "HandMadeRepo.hpp"
#include "LoadedSack.hpp"
#include "common/Strings.hpp"
#include "libmodule/base/Sack.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/rpm/HeaderBuilder.hpp"
#include "libmodule/rpm/RpmDb.hpp"
#include "libmodule/solve/Goal.hpp"
#include "repodata/Config.hpp"

using namespace mpm;
using namespace mpm::solve;
using db::InstallReason;

namespace {

// An installed package: its header in the root's RPM database, its reason in mpm's.
struct Installed {
    rpm::PackageRecord record;
    InstallReason reason;
};

Installed installed(const std::string& name, const std::string& version, InstallReason reason,
                    std::vector<std::string> requires_ = {}) {
    Installed p;
    p.record.name = name;
    p.record.version = version;
    p.record.release = "1";
    p.record.arch = "noarch";
    p.record.deps.push_back({"provides", name + " = " + version + "-1"});
    for (const auto& r : requires_) p.record.deps.push_back({"requires", r});
    p.reason = reason;
    return p;
}

struct Fixture {
    test::TempDir root;
    repodata::Config config;
    std::unique_ptr<base::Sack> sack;

    explicit Fixture(std::vector<Installed> system = {}) {
        const std::string a = test::writeRepo(
            root, "srv/a",
            {{.name = "app", .version = "1.0", .requires_ = {"lib GE 1"}},
             {.name = "app", .version = "2.0", .requires_ = {"lib GE 2"}},
             {.name = "lib", .version = "1.0"},
             {.name = "lib", .version = "2.0"},
             {.name = "tool", .version = "1.0", .requires_ = {"app"}},
             {.name = "broken", .version = "1.0", .requires_ = {"libnowhere GE 3"}}});
        root.write("etc/yum.repos.d/t.repo", "[a]\nbaseurl=file://" + a + "\ngpgcheck=0\n");
        if (!system.empty()) {
            auto rpmdb = rpm::RpmDb::openForWriting(root.path(), rpm::kDefaultDbPath);
            db::TransactionRecord rec;
            for (const auto& p : system) {
                rpmdb->add(rpm::buildHeader(p.record), {1, 1700000000, {}});
                db::InstalledRow row;
                static_cast<db::PackageKey&>(row) = {p.record.name, 0, p.record.version,
                                                     p.record.release, p.record.arch};
                row.repo = "a";
                row.reason = p.reason;
                rec.added.push_back(row);
            }
            db::InstalledDb::openForWriting(root.path() + "/var/lib/mpm")->record(rec, 0);
        }
        sack = test::loadSack(root.path(), config);
    }

    // "Install app-2.0-1.noarch (user)" per step, sorted, one per line.
    std::string steps(const TransactionPlan& plan) const {
        std::vector<std::string> out;
        for (const auto& s : plan.steps) {
            std::string line = std::string(stepKindName(s.kind)) + " " +
                               sack->package(s.package).nevra() + " (" + s.why() + ")";
            for (Id r : s.replaces) line += " replacing " + sack->package(r).nevra();
            out.push_back(line);
        }
        std::sort(out.begin(), out.end());
        return join(out, "\n");
    }
};

}  // namespace

TEST_CASE("an install brings the newest version and what it needs, each with its reason") {
    Fixture f;
    Goal goal(*f.sack, nullptr);
    goal.install("app");
    const TransactionPlan plan = goal.resolve();
    CHECK(f.steps(plan) ==
          "Install app-2.0-1.noarch (user)\nInstall lib-2.0-1.noarch (dependency)");
    CHECK(plan.markUser.empty());
    CHECK(plan.downloadSize(*f.sack) == 20);  // hand-made packages are 10 bytes each
}

TEST_CASE("a spec that matches nothing, and a request that cannot be met, say why") {
    Fixture f;
    Goal goal(*f.sack, nullptr);
    CHECK_THROWS_WITH(goal.install("nothing-like-this"),
                      "no package matches 'nothing-like-this' (see mpm list, mpm repolist)");
    goal.install("broken");
    CHECK_THROWS_WITH_AS(goal.resolve(),
                         doctest::Contains("nothing provides libnowhere >= 3 needed by "
                                           "broken-1.0-1.noarch"),
                         SolveError);
    Goal removal(*f.sack, nullptr);
    CHECK_THROWS_WITH(removal.remove("app"), "no installed package matches 'app'");
}

TEST_CASE("an upgrade replaces the installed version and keeps its reason") {
    Fixture f({installed("app", "1.0", InstallReason::User, {"lib >= 1"}),
               installed("lib", "1.0", InstallReason::Dependency)});
    Goal goal(*f.sack, nullptr);
    goal.upgradeAll();
    CHECK(f.steps(goal.resolve()) ==
          "Upgrade app-2.0-1.noarch (user) replacing app-1.0-1.noarch\nUpgrade lib-2.0-1.noarch "
          "(dependency) replacing lib-1.0-1.noarch");
}

TEST_CASE("a removal takes what needs the package and the dependencies nothing else needs") {
    Fixture f({installed("app", "1.0", InstallReason::User, {"lib >= 1"}),
               installed("lib", "1.0", InstallReason::Dependency),
               installed("tool", "1.0", InstallReason::User, {"app"})});
    Goal goal(*f.sack, nullptr);
    goal.remove("app");
    CHECK(f.steps(goal.resolve()) ==
          "Remove app-1.0-1.noarch (user)\nRemove lib-1.0-1.noarch (unused-dependency)\nRemove "
          "tool-1.0-1.noarch (dependent)");
}

TEST_CASE("naming an installed dependency in an install makes it the user's") {
    Fixture f({installed("lib", "2.0", InstallReason::Dependency)});
    Goal goal(*f.sack, nullptr);
    goal.install("lib");
    const TransactionPlan plan = goal.resolve();
    CHECK(plan.steps.empty());
    CHECK_FALSE(plan.empty());  // there is something to record
    REQUIRE(plan.markUser.size() == 1);
    CHECK(f.sack->package(plan.markUser[0]).nevra() == "lib-2.0-1.noarch");
}

TEST_CASE("autoremove takes dependencies nothing the user installed needs, and nothing else") {
    Fixture f({installed("app", "1.0", InstallReason::User, {"lib >= 1"}),
               installed("lib", "1.0", InstallReason::Dependency),
               installed("tool", "1.0", InstallReason::Dependency, {"app"})});
    Goal goal(*f.sack, nullptr);
    goal.autoremove();
    CHECK(f.steps(goal.resolve()) == "Remove tool-1.0-1.noarch (unused-dependency)");
}

TEST_CASE("downgrade and reinstall pick the version they promise") {
    Fixture f({installed("lib", "2.0", InstallReason::User)});
    Goal down(*f.sack, nullptr);
    down.downgrade("lib");
    CHECK(f.steps(down.resolve()) ==
          "Downgrade lib-1.0-1.noarch (user) replacing lib-2.0-1.noarch");
    Goal again(*f.sack, nullptr);
    again.reinstall("lib");
    CHECK(f.steps(again.resolve()) ==
          "Reinstall lib-2.0-1.noarch (user) replacing lib-2.0-1.noarch");
    Goal none(*f.sack, nullptr);
    CHECK_THROWS_WITH(none.downgrade("app"), "no installed package matches 'app'");
}
