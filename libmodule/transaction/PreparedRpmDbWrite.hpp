// The RPM database's part of a transaction, written while its payloads are being staged:
// mpm-rpmdb-writer, a process of its own, takes rpm's lock, erases and adds the plan's headers
// inside one SQLite transaction and holds it uncommitted until the journal's commit says so.
// librpm writes every header through a dozen index tables (a fifth of an install); on the
// other core that work is done by the time the files are in place.
//
// Nothing of it is in the database before commit(): if mpm stops first (an error, Ctrl-C,
// kill -9) the writer sees its pipe close, or is killed, and exits without committing, which
// SQLite undoes as it undoes any writer that died. If the writer stops after the point of no
// return, the journal writes in-process what it did not commit (every write is idempotent).
// In a root that had no database, what the writer created for it (the database's directory
// and files, var/lib/rpm) is removed again when it does not commit: a refused transaction
// leaves nothing behind.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/Process.hpp"
#include "common/UniqueFd.hpp"

namespace mpm::transaction {

class PreparedRpmDbWrite {
  public:
    // Whether the writes can be prepared without changing the database when they are not
    // committed: the root has no database yet, or it is in WAL mode (as rpm leaves it). One at
    // rest in rollback-journal mode (a reproducible root's, see ReproducibleRoot) would be
    // switched to WAL by the writer opening it, committed or not: it is written at the commit.
    static bool possible(const std::string& installroot, const std::string& dbPath);

    // Starts the writer on `encodedPlan` (CommitPlan::encode). `program`: the writer's path,
    // when not the one installed with mpm. Throws Error when no process can be started.
    PreparedRpmDbWrite(const std::string& installroot, const std::string& dbPath,
                       const std::string& encodedPlan, std::string program = {});
    PreparedRpmDbWrite(const PreparedRpmDbWrite&) = delete;
    PreparedRpmDbWrite& operator=(const PreparedRpmDbWrite&) = delete;
    // Not committed: the writer is stopped and its writes are discarded.
    ~PreparedRpmDbWrite();

    // Waits until every write is made. False when the writer program could not be run (the
    // journal then writes in-process, as without it). Throws Error when the writes could not
    // be made (the database is locked by a tool that does not let go, damaged, the disk full),
    // or on Ctrl-C while waiting: before the point of no return, so nothing was changed.
    bool awaitPrepared();
    // Commits. False when the writer did not say it did (it died, or SQLite failed): the caller
    // then makes the writes itself, skipping those that are in.
    bool commit();

  private:
    // A line from the writer ("" at its end).
    std::string readLine();
    // What a root without a database gets from the writer, to remove when it does not commit.
    struct Created {
        std::string dir;                  // the database's directory
        std::set<std::string> hadBefore;  // its entries before the writer ran
        std::vector<std::string> dirs;    // directories that did not exist, deepest first
        std::string link;                 // var/lib/rpm, when it did not exist
        std::vector<std::string> linkDirs;
    };
    static std::optional<Created> whatWritingCreates(const std::string& installroot,
                                                     const std::string& dbPath);
    void removeCreated() const;

    UniqueFd toWriter_, fromWriter_;
    std::optional<ChildProcess> child_;
    std::string pending_;  // read from the writer, not consumed yet
    std::string program_;
    std::optional<Created> created_;
    bool prepared_ = false;
    bool committing_ = false;  // past the point of no return: nothing is removed any more
};

}  // namespace mpm::transaction
