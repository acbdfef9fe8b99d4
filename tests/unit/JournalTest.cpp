// The transaction journal on real files and a real database: a plan survives its text form,
// and recovery undoes what had only been staged and completes what had passed the point of no
// return, however often it runs.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>

#include "TempDir.hpp"
#include "common/Error.hpp"
#include "libmodule/db/History.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/db/JournalStore.hpp"
#include "libmodule/rpm/HeaderBuilder.hpp"
#include "libmodule/rpm/RpmDb.hpp"
#include "libmodule/transaction/Journal.hpp"
#include "libmodule/transaction/PreparedRpmDbWrite.hpp"

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
    rpm::PackageRecord pkg;
    pkg.name = "new";
    pkg.version = "1";
    pkg.release = "1";
    pkg.arch = "noarch";
    pkg.deps = {{"provides", "new = 1-1"}};
    pkg.files = {{"/usr/new.txt", 0100644, "root", "root", "ab", "", 0, 12, 5}};
    pkg.scriptlets = {{rpm::ScriptletKind::PreUn, "/bin/sh", "true"}};
    db::InstalledRow row;
    static_cast<db::PackageKey&>(row) = {"new", 0, "1", "1", "noarch"};
    row.repo = "base";
    row.reason = db::InstallReason::WeakDependency;
    plan.rpmdbAdd = {{row, rpm::buildHeader(pkg), {}}};
    plan.tid = 1234;
    plan.installTime = 1700000000;
    plan.record.added = {row};
    plan.record.cmdline = "install new";
    plan.record.beginTime = 42;
    plan.record.history = {
        {db::HistoryAction::Install, "new-1-1.noarch", "base", db::InstallReason::WeakDependency}};
    plan.record.modules = {{"m", db::ModuleStatus::Enabled, "2", {"p"}}};
    return plan;
}

Journal journalFor(db::InstalledDb& db, const test::TempDir& dir) {
    return Journal(db, dir.path() + "/root", rpm::kDefaultDbPath);
}

// `count` files f0, f1... staged (as .fN.mpm~, holding "fN") in the root's `dirOf(N)`, and
// their renames added to the plan.
void addStaged(const test::TempDir& dir, CommitPlan& plan, int count,
               const std::function<std::string(int)>& dirOf) {
    for (int i = 0; i < count; ++i) {
        const std::string d = dir.path() + "/root/" + dirOf(i) + "/";
        const std::string name = "f" + std::to_string(i);
        dir.write(d.substr(dir.path().size() + 1) + "." + name + ".mpm~", name);
        plan.renames.emplace_back(d + "." + name + ".mpm~", d + name);
    }
}

// The plan journaled and past its point of no return, as a run that died then leaves it.
int64_t committing(Journal& journal, const CommitPlan& plan) {
    const int64_t id = journal.begin(plan.encode());
    journal.markCommitting(id);
    return id;
}

// Instances of new-1-1.noarch in the root's RPM database.
size_t inRpmDb(const test::TempDir& dir) {
    auto rpmdb = rpm::RpmDb::openForReading(dir.path() + "/root", rpm::kDefaultDbPath);
    return rpmdb ? rpmdb->find("new", 0, "1", "1", "noarch").size() : 0;
}

// mpm-rpmdb-writer (the build's, or `program`) started, handed `plan` and told that it is
// journaled (as mpm does before it waits for the writes).
std::unique_ptr<PreparedRpmDbWrite> writing(const std::string& root, const std::string& plan,
                                            std::string program = {}) {
    auto w = std::make_unique<PreparedRpmDbWrite>(root, rpm::kDefaultDbPath, std::move(program));
    w->begin(plan);
    w->journaled();
    return w;
}

}  // namespace

