// mpm's own database: the rows about installed packages (reason, origin) that a transaction
// records read back, with module state and history; schema versions are honoured (a database
// from before the RPM database keeps its packages for the move into it); the journal keeps
// plans until they are dropped.
#include <doctest/doctest.h>

#include <filesystem>

#include "TempDir.hpp"
#include "libmodule/db/History.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/db/JournalStore.hpp"

using namespace mpm;
using namespace mpm::db;

namespace {

InstalledRow row(const std::string& name, const std::string& version,
                 InstallReason reason = InstallReason::User) {
    InstalledRow r;
    r.name = name;
    r.version = version;
    r.release = "1";
    r.arch = "noarch";
    r.repo = "base";
    r.reason = reason;
    r.checksum = "sha256:abcd";
    return r;
}

TransactionRecord installing(std::vector<InstalledRow> rows) {
    TransactionRecord r;
    r.cmdline = "install test";
    r.beginTime = 1700000000;
    for (auto& p : rows) {
        r.history.push_back({HistoryAction::Install, p.nevra(), p.repo, p.reason});
        r.added.push_back(std::move(p));
    }
    return r;
}

}  // namespace

TEST_CASE("no database yet reads as nothing known, and opening for writing creates it") {
    test::TempDir dir;
    CHECK(InstalledDb::openForReading(dir.path() + "/var/lib/mpm") == nullptr);
    auto db = InstalledDb::openForWriting(dir.path() + "/var/lib/mpm");
    CHECK(db->schemaVersion() == InstalledDb::kSchemaVersion);
    CHECK(db->installedRows().empty());
    CHECK(db->legacyPackages().empty());
    CHECK(InstalledDb::openForReading(dir.path() + "/var/lib/mpm") != nullptr);
}

TEST_CASE("a recorded transaction reads back whole, with its history") {
    test::TempDir dir;
    auto db = InstalledDb::openForWriting(dir.path());
    TransactionRecord rec =
        installing({row("hello", "1.0"), row("libgreet", "2.0", InstallReason::Dependency)});
    rec.modules = {{"nodejs", ModuleStatus::Enabled, "20", {"common"}}};
    const int64_t tid = db->record(rec, 0);

    const auto rows = db->installedRows();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].nevra() == "hello-1.0-1.noarch");
    CHECK(rows[0].reason == InstallReason::User);
    CHECK(rows[0].repo == "base");
    CHECK(rows[0].checksum == "sha256:abcd");
    CHECK(rows[1].reason == InstallReason::Dependency);

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

TEST_CASE("removal, a package made the user's and an unset module are recorded") {
    test::TempDir dir;
    auto db = InstalledDb::openForWriting(dir.path());
    TransactionRecord first =
        installing({row("hello", "1.0"), row("libgreet", "2.0", InstallReason::Dependency)});
    first.modules = {{"nodejs", ModuleStatus::Enabled, "20", {}}};
    db->record(first, 0);
    // One mpm installed as a dependency, one another tool installed (no row yet).
    db->markUserInstalled({row("libgreet", "2.0", InstallReason::Dependency),
                           row("external", "1.0", InstallReason::External)});
    auto rows = db->installedRows();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].name == "external");
    CHECK(rows[0].reason == InstallReason::User);
    CHECK(rows[2].reason == InstallReason::User);

    TransactionRecord second;
    second.removed = {row("hello", "1.0")};
    second.modules = {{"nodejs", ModuleStatus::Unset, "", {}}};
    second.history = {{HistoryAction::Remove, "hello-1.0-1.noarch", "base", InstallReason::User}};
    db->record(second, 0);
    rows = db->installedRows();
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].name == "libgreet");
    CHECK(db->moduleStates().empty());
    CHECK(History::list(db.get()).front().items[0].action == HistoryAction::Remove);
}

namespace {

std::vector<std::string> planFiles(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".plan") out.push_back(e.path().string());
    return out;
}

}  // namespace

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
    db->record(installing({row("hello", "1.0")}), b);  // the commit clears its entry
    journal.forget(b);
    CHECK(journal.pending().empty());
    CHECK_FALSE(hasInterruptedTransaction(dir.path()));
    CHECK(planFiles(dir.path()).empty());  // and the files of both plans are gone
}

