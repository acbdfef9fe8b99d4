// The root's RPM database, read and written through librpm as rpm and dnf do: the record of
// what is installed, shared with rpm, dnf and image scanners. Opened with the root's database
// path made absolute and a root directory of "/", so nothing here needs to chroot (mpm can
// build a root without privileges) and the host's own %_dbpath is never touched.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "libmodule/rpm/RpmHandles.hpp"
#include "libmodule/rpm/RpmHeader.hpp"

namespace mpm::rpm {

// Fedora's layout, for roots that say nothing else.
constexpr const char* kDefaultDbPath = "/usr/lib/sysimage/rpm";
// Where rpm kept it before (and EL9 still keeps it).
constexpr const char* kLegacyDbPath = "/var/lib/rpm";

// Where a root keeps its RPM database, as a path inside it: `configured` (mpm.conf's
// rpmdb_path) when set; else the %_dbpath of the root's own rpm macros (usr/lib/rpm/macros,
// macros.d, etc/rpm); else /var/lib/rpm when a database is there and none in
// /usr/lib/sysimage/rpm; else /usr/lib/sysimage/rpm. Never the host's %_dbpath.
std::string dbPathInRoot(const std::string& installroot, const std::string& configured);

// The host directory of the database at `dbPath` (a path inside the root).
std::string dbHostDir(const std::string& installroot, const std::string& dbPath);
// var/lib/rpm, the link to the database that writing creates in a root of Fedora's layout
// (host path); empty when writing creates none there.
std::string legacyDbLink(const std::string& installroot, const std::string& dbPath);

// Changes whenever the database in `hostDir` changes: the size, time and inode of its files
// (as libdnf keys its @System cache). Empty when there is no database there.
std::string dbChangeMarker(const std::string& hostDir);

// How a transaction marks the packages it adds.
struct InstallStamp {
    uint32_t tid = 0;                       // RPMTAG_INSTALLTID: the transaction's id
    uint32_t time = 0;                      // RPMTAG_INSTALLTIME
    std::vector<std::string> notInstalled;  // paths left out (--nodocs): RPMFILE_STATE_NOTINSTALLED
};

class RpmDb {
  public:
    // Reading: nullptr when the root has no RPM database. Throws Error when it cannot be read.
    static std::unique_ptr<RpmDb> openForReading(const std::string& installroot,
                                                 const std::string& dbPath);
    // Writing: creates the database when there is none (and var/lib/rpm as a link to it for the
    // default layout, as Fedora has it). Throws Error.
    static std::unique_ptr<RpmDb> openForWriting(const std::string& installroot,
                                                 const std::string& dbPath);
    // What opening the database for writing would create in a root that has none: the missing
    // directories of its path and of var/lib/rpm (deepest first) and that link. Nothing when
    // the root has a database.
    static std::optional<std::vector<std::string>> wouldCreate(const std::string& installroot,
                                                               const std::string& dbPath);
    // Removes the database when it holds no header at all, or cannot be read as a database
    // (what mpm-rpmdb-writer leaves when it is stopped before its commit in a root that had
    // none), then of `made` (wouldCreate's answer before it ran) the link and the directories
    // left empty. A database with any header in it is left alone, and so is anything that
    // existed before.
    static void removeIfEmpty(const std::string& installroot, const std::string& dbPath,
                              const std::vector<std::string>& made);
    // Throws Error, before anything is changed, when the database (if there is one) could not
    // be written: a Berkeley DB database (EL8 and older images), which this librpm only reads, or
    // a directory mpm may not write.
    static void checkWritable(const std::string& installroot, const std::string& dbPath);
    RpmDb(const RpmDb&) = delete;
    RpmDb& operator=(const RpmDb&) = delete;
    ~RpmDb();

    const std::string& hostDir() const { return hostDir_; }

    // Every installed package (not the gpg-pubkey entries of imported keys), by instance.
    void forEachPackage(const std::function<void(unsigned instance, Header header)>& fn) const;
    // The header of an installed package; null when there is no such instance any more.
    Hdr header(unsigned instance) const;
    // Installed packages with a %trigger* on this package name (rpm's trigger index).
    std::vector<unsigned> triggeredBy(const std::string& name) const;
    // Installed packages with file triggers of either kind (rpm's file trigger indexes).
    std::set<unsigned> fileTriggerOwners() const;
    // The paths of these installed packages.
    std::vector<std::string> files(const std::set<unsigned>& instances) const;
    // Installed packages of this name.
    std::vector<unsigned> named(const std::string& name) const;
    // Instances of packages with this name, epoch:version-release and arch.
    std::vector<unsigned> find(const std::string& name, int64_t epoch, const std::string& version,
                               const std::string& release, const std::string& arch) const;
    // The instances of every installed package (not gpg-pubkey), from the name index alone.
    std::set<unsigned> packageInstances() const;
    // The install transaction id of an instance (0 when it is gone).
    uint32_t installTid(unsigned instance) const;
    // Whether a package of this install transaction is recorded (rpm's Installtid index).
    bool hasInstallTid(uint32_t tid) const;
    // The digest of each instance's header (RPMTAG_SHA1HEADER) from rpm's Sha1header index,
    // without reading a header; an instance the index does not list has none.
    std::map<unsigned, std::string> headerDigests() const;

    // Removes these instances (those still present) in one justdb transaction under rpm's lock.
    void erase(const std::vector<unsigned>& instances);
    // Adds a package header (as exported), marked with `stamp`. Returns its instance.
    unsigned add(const std::string& headerBlob, const InstallStamp& stamp);
    // The gpg-pubkey entry rpm keeps for a trusted key (rpm -q gpg-pubkey, rpm -K).
    void importKey(const std::string& armored);
    // Removes the gpg-pubkey entries of a key (long or short id, any case).
    void eraseKey(const std::string& keyid);
    // The keys rpm trusts: each gpg-pubkey entry's key block (as `rpm --import` or mpm put it
    // there) and when it was put there.
    struct StoredKey {
        std::string armored;
        std::string userid;  // as rpm recorded it (in its entry's summary)
        int64_t installTime = 0;
    };
    std::vector<StoredKey> keys() const;
    // dnf's $releasever of the root (detect_releasever): the first installed package providing
    // system-release(releasever), system-release, distribution-release(releasever),
    // distribution-release, redhat-release or suse-release gives its version, or the version of
    // that provide when it has one ("= 9" where the package is 9.3). Empty when none does.
    std::string distributionReleasever() const;

    // The writes made while it lives become one: rpm's lock is taken once and SQLite commits
    // once when it ends (rpm's own transactions hold one the same way), instead of a lock and a
    // commit, each rewriting the index pages, per package. Ending commits what was written,
    // also after an error: writes are idempotent and the journal completes them.
    class WriteBatch {
      public:
        explicit WriteBatch(RpmDb& db);
        WriteBatch(const WriteBatch&) = delete;
        WriteBatch& operator=(const WriteBatch&) = delete;
        ~WriteBatch();
        // Commits now and releases rpm's lock. Throws Error when SQLite could not commit (a
        // full disk): then nothing of the batch is in the database.
        void commit();

      private:
        RpmDb& db_;
        rpmtxn txn_;
    };

  private:
    RpmDb(std::string hostDir, bool write);
    std::string hostDir_;
    Ts ts_;
};

}  // namespace mpm::rpm