TEST_CASE("a commit plan survives the journal's form, and the CBOR form of earlier versions") {
    test::TempDir dir;
    CommitPlan plan = planIn(dir);
    plan.renames.emplace_back("/r/.caf\xe9.mpm~", "/r/caf\xe9");  // a Latin-1 name, not UTF-8
    plan.rpmdbErase = {7, 9};
    plan.rpmdbAdd[0].notInstalled = {"/usr/share/doc/new"};
    plan.stagedExtras = {"/r/etc/a.conf.rpmsave"};
    plan.record.removed = {{"old", 2, "1", "1", "x86_64"}};
    plan.record.comment = "why";
    plan.record.groups = {
        {{"web", db::CompsKind::Environment, "Web", {"mandatory"}, {"a", "b"}}, true, false}};
    plan.rpmDbMade = std::vector<std::string>{"/r/var/lib/rpm", "/r/usr/lib/sysimage"};
    plan.root = "/r";
    for (const bool binary : {true, false}) {
        CAPTURE(binary);
        const std::string bytes = binary ? plan.encode() : plan.encodeCbor();
        CHECK(bytes.starts_with("MPMPLAN2") == binary);
        const CommitPlan back = CommitPlan::decode(bytes);
        CHECK(back.root == (binary ? plan.root : ""));  // (the CBOR form had none)
        CHECK(back.renames == plan.renames);
        CHECK(back.removals == plan.removals);
        CHECK(back.dirRemovals == plan.dirRemovals);
        CHECK(back.stagedExtras == plan.stagedExtras);
        CHECK(back.rpmdbErase == plan.rpmdbErase);
        if (binary) CHECK(back.rpmDbMade == plan.rpmDbMade);  // (earlier versions had no writer)
        CHECK(back.record.cmdline == "install new");
        CHECK(back.record.comment == "why");
        CHECK(back.record.beginTime == 42);
        CHECK(back.record.removed == plan.record.removed);
        REQUIRE(back.record.added.size() == 1);
        CHECK(back.record.added[0].nevra() == "new-1-1.noarch");
        CHECK(back.record.added[0].reason == db::InstallReason::WeakDependency);
        CHECK(back.record.added[0].repo == "base");
        REQUIRE(back.rpmdbAdd.size() == 1);
        CHECK(back.rpmdbAdd[0].header == plan.rpmdbAdd[0].header);  // bytes, as they are
        CHECK(back.rpmdbAdd[0].key == plan.rpmdbAdd[0].key);
        CHECK(back.rpmdbAdd[0].notInstalled == plan.rpmdbAdd[0].notInstalled);
        CHECK(back.tid == 1234);
        CHECK(back.installTime == 1700000000);
        REQUIRE(back.record.history.size() == 1);
        CHECK(back.record.history[0].action == db::HistoryAction::Install);
        CHECK(back.record.history[0].reason == db::InstallReason::WeakDependency);
        CHECK(back.record.modules == plan.record.modules);
        REQUIRE(back.record.groups.size() == 1);
        CHECK(back.record.groups[0].group == plan.record.groups[0].group);
        CHECK(back.record.groups[0].removed);
        CHECK_FALSE(back.record.groups[0].wasInstalled);
    }
    CHECK_THROWS(CommitPlan::decode("{not json"));
    CHECK_THROWS(CommitPlan::decode(std::string("\xa1\x61", 2)));  // CBOR cut short
    const std::string bytes = plan.encode();
    for (size_t cut = 8; cut < bytes.size(); cut += 97)  // the binary form cut anywhere
        CHECK_THROWS(CommitPlan::decode(bytes.substr(0, cut)));
    CHECK_THROWS(CommitPlan::decode(bytes + "x"));  // or with bytes after its end
    // The form before the root (version 1) is read, with no root.
    CommitPlan rootless = plan;
    rootless.root.clear();
    const std::string v2 = rootless.encode();
    const CommitPlan v1 = CommitPlan::decode("MPMPLAN1" + v2.substr(16));
    CHECK(v1.root.empty());
    CHECK(v1.renames == plan.renames);
    CHECK(v1.record.comment == "why");
    // A plan moved to where its root is now: its paths inside the old place follow it.
    CommitPlan moved = plan;
    moved.removals = {"/r/usr/bin/old", "/rx/not/inside"};
    moved.moveTo("/new/place");
    CHECK(moved.root == "/new/place");
    CHECK(moved.renames.back() ==
          std::pair<std::string, std::string>("/new/place/.caf\xe9.mpm~", "/new/place/caf\xe9"));
    CHECK(moved.removals == std::vector<std::string>{"/new/place/usr/bin/old", "/rx/not/inside"});
    CHECK(moved.stagedExtras == std::vector<std::string>{"/new/place/etc/a.conf.rpmsave"});
    CHECK((*moved.rpmDbMade)[0] == "/new/place/var/lib/rpm");
    moved.moveTo("/");
    CHECK(moved.removals[0] == "/usr/bin/old");
    // A plan that does not decode is damage, unless a later version's form claims it.
    CHECK_FALSE(CommitPlan::isLaterVersionsForm(bytes));
    CHECK_FALSE(CommitPlan::isLaterVersionsForm(std::string(bytes.size(), '\xa5')));
    CHECK_FALSE(CommitPlan::isLaterVersionsForm("{not json"));
    CHECK(CommitPlan::isLaterVersionsForm("MPMPLAN3 and whatever follows"));
    CHECK_FALSE(CommitPlan::isLaterVersionsForm("MPMPLAN1 damaged"));
    // dnf's groups kept with the first group change travel with the plan, after the rest.
    CommitPlan imported = plan;
    imported.record.groupsFromDnf = {{"core", db::CompsKind::Group, "Core", {"default"}, {"a"}}};
    const CommitPlan again = CommitPlan::decode(imported.encode());
    CHECK(again.record.groupsFromDnf == imported.record.groupsFromDnf);
    CHECK(again.record.groups[0].group == plan.record.groups[0].group);
    CHECK(CommitPlan::decode(plan.encode()).record.groupsFromDnf.empty());
}

