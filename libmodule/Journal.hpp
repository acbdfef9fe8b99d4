// The transaction journal: what a transaction will do to the disk and the database, written to
// the database before the first file is touched. Every step of applying it is idempotent, so a
// transaction interrupted at any point (kill -9, power loss) is completed by the next mpm run
// (roll forward) or, if it had not finished staging, undone (roll back).
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "libmodule/InstalledDb.hpp"

namespace mpm {

struct HistoryItem {
    std::string action;  // Install, Upgrade, Upgraded, Downgrade, Downgraded, Reinstall, Remove
    std::string nevra, repo, reason;
};

struct CommitPlan {
    std::vector<std::pair<std::string, std::string>> renames;  // staged temp -> final host path
    std::vector<std::string> removals;                         // host paths of files to delete
    std::vector<std::string> dirRemovals;                      // host dirs to remove when empty
    std::vector<std::string> stagedExtras;  // made while staging (.rpmsave links)
    std::vector<int64_t> dbRemove;          // package ids
    std::vector<InstalledPackage> dbAdd;
    std::string cmdline;
    int64_t beginTime = 0;
    std::vector<HistoryItem> history;
    std::vector<ModuleState> modules;  // module states to store with the packages
};

class Journal {
  public:
    explicit Journal(InstalledDb& db) : db_(db) {}

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
    InstalledDb& db_;
};

}  // namespace mpm
