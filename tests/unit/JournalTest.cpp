// The transaction journal on real files and a real database: a plan survives its text form,
// and recovery undoes what had only been staged and completes what had passed the point of no
// return, however often it runs.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "TempDir.hpp"
#include "libmodule/db/History.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/db/JournalStore.hpp"
#include "libmodule/transaction/Journal.hpp"

using namespace mpm;
using namespace mpm::transaction;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// A plan that replaces old.txt by new.txt (staged as .new.txt.mpm~) and deletes gone.txt.
CommitPlan planIn(const test::TempDir& dir) {
    const std::string root = dir.path() + "/root";
    dir.write("root/usr/.new.txt.mpm~", "new content\n");
    dir.write("root/usr/gone.txt", "old\n");
    CommitPlan plan;
    plan.renames = {{root + "/usr/.new.txt.mpm~", root + "/usr/new.txt"}};
    plan.removals = {root + "/usr/gone.txt"};
    plan.dirRemovals = {root + "/usr/empty-dir"};
    fs::create_directories(root + "/usr/empty-dir");
    db::InstalledPackage pkg;
    pkg.name = "new";
    pkg.version = "1";
    pkg.release = "1";
    pkg.arch = "noarch";
    pkg.reason = db::InstallReason::WeakDependency;
    pkg.files = {{"/usr/new.txt", 0100644, "root", "root", "ab", "", 0, 12, 5}};
    pkg.scriptlets = {{rpm::ScriptletKind::PreUn, "/bin/sh", "true"}};
    plan.record.added = {pkg};
    plan.record.cmdline = "install new";
    plan.record.beginTime = 42;
    plan.record.history = {
        {db::HistoryAction::Install, "new-1-1.noarch", "base", db::InstallReason::WeakDependency}};
    plan.record.modules = {{"m", db::ModuleStatus::Enabled, "2", {"p"}}};
    return plan;
}

}  // namespace

TEST_CASE("a commit plan survives the journal's text form") {
    test::TempDir dir;
    const CommitPlan plan = planIn(dir);
    const CommitPlan back = CommitPlan::fromText(plan.toText());
    CHECK(back.renames == plan.renames);
    CHECK(back.removals == plan.removals);
    CHECK(back.dirRemovals == plan.dirRemovals);
    CHECK(back.record.cmdline == "install new");
    CHECK(back.record.beginTime == 42);
    REQUIRE(back.record.added.size() == 1);
    CHECK(back.record.added[0].nevra() == "new-1-1.noarch");
    CHECK(back.record.added[0].reason == db::InstallReason::WeakDependency);
    CHECK(back.record.added[0].files[0].mtime == 5);
    CHECK(back.record.added[0].scriptlets[0].kind == rpm::ScriptletKind::PreUn);
    CHECK(back.record.history[0].action == db::HistoryAction::Install);
    CHECK(back.record.modules == plan.record.modules);
    CHECK_THROWS(CommitPlan::fromText("{not json"));
}

TEST_CASE("recovery undoes a transaction that was still staging") {
    test::TempDir dir;
    auto db = db::InstalledDb::openForWriting(dir.path() + "/db");
    const CommitPlan plan = planIn(dir);
    Journal(*db).begin(plan);  // ...and the process dies while staging
    const auto said = Journal(*db).recover();
    REQUIRE(said.size() == 1);
    CHECK(said[0] == "undid the interrupted transaction 'install new' (nothing had been changed)");
    CHECK_FALSE(fs::exists(dir.path() + "/root/usr/.new.txt.mpm~"));  // the staged file went
    CHECK_FALSE(fs::exists(dir.path() + "/root/usr/new.txt"));
    CHECK(slurp(dir.path() + "/root/usr/gone.txt") == "old\n");  // nothing final changed
    CHECK(db->packages().empty());
    CHECK(Journal(*db).recover().empty());
}

TEST_CASE("recovery completes a transaction past the point of no return, once") {
    test::TempDir dir;
    auto db = db::InstalledDb::openForWriting(dir.path() + "/db");
    const CommitPlan plan = planIn(dir);
    Journal journal(*db);
    const int64_t id = journal.begin(plan);
    journal.markCommitting(id);  // ...and the process dies before or during the renames
    const auto said = Journal(*db).recover();
    REQUIRE(said.size() == 1);
    CHECK(said[0] == "completed the interrupted transaction 'install new'");
    CHECK(slurp(dir.path() + "/root/usr/new.txt") == "new content\n");
    CHECK_FALSE(fs::exists(dir.path() + "/root/usr/gone.txt"));
    CHECK_FALSE(fs::exists(dir.path() + "/root/usr/empty-dir"));
    REQUIRE(db->packages().size() == 1);
    CHECK(db->moduleStates().size() == 1);
    CHECK(db::History::list(db.get()).size() == 1);
    CHECK(Journal(*db).recover().empty());  // nothing is done twice
    CHECK(db::History::list(db.get()).size() == 1);
}

TEST_CASE("a commit interrupted half way is completed by running it again") {
    test::TempDir dir;
    auto db = db::InstalledDb::openForWriting(dir.path() + "/db");
    const CommitPlan plan = planIn(dir);
    Journal journal(*db);
    const int64_t id = journal.begin(plan);
    journal.markCommitting(id);
    // The rename happened, the rest did not.
    fs::rename(plan.renames[0].first, plan.renames[0].second);
    Journal(*db).recover();
    CHECK(slurp(dir.path() + "/root/usr/new.txt") == "new content\n");
    CHECK_FALSE(fs::exists(dir.path() + "/root/usr/gone.txt"));
    CHECK(db->packages().size() == 1);
}