TEST_CASE("a journal an earlier mpm wrote as JSON text is still read") {
    const std::string json =
        R"({"renames":[["/r/.a.mpm~","/r/a"]],"removals":[],"dir_removals":[],)"
        R"("staged_extras":[],"rpmdb_erase":[3],"rpmdb_add":[[["new",0,"1","1","noarch"],)"
        R"("aGVhZGVy",[]]],"tid":7,"install_time":9,"db_remove":[],"db_add":[],)"
        R"("cmdline":"install new","begin":5,"history":[]})";
    const CommitPlan plan = CommitPlan::decode(json);
    CHECK(plan.renames.size() == 1);
    CHECK(plan.rpmdbErase == std::vector<unsigned>{3});
    REQUIRE(plan.rpmdbAdd.size() == 1);
    CHECK(plan.rpmdbAdd[0].header == "header");  // base64 there
    CHECK(plan.tid == 7);
    CHECK(plan.record.cmdline == "install new");
}

TEST_CASE("recovery undoes a transaction that was still staging") {
    test::TempDir dir;
    auto db = db::InstalledDb::openForWriting(dir.path() + "/db");
    const CommitPlan plan = planIn(dir);
    journalFor(*db, dir).begin(plan.encode());  // ...and the process dies while staging
    const auto said = journalFor(*db, dir).recover();
    REQUIRE(said.size() == 1);
    CHECK(said[0] == "undid the interrupted transaction 'install new' (nothing had been changed)");
    CHECK_FALSE(fs::exists(dir.path() + "/root/usr/.new.txt.mpm~"));  // the staged file went
    CHECK_FALSE(fs::exists(dir.path() + "/root/usr/new.txt"));
    CHECK(slurp(dir.path() + "/root/usr/gone.txt") == "old\n");  // nothing final changed
    CHECK(db->installedRows().empty());
    CHECK(inRpmDb(dir) == 0);
    CHECK(journalFor(*db, dir).recover().empty());
}

