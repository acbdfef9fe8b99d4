// mpm's own database (var/lib/mpm/mpm.sqlite under the installroot): what rpm has no place
// for. Why each installed package is there and which repository it came from (the RPM
// database is the record of what is installed), module state, trusted keys, the history of
// transactions and the transaction journal. The only place mpm writes SQL.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "libmodule/db/GroupState.hpp"
#include "libmodule/db/History.hpp"
#include "libmodule/db/InstallReason.hpp"
#include "libmodule/db/ModuleState.hpp"
#include "libmodule/db/Sqlite.hpp"
#include "libmodule/rpm/PackageRecord.hpp"

namespace mpm::db {

// Which package: the key of mpm's rows about installed packages.
struct PackageKey {
    std::string name;
    int64_t epoch = 0;
    std::string version, release, arch;
    std::string nevra() const;  // name-[epoch:]version-release.arch
    bool operator==(const PackageKey&) const = default;
    bool operator<(const PackageKey& o) const;
};

// What mpm knows of an installed package beyond its header.
struct InstalledRow : PackageKey {
    std::string repo;  // the repository it was installed from
    InstallReason reason = InstallReason::User;
    std::string checksum;  // "sha256:<hex>" of the package file, as the repository said
};

// A package an mpm older than the RPM database kept only here (schema 3 and before), with
// everything it recorded, until it is moved into the RPM database.
struct LegacyPackage : rpm::PackageRecord {
    int64_t id = 0;
    std::string repo;
    InstallReason reason = InstallReason::User;
    int64_t installTime = 0;
};

// What one transaction changes in the database, written in one SQLite transaction.
struct TransactionRecord {
    std::vector<PackageKey> removed;
    std::vector<InstalledRow> added;
    std::vector<ModuleState> modules;  // module states to store with the packages
    std::vector<GroupChange> groups;   // installed groups recorded or forgotten
    // Groups dnf installed, stored as mpm's own before `groups` (not part of the history): the
    // first group change mpm makes in a root dnf made keeps dnf's other groups.
    std::vector<InstalledGroup> groupsFromDnf;
    std::string cmdline;
    std::string comment;
    int64_t beginTime = 0;
    std::vector<HistoryItem> history;
};

// What `mpm rebuilddb` kept of a damaged database: rows per table, and where the damaged
// file was put aside.
struct RebuildResult {
    std::map<std::string, int64_t> kept;
    std::string damagedCopy;  // the file set aside; empty when there was no file to rebuild
    bool intact = false;      // it passed SQLite's check (rebuilt all the same, kept as .old)
};

class InstalledDb {
  public:
    // Rebuilds the database in persistDir from every row that can still be read (reasons,
    // module and group state, history, trusted keys, the journal): a fresh file with the
    // current schema takes them, the damaged one is kept beside it as mpm.sqlite.damaged.
    // What could not be read is lost; installed packages stay known from the RPM database.
    // Call with the system lock held.
    static RebuildResult rebuild(const std::string& persistDir);
    static constexpr int kSchemaVersion = 6;
    static std::string pathIn(const std::string& persistDir) { return persistDir + "/mpm.sqlite"; }
    // Written beside the database when it is made: a database gone or emptied later is then
    // told from a root where mpm never wrote one (dnf's, an old mpm's).
    static std::string madeMarkerIn(const std::string& persistDir) {
        return persistDir + "/mpm.sqlite.made";
    }
    // The database was made here but is missing or empty now: every reason it held is lost.
    static bool lostIn(const std::string& persistDir);

    // Opens the database, creating it (and its directory) and migrating it to the current schema.
    static std::unique_ptr<InstalledDb> openForWriting(const std::string& persistDir);
    // Opens an existing database read-only; nullptr when none exists (nothing installed yet).
    // A database from a newer mpm is refused rather than misread.
    static std::unique_ptr<InstalledDb> openForReading(const std::string& persistDir);
    // Rewrites the file from its live rows (VACUUM): nothing of deleted rows stays in it, and
    // equal contents give equal bytes (reproducible roots).
    // Leaves it in rollback-journal mode (see settleAtRest).
    void compact() {
        db_.exec("VACUUM");
        db_.exec("PRAGMA journal_mode = DELETE");
    }

    // Throws DbError::damaged when SQLite's quick check finds damage: a transaction asks it
    // before its journal, so that damage is found before the system changes, not at the
    // record after it.
    void checkIntact();

    // mpm's rows about installed packages (reason, origin), sorted.
    std::vector<InstalledRow> installedRows();

    // Records a transaction's packages, module states and history, and deletes the journal
    // entry `journalId` (0: none), all in one SQLite transaction. Returns the history id.
    int64_t record(const TransactionRecord& changes, int64_t journalId);
    // Packages the user named in an install become the user's (a row is made for a package
    // mpm did not install); their own transaction.
    void markUserInstalled(const std::vector<InstalledRow>& packages);
    // Stores the rows' reasons (and origins) for packages already installed (mpm mark).
    void markInstalled(const std::vector<InstalledRow>& packages);
    // Module states changed without packages; their own transaction.
    void saveModuleStates(const std::vector<ModuleState>& states);

    // Group changes without packages (group mark); their own transaction.
    void saveGroupChanges(const std::vector<GroupChange>& changes,
                          const std::vector<InstalledGroup>& fromDnf = {});
    // Whether mpm has stored group state (from then on dnf's group records are not read).
    bool hasGroupState();
    // Installed comps groups and environments (schema 6; an older database has none), sorted.
    std::vector<InstalledGroup> installedGroups();

    // Module state rows (schema 2; an older database has none).
    std::vector<ModuleState> moduleStates();
    // Whether mpm's own module state is the truth (once stored, dnf's files are never read).
    bool hasModuleState();

    // Packages an older mpm kept only here, with deps, files and scriptlets.
    std::vector<LegacyPackage> legacyPackages();
    // Forgets legacy packages once the RPM database has them; their own transaction.
    void dropLegacy(const std::vector<int64_t>& ids);

    Database& db() { return db_; }
    int schemaVersion();

  private:
    InstalledDb(const std::string& path, bool create, bool readOnly);
    void migrate();
    void saveModuleState(const ModuleState& state);  // Unset deletes the row
    void saveGroupChange(const GroupChange& change);
    std::optional<std::string> meta(const std::string& key);
    void setMeta(const std::string& key, const std::string& value);
    Database db_;
};

}  // namespace mpm::db
