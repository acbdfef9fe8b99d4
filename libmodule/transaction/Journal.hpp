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

namespace mpm::transaction {

// A package header the RPM database gets, with what identifies it there afterwards.
struct RpmDbAdd {
    db::PackageKey key;
    std::string header;                     // as exported by librpm
    std::vector<std::string> notInstalled;  // its paths left out (--nodocs)
};

struct CommitPlan {
    std::vector<std::pair<std::string, std::string>> renames;  // staged temp -> final host path
    std::vector<std::string> removals;                         // host paths of files to delete
    std::vector<std::string> dirRemovals;                      // host dirs to remove when empty
    std::vector<std::string> stagedExtras;  // made while staging (.rpmsave links)
    // The RPM database: instances that leave, headers that come, and how they are stamped.
    std::vector<unsigned> rpmdbErase;
    std::vector<RpmDbAdd> rpmdbAdd;
    uint32_t tid = 0;
    uint32_t installTime = 0;
    db::TransactionRecord record;  // what mpm's database records at the end

    // The plan as the journal keeps it, and back: a length-prefixed binary form, package headers
    // and paths as bytes exactly as they are (JSON text spent a tenth of an install escaping
    // base64 headers and could not hold a path that is not UTF-8; CBOR spent 3.5 ms of a
    // 300-package install building its document). decode also reads the CBOR and JSON of
    // earlier versions (journals left by a crash before an upgrade), and throws on damage.
    std::string encode() const;
    std::string encodeCbor() const;  // the form of the versions before, for their tests
    static CommitPlan decode(const std::string& bytes);
};

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
    int64_t commit(int64_t id, const CommitPlan& plan,
                   const std::function<void()>& afterRenames = {},
                   PreparedRpmDbWrite* prepared = nullptr);
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