TEST_CASE("recovery completes a transaction past the point of no return, once") {
    test::TempDir dir;
    auto db = db::InstalledDb::openForWriting(dir.path() + "/db");
    const CommitPlan plan = planIn(dir);
    Journal journal = journalFor(*db, dir);
    committing(journal, plan);  // ...and the process dies before or during the renames
    const auto said = journalFor(*db, dir).recover();
    REQUIRE(said.size() == 1);
    CHECK(said[0] == "completed the interrupted transaction 'install new'");
    CHECK(slurp(dir.path() + "/root/usr/new.txt") == "new content\n");
    CHECK_FALSE(fs::exists(dir.path() + "/root/usr/gone.txt"));
    CHECK_FALSE(fs::exists(dir.path() + "/root/usr/empty-dir"));
    CHECK(inRpmDb(dir) == 1);
    REQUIRE(db->installedRows().size() == 1);
    CHECK(db->moduleStates().size() == 1);
    CHECK(db::History::list(db.get()).size() == 1);
    CHECK(journalFor(*db, dir).recover().empty());  // nothing is done twice
    CHECK(db::History::list(db.get()).size() == 1);
}

TEST_CASE("a commit interrupted half way is completed by running it again") {
    test::TempDir dir;
    auto db = db::InstalledDb::openForWriting(dir.path() + "/db");
    const CommitPlan plan = planIn(dir);
    Journal journal = journalFor(*db, dir);
    committing(journal, plan);
    // The rename happened, the rest did not.
    fs::rename(plan.renames[0].first, plan.renames[0].second);
    journalFor(*db, dir).recover();
    CHECK(slurp(dir.path() + "/root/usr/new.txt") == "new content\n");
    CHECK_FALSE(fs::exists(dir.path() + "/root/usr/gone.txt"));
    CHECK(db->installedRows().size() == 1);
    CHECK(inRpmDb(dir) == 1);
}

// Long lists are renamed in two halves side by side (common/TwoHalves.hpp).
TEST_CASE("a long commit, interrupted anywhere in either half, is completed by running it again") {
    test::TempDir dir;
    auto db = db::InstalledDb::openForWriting(dir.path() + "/db");
    CommitPlan plan = planIn(dir);
    const std::string root = dir.path() + "/root";
    addStaged(dir, plan, 600, [](int i) { return "usr/share/d" + std::to_string(i % 7); });
    Journal journal = journalFor(*db, dir);
    committing(journal, plan);
    // An interrupted run had renamed some of each half.
    for (size_t i : {size_t{1}, size_t{50}, size_t{300}, size_t{301}, size_t{599}})
        fs::rename(plan.renames[i].first, plan.renames[i].second);
    journalFor(*db, dir).recover();
    for (int i = 0; i < 600; ++i) {
        const std::string d = root + "/usr/share/d" + std::to_string(i % 7) + "/";
        CHECK(slurp(d + "f" + std::to_string(i)) == "f" + std::to_string(i));
        CHECK_FALSE(fs::exists(d + ".f" + std::to_string(i) + ".mpm~"));
    }
    CHECK(db->installedRows().size() == 1);
    CHECK(inRpmDb(dir) == 1);
}

TEST_CASE("a rename that fails is said, the earliest in the plan's order when both halves fail") {
    test::TempDir dir;
    auto db = db::InstalledDb::openForWriting(dir.path() + "/db");
    CommitPlan plan = planIn(dir);
    const std::string root = dir.path() + "/root";
    addStaged(dir, plan, 400, [](int) { return std::string("usr/lib"); });
    // A directory where a file goes (not empty: rename(2) refuses), in each half.
    for (int i : {100, 350}) dir.write("root/usr/lib/f" + std::to_string(i) + "/keep", "x");
    Journal journal = journalFor(*db, dir);
    const int64_t id = committing(journal, plan);
    try {
        journal.commit(id, plan);
        FAIL("the commit went through");
    } catch (const Error& e) {
        const std::string said = e.what();
        CHECK(said.find("cannot move " + root + "/usr/lib/.f100.mpm~ to " + root +
                        "/usr/lib/f100") == 0);
        CHECK(said.ends_with("; fix the cause and run mpm again to complete the transaction"));
    }
    CHECK(inRpmDb(dir) == 0);  // nothing past the renames
    CHECK(db->installedRows().empty());
}

