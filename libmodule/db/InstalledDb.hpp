// The installed-system database (var/lib/mpm/mpm.sqlite under the installroot): what is
// installed, with the dependencies and files that let @System load without any RPM file,
// why each package is there, module state, trusted keys, the history of transactions, and the
// transaction journal. The only place mpm writes SQL.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "libmodule/db/History.hpp"
#include "libmodule/db/InstallReason.hpp"
#include "libmodule/db/ModuleState.hpp"
#include "libmodule/db/Sqlite.hpp"
#include "libmodule/rpm/PackageRecord.hpp"

namespace mpm::db {

// An installed package: its header's record plus what the installation decided.
struct InstalledPackage : rpm::PackageRecord {
    int64_t id = 0;
    std::string repo;  // the repository it was installed from
    InstallReason reason = InstallReason::User;
    int64_t installTime = 0;
    uint64_t downloadSize = 0;
    std::string checksum;  // "sha256:<hex>" of the package file, as the repository said
};

// What one transaction changes in the database, written in one SQLite transaction.
struct TransactionRecord {
    std::vector<int64_t> removed;  // package ids
    std::vector<InstalledPackage> added;
    std::vector<ModuleState> modules;  // module states to store with the packages
    std::string cmdline;
    int64_t beginTime = 0;
    std::vector<HistoryItem> history;
};

class InstalledDb {
  public:
    static constexpr int kSchemaVersion = 3;
    static std::string pathIn(const std::string& persistDir) { return persistDir + "/mpm.sqlite"; }

    // Opens the database, creating it (and its directory) and migrating it to the current schema.
    static std::unique_ptr<InstalledDb> openForWriting(const std::string& persistDir);
    // Opens an existing database read-only; nullptr when none exists (nothing installed yet).
    // A database from a newer mpm is refused rather than misread.
    static std::unique_ptr<InstalledDb> openForReading(const std::string& persistDir);

    // Every installed package with its deps (and files when asked).
    std::vector<InstalledPackage> packages(bool withFiles = false);
    std::vector<rpm::FileRecord> files(int64_t packageId);
    std::vector<rpm::Scriptlet> scriptlets(int64_t packageId);
    // Ids of installed packages that own `path`.
    std::vector<int64_t> owners(const std::string& path);

    // Records a transaction's packages, module states and history, and deletes the journal
    // entry `journalId` (0: none), all in one SQLite transaction. Returns the history id.
    int64_t record(const TransactionRecord& changes, int64_t journalId);
    // Packages the user named in an install become the user's; their own transaction.
    void markUserInstalled(const std::vector<int64_t>& ids);
    // Module states changed without packages; their own transaction.
    void saveModuleStates(const std::vector<ModuleState>& states);

    // Module state rows (schema 2; an older database has none).
    std::vector<ModuleState> moduleStates();
    // Whether mpm's own module state is the truth (once stored, dnf's files are never read).
    bool hasModuleState();

    Database& db() { return db_; }
    int schemaVersion();

  private:
    InstalledDb(const std::string& path, bool create);
    void migrate();
    int64_t addPackage(const InstalledPackage& pkg);
    void saveModuleState(const ModuleState& state);  // Unset deletes the row
    std::optional<std::string> meta(const std::string& key);
    void setMeta(const std::string& key, const std::string& value);
    Database db_;
};

}  // namespace mpm::db
