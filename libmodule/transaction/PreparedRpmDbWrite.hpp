// The RPM database's part of a transaction, written while its payloads are being staged:
// mpm-rpmdb-writer, a process of its own, takes rpm's lock, erases and adds the plan's headers
// inside one SQLite transaction and holds it uncommitted until the journal's commit says so.
// librpm writes every header through a dozen index tables (a fifth of an install); on the
// other core that work is done by the time the files are in place.
//
// Nothing of it is in the database before commit(): if mpm stops first (an error, Ctrl-C,
// kill -9: the writer dies with it) the writer exits without committing, which SQLite undoes
// as it undoes any writer that died, and in a root that had no database the empty one it made
// is removed (RpmDb::removeIfEmpty). If the writer stops after the point of no return, the
// journal writes in-process what it did not commit (every write is idempotent).
#pragma once

#include <optional>
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

    // Starts the writer, which loads librpm and waits: started when a transaction starts, it
    // is ready by the time the plan is. `program`: the writer's path, when not the one
    // installed with mpm. Throws Error when no process can be started.
    PreparedRpmDbWrite(const std::string& installroot, const std::string& dbPath,
                       std::string program = {});
    // Hands it the plan (CommitPlan::encode): from here it takes rpm's lock and writes (in a
    // root without a database, once journaled() says it may make one). Throws Error when the
    // plan cannot be handed over (nothing was changed).
    void begin(const std::string& encodedPlan);
    // The transaction is in mpm's journal: the writer may make a database where there is none
    // (what it makes is then the journal's to undo, after a crash too).
    void journaled();
    PreparedRpmDbWrite(const PreparedRpmDbWrite&) = delete;
    PreparedRpmDbWrite& operator=(const PreparedRpmDbWrite&) = delete;
    // Not committed: the writer is stopped, its writes are discarded, and before the point of
    // no return a database it made where there was none is removed. Committed: waits for the
    // writer to close the database (its checkpoint ran meanwhile).
    ~PreparedRpmDbWrite();

    // Waits until every write is made. False when the writer program could not be run (the
    // journal then writes in-process, as without it). Throws Error when the writes could not
    // be made (the database locked by rpm or dnf, damaged, the disk full), or on Ctrl-C while
    // waiting: before the point of no return, so nothing was changed.
    bool awaitPrepared();
    // From here the transaction is completed, never undone: nothing the writer made is removed.
    void pointOfNoReturn() { pastNoReturn_ = true; }
    // What it makes in a root that has no database (RpmDb::wouldCreate, taken before it ran);
    // nothing when the root has one, or when it never ran.
    const std::optional<std::vector<std::string>>& made() const { return made_; }
    // Commits. False when the writer did not say it did (it died, or SQLite failed): the caller
    // then makes the writes itself, skipping those that are in.
    bool commit();

  private:
    // A line from the writer ("" at its end).
    std::string readLine();
    // Closes mpm's end (a writer waiting for kCommit exits) and waits for the writer.
    ExitStatus stop();

    std::string installroot_, dbPath_, program_;
    std::optional<std::vector<std::string>> made_;  // RpmDb::wouldCreate before it ran
    UniqueFd plan_;                                 // the writer's stdin
    UniqueFd channel_;
    std::optional<ChildProcess> child_;
    std::string pending_;  // read from the writer, not consumed yet
    bool prepared_ = false;
    bool journaled_ = false;
    bool pastNoReturn_ = false;
    bool committed_ = false;
};

}  // namespace mpm::transaction