TEST_CASE("a commit interrupted between the RPM database and mpm's own is not doubled") {
    test::TempDir dir;
    auto db = db::InstalledDb::openForWriting(dir.path() + "/db");
    const CommitPlan plan = planIn(dir);
    Journal journal = journalFor(*db, dir);
    committing(journal, plan);
    // The files and the RPM database were done; then the process died.
    fs::rename(plan.renames[0].first, plan.renames[0].second);
    rpm::RpmDb::openForWriting(dir.path() + "/root", rpm::kDefaultDbPath)
        ->add(plan.rpmdbAdd[0].header, {plan.tid, plan.installTime, {}});
    journalFor(*db, dir).recover();
    CHECK(inRpmDb(dir) == 1);
    CHECK(db->installedRows().size() == 1);
}

// The RPM database's writes made beside the staging, by mpm-rpmdb-writer (the build's).
TEST_CASE("the RPM database's writes are prepared beside the staging and committed when told") {
    test::TempDir dir;
    const CommitPlan plan = planIn(dir);
    const std::string root = dir.path() + "/root";
    {
        auto prepared = writing(root, plan.encode());
        REQUIRE(prepared->awaitPrepared());
        CHECK(prepared->commit());
    }
    CHECK(inRpmDb(dir) == 1);
    CHECK(fs::is_symlink(root + "/var/lib/rpm"));
    // Again, as recovery after a crash would: what is in is not added twice.
    {
        auto again = writing(root, plan.encode());
        REQUIRE(again->awaitPrepared());
        CHECK(again->commit());
    }
    CHECK(inRpmDb(dir) == 1);
}

TEST_CASE(
    "prepared writes that are not committed leave nothing, not even a fresh root's database") {
    test::TempDir dir;
    const CommitPlan plan = planIn(dir);
    const std::string root = dir.path() + "/root";
    {
        auto prepared = writing(root, plan.encode());
        REQUIRE(prepared->awaitPrepared());
        CHECK(fs::exists(root + "/usr/lib/sysimage/rpm/rpmdb.sqlite"));  // made, not committed
    }
    CHECK_FALSE(fs::exists(root + "/usr/lib"));
    CHECK_FALSE(fs::exists(root + "/var"));
    CHECK(fs::exists(root + "/usr/gone.txt"));  // what was there stays

    // A root with a database: it keeps what it had, and nothing of the writes.
    {
        auto first = writing(root, plan.encode());
        REQUIRE(first->awaitPrepared());
        REQUIRE(first->commit());
    }
    CommitPlan other = plan;
    other.tid = 99;  // a second install of the same package: it would be a second instance
    {
        auto prepared = writing(root, other.encode());
        REQUIRE(prepared->awaitPrepared());
    }
    CHECK(inRpmDb(dir) == 1);
    CHECK(fs::exists(root + "/usr/lib/sysimage/rpm/rpmdb.sqlite"));
}

TEST_CASE("without its writer program the journal writes the RPM database itself") {
    test::TempDir dir;
    const CommitPlan plan = planIn(dir);
    const std::string root = dir.path() + "/root";
    {
        auto prepared = writing(root, plan.encode(), dir.path() + "/no-such-writer");
        CHECK_FALSE(prepared->awaitPrepared());
    }
    CHECK_FALSE(fs::exists(root + "/usr/lib"));
}

