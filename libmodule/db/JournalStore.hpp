// The journal table: plans of transactions in flight, written before the first file is
// touched, so that the next run can finish or undo what a crash interrupted. What a plan says
// is the transaction layer's business; here it is bytes with a state.
#pragma once

#include <cstdint>
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
    explicit JournalStore(InstalledDb& db) : db_(db) {}
    // Records a plan (bytes, kept as a BLOB) in state Staging; returns its id. Its own SQLite
    // transaction.
    int64_t begin(const std::string& plan);
    void markCommitting(int64_t id);
    void drop(int64_t id);
    // Entries left by interrupted runs, oldest first.
    std::vector<JournalEntry> pending();

  private:
    InstalledDb& db_;
};

// Whether the database under persistDir has a transaction to finish or undo (reads only).
bool hasInterruptedTransaction(const std::string& persistDir);
// Whether it holds packages an older mpm kept only there, for the RPM database (reads only).
bool hasLegacyPackages(const std::string& persistDir);

}  // namespace mpm::db
