// mpm-rpmdb-writer INSTALLROOT DBPATH: the RPM database's writes of one transaction, made
// beside its staging (see PreparedRpmDbWrite). The plan (CommitPlan::encode) comes on stdin;
// on stdout it says "P" once every write is made, uncommitted, or "E" and why it could not;
// then it commits when "C" arrives on fd 3 and says "C". Its pipe closing without "C" (mpm
// stopped, for whatever reason) means: exit at once, committing nothing.
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
#include "libmodule/transaction/Journal.hpp"

namespace {

constexpr int kCommands = 3;

// Every connection of this process (librpm's) keeps its uncommitted pages in memory: SQLite
// would otherwise spill them into the -wal file once its cache is full, and a transaction
// stopped before its commit would leave frames there (that SQLite ignores, but that change the
// root's files).
int keepUncommittedInMemory(sqlite3* db, const char**, const sqlite3_api_routines*) {
    sqlite3_exec(db, "PRAGMA cache_spill = OFF", nullptr, nullptr, nullptr);
    return SQLITE_OK;
}

// _exit: nothing is torn down (a destructor of the batch would commit it).
[[noreturn]] void say(const std::string& line, int code) {
    mpm::writeAll(STDOUT_FILENO, line + "\n");
    _exit(code);
}

std::string oneLine(std::string s) {
    for (char& c : s)
        if (c == '\n') c = ' ';
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    // mpm decides when to stop: a Ctrl-C reaches the whole process group, and this process
    // must not die of it while mpm completes a transaction it has committed to.
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) signal(sig, SIG_IGN);
    if (argc != 3) say("Eusage: mpm-rpmdb-writer INSTALLROOT DBPATH", 2);
    mpm::db::configureSqlite();
    sqlite3_auto_extension(reinterpret_cast<void (*)()>(keepUncommittedInMemory));
    std::unique_ptr<mpm::rpm::RpmDb> db;
    std::unique_ptr<mpm::rpm::RpmDb::WriteBatch> batch;
    try {
        std::string encoded;
        if (!mpm::readAll(STDIN_FILENO, encoded)) say("Ecannot read the plan", 1);
        const auto plan = mpm::transaction::CommitPlan::decode(encoded);
        db = mpm::rpm::RpmDb::openForWriting(argv[1], argv[2]);
        batch = std::make_unique<mpm::rpm::RpmDb::WriteBatch>(*db);
        mpm::transaction::applyToRpmDb(*db, plan);
    } catch (const std::exception& e) {
        say("E" + oneLine(e.what()), 1);
    }
    mpm::faultPoint("rpmdb-prepared");  // the tests' writer that dies before it is done
    mpm::writeAll(STDOUT_FILENO, "P\n");
    char command = 0;
    ssize_t n;
    while ((n = read(kCommands, &command, 1)) < 0 && errno == EINTR) {
    }
    if (n != 1 || command != 'C') _exit(3);  // mpm stopped: nothing is committed
    try {
        batch->commit();
    } catch (const std::exception& e) {
        say("E" + oneLine(e.what()), 1);
    }
    mpm::faultPoint("rpmdb-committed");  // the tests' writer that dies before it says so
    say("C", 0);
}
