// The transaction journal: what a transaction will do to the disk, the RPM database and mpm's
// database, written before the first file is touched. Every step of applying it is idempotent,
// so a transaction interrupted at any point (kill -9, power loss) is completed by the next mpm
// run (roll forward) or, if it had not finished staging, undone (roll back).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/db/JournalStore.hpp"
#include "libmodule/rpm/RpmDb.hpp"
#include "libmodule/transaction/CommitPlan.hpp"

namespace mpm::transaction {

class PreparedRpmDbWrite;

// The plan's changes to the RPM database, inside `db`'s open batch: erases what leaves and adds
// what comes, skipping what an interrupted run already added. `afterAdd` runs after each header.
void applyToRpmDb(rpm::RpmDb& db, const CommitPlan& plan,
                  const std::function<void()>& afterAdd = {});

class Journal {
  public:
    // `installroot` and `rpmDbPath` say where the RPM database the plans write is.
    Journal(db::InstalledDb& db, std::string installroot, std::string rpmDbPath)
        : db_(db), store_(db), root_(std::move(installroot)), rpmDbPath_(std::move(rpmDbPath)) {}

    // Records the plan (CommitPlan::encode) in state "staging" (nothing final changed yet).
    // Returns the journal id.
    int64_t begin(const std::string& encodedPlan);
    // Everything is staged: from here on the transaction is completed, never undone.
    void markCommitting(int64_t id);
    // Applies the plan: renames, `afterRenames` (scriptlets of a live run; recovery passes
    // none), removals, the RPM database, then one transaction of mpm's database that records
    // reasons, module states and history and deletes the journal entry. Returns the history id.
    // `prepared`: the RPM database's writes already made, waiting to be committed (a live run);
    // when that commit fails they are made here.
    // `afterRemovals` (a live run: the leaving packages' %postun, package by package as rpm
    // runs them) is called with i once the first ends[i] removals are made.
    struct RemovalSteps {
        std::vector<size_t> ends;
        std::function<void(size_t)> after;
    };
    int64_t commit(int64_t id, const CommitPlan& plan,
                   const std::function<void()>& afterRenames = {},
                   PreparedRpmDbWrite* prepared = nullptr,
                   const RemovalSteps* afterRemovals = nullptr);
    // Drops a journal entry whose staging failed, removing staged files.
    void abandon(int64_t id, const CommitPlan& plan);

    // Finishes or undoes whatever an interrupted run left. Returns a sentence per entry handled.
    std::vector<std::string> recover();

  private:
    // Erases what leaves and adds what comes, skipping what an interrupted run already did.
    void writeRpmDb(const CommitPlan& plan);

    db::InstalledDb& db_;
    db::JournalStore store_;
    std::string root_;
    std::string rpmDbPath_;
};

}  // namespace mpm::transaction
