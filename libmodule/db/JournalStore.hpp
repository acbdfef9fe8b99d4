// The journal table: plans of transactions in flight, written before the first file is
// touched, so that the next run can finish or undo what a crash interrupted. What a plan says
// is the transaction layer's business; here it is bytes with a state.
//
// A plan is kept in a file of its own beside the database (journal-*.plan, written and synced
// before its row is committed, removed with it); the row names it. A plan holds every package
// header and path of the transaction (2 MB for 300 small packages): as a row it was written to
// the WAL, copied into the database by the checkpoint, rewritten by the UPDATE that marks the
// commit and freed page by page, a tenth of such an install. Rows of earlier versions carry
// the plan itself, and are read as they are.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mpm::db {

class InstalledDb;

enum class JournalState {
    Staging,     // nothing final has changed: undo it
    Committing,  // past the point of no return: complete it
};

struct JournalEntry {
    int64_t id = 0;
    std::string plan;
    JournalState state = JournalState::Staging;
};

class JournalStore {
  public:
    explicit JournalStore(InstalledDb& db);
    // Records a plan in state Staging; returns its id. Its own SQLite transaction, after the
    // plan's file is on disk. Throws DbError (nothing recorded, no file left).
    int64_t begin(const std::string& plan);
    void markCommitting(int64_t id);
    void drop(int64_t id);
    // The entry was deleted with the transaction's record (InstalledDb::record): its plan file
    // goes too.
    void forget(int64_t id);
    // Entries left by interrupted runs, oldest first. Throws DbError when an entry's plan file
    // is missing or damaged.
    std::vector<JournalEntry> pending();
    // The way out of an entry that can be neither finished nor undone: "remove the entry
    // (sqlite3 DB 'DELETE ...')".
    std::string removalHint(int64_t id) const;
    // Where an entry's plan is: its file, or the database for a row of an earlier version.
    std::string planLocation(int64_t id) const;

  private:
    // Removes the plan files no entry names: a crash between writing a plan and recording its
    // entry, or between deleting the entry and its file. begin() and pending() do, which run
    // under the system lock (no other transaction is between its file and its row).
    void removeOrphans();

    InstalledDb& db_;
    std::string dir_;                       // where the database and the plan files are
    std::map<int64_t, std::string> files_;  // entry -> its plan file, as this store knows them
};

// Whether the database under persistDir has a transaction to finish or undo (reads only).
bool hasInterruptedTransaction(const std::string& persistDir);
// Whether it holds packages an older mpm kept only there, for the RPM database (reads only).
bool hasLegacyPackages(const std::string& persistDir);

}  // namespace mpm::db
