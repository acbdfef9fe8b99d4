// The installed-system database: what a transaction records reads back (packages with deps,
// files and scriptlets, reasons, module state, history), schema versions are honoured, and the
// journal keeps plans until they are dropped.
#include <doctest/doctest.h>

#include "TempDir.hpp"
#include "libmodule/db/History.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/db/JournalStore.hpp"
#include "libmodule/db/KeyStore.hpp"

using namespace mpm;
using namespace mpm::db;

namespace {

InstalledPackage package(const std::string& name, const std::string& version,
                         InstallReason reason = InstallReason::User) {
    InstalledPackage p;
    p.name = name;
    p.version = version;
    p.release = "1";
    p.arch = "noarch";
    p.repo = "base";
    p.reason = reason;
    p.installTime = 1700000000;
    p.deps = {{"provides", name + " = " + version}, {"requires", "/bin/sh"}};
    p.files = {{"/usr/bin/" + name, 0100755, "root", "root", "abcd", "", 0, 4, 1},
               {"/etc/" + name + ".conf", 0100644, "root", "root", "ef01", "",
                rpm::fileflag::kConfig | rpm::fileflag::kNoReplace, 2, 1}};
    p.scriptlets = {{rpm::ScriptletKind::PostUn, "/bin/sh", "echo bye"}};
    return p;
}

TransactionRecord installing(std::vector<InstalledPackage> pkgs) {
    TransactionRecord r;
    r.cmdline = "install test";
    r.beginTime = 1700000000;
    for (auto& p : pkgs) {
        r.history.push_back({HistoryAction::Install, p.nevra(), p.repo, p.reason});
        r.added.push_back(std::move(p));
    }
    return r;
}

}  // namespace

TEST_CASE("no database yet reads as nothing installed, and opening for writing creates it") {
    test::TempDir dir;
    CHECK(InstalledDb::openForReading(dir.path() + "/var/lib/mpm") == nullptr);
    auto db = InstalledDb::openForWriting(dir.path() + "/var/lib/mpm");
    CHECK(db->schemaVersion() == InstalledDb::kSchemaVersion);
    CHECK(db->packages().empty());
    CHECK(InstalledDb::openForReading(dir.path() + "/var/lib/mpm") != nullptr);
}

TEST_CASE("a recorded transaction reads back whole, with its history") {
    test::TempDir dir;
    auto db = InstalledDb::openForWriting(dir.path());
    TransactionRecord rec = installing(
        {package("hello", "1.0"), package("libgreet", "2.0", InstallReason::Dependency)});
    rec.modules = {{"nodejs", ModuleStatus::Enabled, "20", {"common"}}};
    const int64_t tid = db->record(rec, 0);

    const auto pkgs = db->packages(true);
    REQUIRE(pkgs.size() == 2);
    CHECK(pkgs[0].nevra() == "hello-1.0-1.noarch");
    CHECK(pkgs[0].reason == InstallReason::User);
    CHECK(pkgs[1].reason == InstallReason::Dependency);
    CHECK(pkgs[0].deps.size() == 2);
    CHECK(pkgs[0].deps[1].dep == "/bin/sh");
    REQUIRE(pkgs[0].files.size() == 2);
    CHECK(pkgs[0].files[1].flags == (rpm::fileflag::kConfig | rpm::fileflag::kNoReplace));
    CHECK(pkgs[0].files[0].mode == 0100755);
    const auto scripts = db->scriptlets(pkgs[0].id);
    REQUIRE(scripts.size() == 1);
    CHECK(scripts[0].kind == rpm::ScriptletKind::PostUn);
    CHECK(scripts[0].body == "echo bye");
    CHECK(db->owners("/usr/bin/hello") == std::vector<int64_t>{pkgs[0].id});
    CHECK(db->owners("/nowhere").empty());

    CHECK(db->hasModuleState());
    const auto modules = db->moduleStates();
    REQUIRE(modules.size() == 1);
    CHECK(modules[0] == ModuleState{"nodejs", ModuleStatus::Enabled, "20", {"common"}});

    const auto history = History::list(db.get());
    REQUIRE(history.size() == 1);
    CHECK(history[0].id == tid);
    CHECK(history[0].cmdline == "install test");
    REQUIRE(history[0].items.size() == 2);
    CHECK(history[0].items[1].action == HistoryAction::Install);
    CHECK(history[0].items[1].reason == InstallReason::Dependency);
    CHECK_THROWS_AS(History::get(db.get(), tid + 1), Error);
}

TEST_CASE("removal, a changed reason and an unset module are recorded") {
    test::TempDir dir;
    auto db = InstalledDb::openForWriting(dir.path());
    TransactionRecord first = installing(
        {package("hello", "1.0"), package("libgreet", "2.0", InstallReason::Dependency)});
    first.modules = {{"nodejs", ModuleStatus::Enabled, "20", {}}};
    db->record(first, 0);
    const auto before = db->packages();
    db->markUserInstalled({before[1].id});
    CHECK(db->packages()[1].reason == InstallReason::User);

    TransactionRecord second;
    second.removed = {before[0].id};
    second.modules = {{"nodejs", ModuleStatus::Unset, "", {}}};
    second.history = {{HistoryAction::Remove, "hello-1.0-1.noarch", "base", InstallReason::User}};
    db->record(second, 0);
    const auto after = db->packages(true);
    REQUIRE(after.size() == 1);
    CHECK(after[0].name == "libgreet");
    CHECK(db->owners("/usr/bin/hello").empty());  // its files went with it
    CHECK(db->moduleStates().empty());
    CHECK(History::list(db.get()).front().items[0].action == HistoryAction::Remove);
}

TEST_CASE("the journal keeps plans until a recorded transaction drops its entry") {
    test::TempDir dir;
    CHECK_FALSE(hasInterruptedTransaction(dir.path()));
    auto db = InstalledDb::openForWriting(dir.path());
    JournalStore journal(*db);
    const int64_t a = journal.begin("plan a");
    const int64_t b = journal.begin("plan b");
    journal.markCommitting(b);
    CHECK(hasInterruptedTransaction(dir.path()));
    auto pending = journal.pending();
    REQUIRE(pending.size() == 2);
    CHECK(pending[0].plan == "plan a");
    CHECK(pending[0].state == JournalState::Staging);
    CHECK(pending[1].state == JournalState::Committing);
    journal.drop(a);
    db->record(installing({package("hello", "1.0")}), b);  // the commit clears its entry
    CHECK(journal.pending().empty());
    CHECK_FALSE(hasInterruptedTransaction(dir.path()));
}

TEST_CASE("a database from a newer mpm is refused, not misread") {
    test::TempDir dir;
    {
        auto db = InstalledDb::openForWriting(dir.path());
        db->db().exec("PRAGMA user_version = 99");
    }
    CHECK_THROWS_WITH_AS(InstalledDb::openForReading(dir.path()),
                         doctest::Contains("newer than this mpm understands"), DbError);
    CHECK_THROWS_AS(InstalledDb::openForWriting(dir.path()), DbError);
}

TEST_CASE("a failed record changes nothing: the SQLite transaction rolls back") {
    test::TempDir dir;
    auto db = InstalledDb::openForWriting(dir.path());
    db->record(installing({package("hello", "1.0")}), 0);
    // The same NEVRA again violates the packages table's uniqueness half-way through.
    TransactionRecord dup = installing({package("other", "1.0"), package("hello", "1.0")});
    CHECK_THROWS_AS(db->record(dup, 0), DbError);
    CHECK(db->packages().size() == 1);
    CHECK(History::list(db.get()).size() == 1);
}
