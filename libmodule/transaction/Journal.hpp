// The transaction journal: what a transaction will do to the disk and the database, written to
// the database before the first file is touched. Every step of applying it is idempotent, so a
// transaction interrupted at any point (kill -9, power loss) is completed by the next mpm run
// (roll forward) or, if it had not finished staging, undone (roll back).
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/db/JournalStore.hpp"

namespace mpm::transaction {

struct CommitPlan {
    std::vector<std::pair<std::string, std::string>> renames;  // staged temp -> final host path
    std::vector<std::string> removals;                         // host paths of files to delete
    std::vector<std::string> dirRemovals;                      // host dirs to remove when empty
    std::vector<std::string> stagedExtras;  // made while staging (.rpmsave links)
    db::TransactionRecord record;           // what the database records at the end

    // The plan as the journal keeps it (JSON), and back. fromText throws on damaged text.
    std::string toText() const;
    static CommitPlan fromText(const std::string& text);
};

class Journal {
  public:
    explicit Journal(db::InstalledDb& db) : db_(db), store_(db) {}

    // Records the plan in state "staging" (nothing final changed yet). Returns the journal id.
    int64_t begin(const CommitPlan& plan);
    // Everything is staged: from here on the transaction is completed, never undone.
    void markCommitting(int64_t id);
    // Applies the plan: renames, `afterRenames` (scriptlets of a live run; recovery passes
    // none), removals, then one database transaction that records the packages and history and
    // deletes the journal entry. Returns the history id.
    int64_t commit(int64_t id, const CommitPlan& plan,
                   const std::function<void()>& afterRenames = {});
    // Drops a journal entry whose staging failed, removing staged files.
    void abandon(int64_t id, const CommitPlan& plan);

    // Finishes or undoes whatever an interrupted run left. Returns a sentence per entry handled.
    std::vector<std::string> recover();

  private:
    db::InstalledDb& db_;
    db::JournalStore store_;
};

}  // namespace mpm::transaction
