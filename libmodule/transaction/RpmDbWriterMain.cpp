// mpm-rpmdb-writer INSTALLROOT DBPATH: the RPM database's writes of one transaction, made
// beside its planning and staging (see PreparedRpmDbWrite and RpmDbWriterProtocol). Started
// with the transaction, it loads librpm and waits for kBegin; the plan (CommitPlan::encode) is
// then on stdin; in a root without a database it waits for kJournaled before making one; on
// its channel it says kPrepared once every write is made, uncommitted, or kFailed and why it
// could not; then it commits when kJournaled and kCommit have arrived, and says kCommitted. Its
// channel closing before (mpm stopped, for whatever reason) means: exit at once, committing
// nothing.
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <memory>
#include <string>

#include "common/Error.hpp"
#include "common/FaultPoint.hpp"
#include "common/Process.hpp"
#include "libmodule/db/Sqlite.hpp"
#include "libmodule/rpm/RpmDb.hpp"
#include "libmodule/rpm/RpmHandles.hpp"
#include "libmodule/transaction/Journal.hpp"
#include "libmodule/transaction/RpmDbWriterProtocol.hpp"

namespace {

using namespace mpm::transaction;

// Every connection of this process (librpm's) keeps its uncommitted pages in memory: SQLite
// would otherwise spill them into the -wal file once its cache is full, and a transaction
// stopped before its commit would leave frames there (that SQLite ignores, but that change the
// root's files).
int keepUncommittedInMemory(sqlite3* db, const char**, const sqlite3_api_routines*) {
    sqlite3_exec(db, "PRAGMA cache_spill = OFF", nullptr, nullptr, nullptr);
    return SQLITE_OK;
}

bool say(char what, const std::string& detail = {}) {
    std::string line(1, what);
    for (char c : detail) line += c == '\n' ? ' ' : c;
    return mpm::writeAll(writer::kChannel, line + "\n");
}

// mpm's next byte; 0 when it is gone.
char awaitByte() {
    char c = 0;
    ssize_t n;
    while ((n = read(writer::kChannel, &c, 1)) < 0 && errno == EINTR) {
    }
    return n == 1 ? c : 0;
}

// _exit: nothing is torn down (the batch's destructor would commit what is not to be).
[[noreturn]] void fail(const std::string& why) {
    say(writer::kFailed, why);
    _exit(1);
}

}  // namespace

int main(int argc, char** argv) {
    // mpm decides when to stop: a Ctrl-C reaches the whole process group, and this process
    // must not die of it while mpm completes a transaction it has committed to. (It dies with
    // mpm itself: PR_SET_PDEATHSIG.)
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) signal(sig, SIG_IGN);
    if (argc != 3) fail("usage: mpm-rpmdb-writer INSTALLROOT DBPATH");
    try {
        // (SQLite's own setting is made as its stand-ins load it: rpm::configureSqlite.)
        sqlite3_auto_extension(reinterpret_cast<void (*)()>(keepUncommittedInMemory));
        // librpm loaded and configured while mpm reads the packages; then the plan.
        mpm::rpm::initRpm();
    } catch (const std::exception& e) {
        fail(e.what());  // a library that cannot be loaded, said to mpm
    }
    if (awaitByte() != writer::kBegin) _exit(3);  // mpm stopped before: nothing was touched
    std::unique_ptr<mpm::rpm::RpmDb> db;
    std::unique_ptr<mpm::rpm::RpmDb::WriteBatch> batch;
    bool journaled = false;
    try {
        std::string encoded;
        if (!mpm::readAll(STDIN_FILENO, encoded)) fail("cannot read the plan");
        const auto plan = CommitPlan::decode(encoded);
        // A database made where there was none is left behind by a crash unless mpm's journal
        // knows the transaction (its recovery removes it); one that is there only gets writes
        // that are not committed.
        if (mpm::rpm::RpmDb::wouldCreate(argv[1], argv[2])) {
            if (awaitByte() != writer::kJournaled) _exit(3);
            journaled = true;
        }
        db = mpm::rpm::RpmDb::openForWriting(argv[1], argv[2]);
        batch = std::make_unique<mpm::rpm::RpmDb::WriteBatch>(*db);
        applyToRpmDb(*db, plan);
    } catch (const std::exception& e) {
        fail(e.what());
    }
    mpm::faultPoint("rpmdb-prepared");  // the tests' writer that dies before it is done
    say(writer::kPrepared);
    // ...that dies while mpm stages and renames (its channel closed first: mpm finds it gone
    // whenever it next speaks).
    if (mpm::faultRequested("rpmdb-waiting")) close(writer::kChannel);
    mpm::faultPoint("rpmdb-waiting");
    if (!journaled && awaitByte() != writer::kJournaled) _exit(3);
    if (awaitByte() != writer::kCommit) _exit(3);  // mpm stopped: nothing is committed
    try {
        batch->commit();
    } catch (const std::exception& e) {
        fail(e.what());
    }
    mpm::faultPoint("rpmdb-committed");  // ...that dies before it says so
    say(writer::kCommitted);
    // Closed as rpm closes it (its checkpoint folds the log into the file) while mpm goes on.
    batch.reset();
    db.reset();
    _exit(0);
}