TEST_CASE("a plan lives in a file beside the database, named by its entry") {
    test::TempDir dir;
    auto db = InstalledDb::openForWriting(dir.path());
    const std::string plan(3 << 20, '\x01');  // as large as a big transaction's headers
    {
        JournalStore journal(*db);
        journal.begin(plan);
        const auto files = planFiles(dir.path());
        REQUIRE(files.size() == 1);
        CHECK(std::filesystem::file_size(files[0]) == plan.size());
        Statement s = db->db().prepare("SELECT length(plan) FROM journal");
        REQUIRE(s.step());
        CHECK(s.integer(0) < 200);  // the row names the file
    }
    // A later run (recovery) reads it back.
    JournalStore later(*db);
    auto pending = later.pending();
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].plan == plan);
    // A plan file no entry names (a crash between the file and its row) is removed by the
    // next transaction's journal, which runs under the same lock.
    dir.write("journal-1-2-3.plan", "left by a crash");
    later.drop(pending[0].id);
    const int64_t next = later.begin("next");
    CHECK(planFiles(dir.path()).size() == 1);
    // An entry whose file is gone cannot be finished or undone: said, with the way out.
    for (const auto& f : planFiles(dir.path())) std::filesystem::resize_file(f, 2);
    JournalStore third(*db);
    CHECK_THROWS_WITH_AS(third.pending(), doctest::Contains("is missing or damaged"), DbError);
    for (const auto& f : planFiles(dir.path())) std::filesystem::remove(f);
    const std::string way = "DELETE FROM journal WHERE id = " + std::to_string(next);
    CHECK_THROWS_WITH_AS(third.pending(), doctest::Contains(way.c_str()), DbError);
}

TEST_CASE("a journal entry an earlier version wrote with its plan inside is read as it is") {
    test::TempDir dir;
    auto db = InstalledDb::openForWriting(dir.path());
    db->db().exec("INSERT INTO journal (tid, plan, state) VALUES (0, 'old plan', 'committing')");
    JournalStore journal(*db);
    auto pending = journal.pending();
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].plan == "old plan");
    CHECK(pending[0].state == JournalState::Committing);
}

TEST_CASE("a database from before the RPM database keeps its packages, and their reasons") {
    test::TempDir dir;
    {
        auto db = InstalledDb::openForWriting(dir.path());
        // What schema 3 had: packages with their deps and files, no rows of reasons (and no
        // history comments, which schema 5 added, nor installed groups, which schema 6 added).
        db->db().exec(
            "DROP TABLE installed; ALTER TABLE history DROP COLUMN comment; "
            "DROP TABLE comps_members; DROP TABLE comps_installed; DROP TABLE history_groups; "
            "PRAGMA user_version = 3");
        db->db().exec(R"sql(
            INSERT INTO packages (id, name, epoch, version, release, arch, repo, reason,
                                  install_time, checksum, summary)
                VALUES (7, 'hello', 0, '1.0', '1', 'noarch', 'base', 'dependency', 42,
                        'sha256:ff', 'Hello');
            INSERT INTO deps (pkg, kind, dep) VALUES (7, 'requires', '/bin/sh');
            INSERT INTO files (pkg, path, mode, user, grp, digest, linkto, flags, size, mtime)
                VALUES (7, '/usr/bin/hello', 33261, 'root', 'root', 'aa', '', 0, 3, 5);
            INSERT INTO scriptlets (pkg, kind, interpreter, body)
                VALUES (7, 'postun', '/bin/sh', 'true');)sql");
    }
    CHECK(hasLegacyPackages(dir.path()));
    auto db = InstalledDb::openForWriting(dir.path());  // migrates to the current schema
    CHECK(db->schemaVersion() == InstalledDb::kSchemaVersion);
    const auto rows = db->installedRows();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].reason == InstallReason::Dependency);
    CHECK(rows[0].checksum == "sha256:ff");
    const auto legacy = db->legacyPackages();
    REQUIRE(legacy.size() == 1);
    CHECK(legacy[0].installTime == 42);
    CHECK(legacy[0].deps.at(0).dep == "/bin/sh");
    CHECK(legacy[0].files.at(0).mode == 33261);
    CHECK(legacy[0].scriptlets.at(0).kind == rpm::ScriptletKind::PostUn);
    db->dropLegacy({legacy[0].id});
    CHECK(db->legacyPackages().empty());
    CHECK_FALSE(hasLegacyPackages(dir.path()));
    CHECK(db->installedRows().size() == 1);  // the reason stays
}

TEST_CASE("a migration that fails half way leaves the database as it was") {
    test::TempDir dir;
    {
        auto db = InstalledDb::openForWriting(dir.path());
        // Schema 3, with a history comment column already there: the step to 5 cannot add it.
        db->db().exec(
            "DROP TABLE installed; DROP TABLE comps_members; DROP TABLE comps_installed; "
            "DROP TABLE history_groups; PRAGMA user_version = 3");
    }
    CHECK_THROWS_AS(InstalledDb::openForWriting(dir.path()), DbError);
    auto db = InstalledDb::openForReading(dir.path());
    CHECK(db->schemaVersion() == 3);
    // The step to 4 (the table of reasons) was undone with the one that failed.
    Statement s = db->db().prepare(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'installed'");
    REQUIRE(s.step());
    CHECK(s.integer(0) == 0);
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
    db->record(installing({row("hello", "1.0")}), 0);
    db->db().exec(
        "CREATE TRIGGER refuse BEFORE INSERT ON history_items "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    CHECK_THROWS_AS(db->record(installing({row("other", "1.0")}), 0), DbError);
    CHECK(db->installedRows().size() == 1);
    CHECK(History::list(db.get()).size() == 1);
}