TEST_CASE("a plan the writer cannot read is refused before anything is changed") {
    test::TempDir dir;
    const std::string root = dir.path() + "/root";
    fs::create_directories(root);
    auto prepared = writing(root, "not a plan");
    CHECK_THROWS_WITH_AS(prepared->awaitPrepared(), doctest::Contains("nothing was changed"),
                         Error);
}

TEST_CASE("prepared writes stay out of the -wal file until they are committed, however many") {
    test::TempDir dir;
    const std::string root = dir.path() + "/root";
    const std::string wal = root + "/usr/lib/sysimage/rpm/rpmdb.sqlite-wal";
    {
        auto first = writing(root, planIn(dir).encode());
        REQUIRE(first->awaitPrepared());
        REQUIRE(first->commit());
    }
    // A header with 40,000 files: its pages are far more than SQLite's cache holds, and would
    // be spilled into the -wal file before the commit.
    CommitPlan big = planIn(dir);
    rpm::PackageRecord pkg;
    pkg.name = "big";
    pkg.version = pkg.release = "1";
    pkg.arch = "noarch";
    for (int i = 0; i < 40000; ++i)
        pkg.files.push_back(
            {"/usr/share/big/d" + std::to_string(i / 100) + "/file" + std::to_string(i), 0100644,
             "root", "root", std::string(64, 'a'), "", 0, 1, 5});
    db::InstalledRow row;
    static_cast<db::PackageKey&>(row) = {"big", 0, "1", "1", "noarch"};
    big.rpmdbAdd = {{row, rpm::buildHeader(pkg), {}}};
    const std::string walBefore = slurp(wal);
    {
        auto prepared = writing(root, big.encode());
        REQUIRE(prepared->awaitPrepared());
        CHECK(slurp(wal) == walBefore);
    }
    CHECK(slurp(wal) == walBefore);
    auto db = rpm::RpmDb::openForReading(root, rpm::kDefaultDbPath);
    CHECK(db->find("big", 0, "1", "1", "noarch").empty());
}

TEST_CASE("past the point of no return, what the writer made is kept even if it did not commit") {
    test::TempDir dir;
    const std::string root = dir.path() + "/root";
    {
        auto prepared = writing(root, planIn(dir).encode());
        REQUIRE(prepared->awaitPrepared());
        prepared->pointOfNoReturn();  // then, say, a rename fails: the journal completes it later
    }
    CHECK(fs::exists(root + "/usr/lib/sysimage/rpm/rpmdb.sqlite"));
    CHECK(fs::is_symlink(root + "/var/lib/rpm"));
    CHECK(inRpmDb(dir) == 0);  // nothing committed: the journal's own writes will be
}

TEST_CASE("a writer that answers nonsense or dies is stopped, and said, without waiting for it") {
    test::TempDir dir;
    const std::string root = dir.path() + "/root";
    const std::string plan = planIn(dir).encode();
    const std::string chatty = dir.write("chatty", "#!/bin/sh\necho hello >&3\nexec sleep 600\n");
    const std::string dies = dir.write("dies", "#!/bin/sh\nexit 7\n");
    fs::permissions(chatty, fs::perms::owner_all);
    fs::permissions(dies, fs::perms::owner_all);
    {
        auto prepared = writing(root, plan, chatty);
        CHECK_THROWS_WITH_AS(prepared->awaitPrepared(), doctest::Contains("answered 'hello'"),
                             Error);
    }
    {
        auto prepared = writing(root, plan, dies);
        CHECK_THROWS_WITH_AS(prepared->awaitPrepared(),
                             doctest::Contains("exited with status 7 before its writes were made"),
                             Error);
    }
    CHECK_FALSE(fs::exists(root + "/usr/lib"));
}

