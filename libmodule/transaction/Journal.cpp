#include "libmodule/transaction/Journal.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/Error.hpp"
#include "common/FaultPoint.hpp"
#include "common/TwoHalves.hpp"
#include "libmodule/transaction/PayloadUnpacker.hpp"
#include "libmodule/transaction/PreparedRpmDbWrite.hpp"

namespace mpm::transaction {

namespace {

// Moves every staged file to its final name. A long list is renamed in two halves side by
// side: by this point the other core is idle (the RPM database's writer has its headers in) and
// the kernel renames in different directories in parallel (2,100 files: 9.5 ms became 5).
// Each rename stands alone, so whatever subset a crash leaves done, the next run completes.
void renameIntoPlace(const std::vector<std::pair<std::string, std::string>>& renames) {
    constexpr size_t kWorthAThread = 256;
    splitInTwo(
        renames.size(), kWorthAThread,
        [&](size_t i) {
            const auto& [temp, final] = renames[i];
            // Already renamed by an interrupted run: the temp is gone and the file is in place.
            // (A temp lies beside its final name, so ENOENT can only mean the temp is gone.)
            if (std::rename(temp.c_str(), final.c_str()) == 0 || errno == ENOENT) return;
            throw Error("cannot move " + temp + " to " + final + ": " + std::strerror(errno) +
                        "; fix the cause and run mpm again to complete the transaction");
        },
        [&] {
            if (!renames.empty()) faultPoint("renaming");
        });
}

}  // namespace

int64_t Journal::begin(const std::string& encodedPlan) {
    return store_.begin(encodedPlan);
}

void Journal::markCommitting(int64_t id) {
    store_.markCommitting(id);
}

void Journal::abandon(int64_t id, const CommitPlan& plan) {
    for (const auto& [temp, final] : plan.renames) unlink(temp.c_str());
    for (const auto& extra : plan.stagedExtras) unlink(extra.c_str());
    // The database its writer made in a root that had none, and left empty.
    if (plan.rpmDbMade) rpm::RpmDb::removeIfEmpty(root_, rpmDbPath_, *plan.rpmDbMade);
    store_.drop(id);
}

int64_t Journal::commit(int64_t id, const CommitPlan& plan,
                        const std::function<void()>& afterRenames, PreparedRpmDbWrite* prepared,
                        const RemovalSteps* afterRemovals) {
    renameIntoPlace(plan.renames);
    if (afterRenames) afterRenames();
    size_t step = 0;
    auto stepsDone = [&](size_t removed) {
        while (afterRemovals && step < afterRemovals->ends.size() &&
               afterRemovals->ends[step] <= removed)
            afterRemovals->after(step++);
    };
    stepsDone(0);
    for (size_t i = 0; i < plan.removals.size(); ++i) {
        const std::string& path = plan.removals[i];
        if (unlink(path.c_str()) != 0 && errno != ENOENT && errno != ENOTDIR)
            throw Error("cannot remove " + path + ": " + std::strerror(errno) +
                        "; fix the cause and run mpm again to complete the transaction");
        stepsDone(i + 1);
    }
    stepsDone(SIZE_MAX);
    for (const auto& dir : plan.dirRemovals)
        rmdir(dir.c_str());  // only when empty: errors are fine
    faultPoint("renamed");
    if (prepared) {
        faultPoint("rpmdb-writing");  // the headers are in the writer's uncommitted batch
        if (!prepared->commit()) writeRpmDb(plan);  // it stopped: what it did not commit, here
    } else {
        writeRpmDb(plan);
    }
    faultPoint("rpmdb-written");
    const int64_t history = db_.record(plan.record, id);
    store_.forget(id);
    return history;
}

void applyToRpmDb(rpm::RpmDb& db, const CommitPlan& plan, const std::function<void()>& afterAdd) {
    db.erase(plan.rpmdbErase);
    const rpm::InstallStamp base{plan.tid, plan.installTime, {}};
    // Packages this transaction added before it was interrupted (only a recovery finds any:
    // one index lookup spares the others a search by name for each package).
    const bool resumed = !plan.rpmdbAdd.empty() && db.hasInstallTid(plan.tid);
    for (const auto& add : plan.rpmdbAdd) {
        const auto& k = add.key;
        bool present = false;
        if (resumed)
            for (unsigned instance : db.find(k.name, k.epoch, k.version, k.release, k.arch))
                present = present || db.installTid(instance) == plan.tid;
        if (present) continue;
        rpm::InstallStamp stamp = base;
        stamp.notInstalled = add.notInstalled;
        db.add(add.header, stamp);
        if (afterAdd) afterAdd();
    }
}

void Journal::writeRpmDb(const CommitPlan& plan) {
    if (plan.rpmdbErase.empty() && plan.rpmdbAdd.empty()) return;
    try {
        auto rpmdb = rpm::RpmDb::openForWriting(root_, rpmDbPath_);
        rpm::RpmDb::WriteBatch batch(*rpmdb);  // one commit for the whole transaction
        // inside the batch: nothing of it committed yet
        applyToRpmDb(*rpmdb, plan, [] { faultPoint("rpmdb-writing"); });
        batch.commit();
    } catch (const Error& e) {
        throw Error(std::string(e.what()) +
                    "; fix the cause and run mpm again to complete the transaction");
    }
}

std::vector<std::string> Journal::recover() {
    std::vector<std::string> done;
    for (const auto& entry : store_.pending()) {
        CommitPlan plan;
        try {
            plan = CommitPlan::decode(entry.plan);
        } catch (const std::exception&) {
            // (the plan's size is checked as it is read: damage that keeps it says here)
            if (!CommitPlan::isLaterVersionsForm(entry.plan))
                throw Error("the plan of an interrupted transaction (" +
                            store_.planLocation(entry.id) +
                            ") is damaged, so mpm can neither finish nor undo it; restore it, or " +
                            store_.removalHint(entry.id));
            throw Error("an interrupted transaction in " + db_.db().path() +
                        " was written by another version of mpm, which this one cannot read; "
                        "run that version once to complete it");
        }
        // A root moved or copied since (a crash under /mnt/sysimage, the image booted): its
        // files are here now, and the old place is not this transaction's to touch. Only a
        // journal inside the root moved with it: one kept outside (persistdir a host path,
        // shared by roots) holds another root's plan, not this root's.
        const std::string plannedAt = plan.root;
        const std::string& journal = db_.db().path();
        const bool journalInRoot = root_ == "/" || journal.starts_with(root_ + "/");
        if (!plannedAt.empty() && plannedAt != root_ && !journalInRoot)
            throw Error("the interrupted transaction '" + plan.record.cmdline + "' in " + journal +
                        " was made for the root at " + plannedAt + ", not " + root_ +
                        "; run mpm --installroot " + plannedAt + " to complete it");
        plan.moveTo(root_);
        const std::string moved =
            plannedAt.empty() || plannedAt == plan.root ? "" : ", planned at " + plannedAt;
        if (entry.state == db::JournalState::Committing) {
            // the owners, modes and capabilities the interrupted run may not have given
            commit(entry.id, plan, [&] { PayloadUnpacker(root_).settleRecovered(plan); });
            done.push_back("completed the interrupted transaction '" + plan.record.cmdline + "'" +
                           (moved.empty() ? "" : " (" + moved.substr(2) + ")"));
        } else {
            abandon(entry.id, plan);
            done.push_back("undid the interrupted transaction '" + plan.record.cmdline +
                           "' (nothing had been changed" + moved + ")");
        }
    }
    return done;
}

}  // namespace mpm::transaction
