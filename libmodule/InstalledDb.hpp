// The installed-system database (var/lib/mpm/mpm.sqlite under the installroot): what is
// installed, with the dependencies and files that let @System load without any RPM file,
// why each package is there, the history of transactions, and the transaction journal.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "libmodule/ModuleState.hpp"
#include "libmodule/Sqlite.hpp"

namespace mpm {

struct InstalledFile {
    std::string path;
    uint32_t mode = 0;
    std::string user, group;
    std::string digest;  // hex, in the package's digest algorithm
    std::string linkto;
    uint32_t flags = 0;  // rpm's RPMFILE_* bits (config, doc, ghost, noreplace, ...)
    uint64_t size = 0;
    int64_t mtime = 0;
};

struct InstalledDep {
    std::string kind;  // provides, requires, conflicts, obsoletes, recommends, suggests,
                       // supplements, enhances
    std::string dep;   // "foo >= 1.0", "(a or b)", "/bin/sh"
};

// A scriptlet kept for when the package leaves (%preun, %postun) or for history.
struct InstalledScriptlet {
    std::string kind;  // pretrans, pre, post, preun, postun, posttrans
    std::string interpreter;
    std::string body;
};

struct InstalledPackage {
    int64_t id = 0;
    std::string name, version, release, arch;
    int64_t epoch = 0;
    std::string repo;
    std::string reason = "user";  // user, module, dependency, weak-dependency
    int64_t installTime = 0;
    uint64_t downloadSize = 0, installSize = 0;
    int64_t buildTime = 0;
    std::string checksum, summary, description, url, license, sourceRpm;
    std::vector<InstalledDep> deps;
    std::vector<InstalledFile> files;
    std::vector<InstalledScriptlet> scriptlets;

    std::string evr() const;    // [epoch:]version-release
    std::string nevra() const;  // name-[epoch:]version-release.arch
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
    std::vector<InstalledFile> files(int64_t packageId);
    std::vector<InstalledScriptlet> scriptlets(int64_t packageId);
    // Ids of installed packages that own `path`.
    std::vector<int64_t> owners(const std::string& path);

    // Inside a DbTransaction of the caller's.
    int64_t addPackage(const InstalledPackage& pkg);
    void removePackage(int64_t id);
    void setReason(int64_t id, const std::string& reason);

    // Module state rows (schema 2; an older database has none). Writes go inside a
    // DbTransaction of the caller's.
    std::vector<ModuleState> moduleStates();
    void saveModuleState(const ModuleState& state);  // Unset deletes the row
    std::optional<std::string> meta(const std::string& key);
    void setMeta(const std::string& key, const std::string& value);

    Database& db() { return db_; }
    int schemaVersion();

  private:
    InstalledDb(const std::string& path, bool create);
    void migrate();
    Database db_;
};

}  // namespace mpm