TEST_CASE("what a refused writer made is removed, what was there before it is not") {
    test::TempDir dir;
    const std::string root = dir.path() + "/root";
    // An image recipe made the database's directory and var/lib, empty, before any install.
    fs::create_directories(root + "/usr/lib/sysimage/rpm");
    fs::create_directories(root + "/var/lib");
    const std::string plan = planIn(dir).encode();
    {
        auto prepared = writing(root, plan);
        REQUIRE(prepared->awaitPrepared());
    }
    CHECK(fs::is_directory(root + "/usr/lib/sysimage/rpm"));
    CHECK(fs::is_empty(root + "/usr/lib/sysimage/rpm"));
    CHECK(fs::is_directory(root + "/var/lib"));
    CHECK_FALSE(fs::exists(fs::symlink_status(root + "/var/lib/rpm")));
    // So does the recovery of a transaction undone after a crash, from its plan.
    CommitPlan undone = planIn(dir);
    undone.renames.clear();
    undone.removals.clear();
    undone.rpmDbMade = rpm::RpmDb::wouldCreate(root, rpm::kDefaultDbPath);
    REQUIRE(undone.rpmDbMade);
    CHECK(*undone.rpmDbMade == std::vector<std::string>{root + "/var/lib/rpm"});
    { rpm::RpmDb::openForWriting(root, rpm::kDefaultDbPath); }  // as a killed writer leaves it
    auto db = db::InstalledDb::openForWriting(dir.path() + "/db");
    Journal journal = journalFor(*db, dir);
    journal.abandon(journal.begin(undone.encode()), undone);
    CHECK(fs::is_empty(root + "/usr/lib/sysimage/rpm"));
    CHECK_FALSE(fs::exists(fs::symlink_status(root + "/var/lib/rpm")));
}

TEST_CASE("in a root without a database the writer makes none before the plan is journaled") {
    // (mpm hands it the plan before its journal has it: a crash meanwhile would leave a
    // database that no recovery knows of)
    test::TempDir dir;
    const std::string root = dir.path() + "/root";
    const std::string plan = planIn(dir).encode();  // (which puts files in the root)
    {
        PreparedRpmDbWrite w(root, rpm::kDefaultDbPath);
        w.begin(plan);
        usleep(200 * 1000);  // long enough to have made it, had it not waited
        CHECK_FALSE(fs::exists(root + "/usr/lib"));
        CHECK_FALSE(fs::exists(root + "/var"));
        w.journaled();
        REQUIRE(w.awaitPrepared());
        CHECK(w.commit());
    }
    CHECK(inRpmDb(dir) == 1);
}

TEST_CASE("a writer started with a transaction touches nothing until it has the plan") {
    test::TempDir dir;
    const std::string root = dir.path() + "/root";
    fs::create_directories(root);
    {
        // The transaction is refused while the writer waits (a file conflict, say).
        PreparedRpmDbWrite waiting(root, rpm::kDefaultDbPath);
        usleep(200 * 1000);  // long enough for it to have started and loaded librpm
        CHECK(fs::is_empty(root));
    }
    CHECK(fs::is_empty(root));
    // With a database: not a byte of it changes, nor does its lock file appear again.
    {
        auto w = writing(root, planIn(dir).encode());
        REQUIRE(w->awaitPrepared());
        REQUIRE(w->commit());
    }
    const std::string db = root + "/usr/lib/sysimage/rpm/rpmdb.sqlite";
    REQUIRE(inRpmDb(dir) == 1);
    const std::string before = slurp(db);
    fs::remove(root + "/usr/lib/sysimage/rpm/.rpm.lock");
    {
        PreparedRpmDbWrite waiting(root, rpm::kDefaultDbPath);
        usleep(200 * 1000);
        CHECK_FALSE(fs::exists(root + "/usr/lib/sysimage/rpm/.rpm.lock"));  // no lock taken
    }
    CHECK(slurp(db) == before);
    CHECK_FALSE(fs::exists(root + "/usr/lib/sysimage/rpm/.rpm.lock"));
}
