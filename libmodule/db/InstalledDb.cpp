#include "libmodule/db/InstalledDb.hpp"

#include <unistd.h>

#include "common/SourceDate.hpp"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "common/Strings.hpp"

namespace fs = std::filesystem;

namespace mpm::db {

namespace {

// Each entry takes the schema from version i to i+1. Never edit a released entry: append.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE packages (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL, epoch INTEGER NOT NULL, version TEXT NOT NULL, release TEXT NOT NULL,
        arch TEXT NOT NULL, repo TEXT NOT NULL, reason TEXT NOT NULL, install_time INTEGER NOT NULL,
        download_size INTEGER NOT NULL DEFAULT 0, install_size INTEGER NOT NULL DEFAULT 0,
        buildtime INTEGER NOT NULL DEFAULT 0, checksum TEXT, summary TEXT, description TEXT,
        url TEXT, license TEXT, sourcerpm TEXT, module TEXT,
        UNIQUE (name, epoch, version, release, arch));
    CREATE TABLE deps (
        pkg INTEGER NOT NULL REFERENCES packages(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, dep TEXT NOT NULL);
    CREATE INDEX deps_pkg ON deps(pkg);
    CREATE TABLE files (
        pkg INTEGER NOT NULL REFERENCES packages(id) ON DELETE CASCADE,
        path TEXT NOT NULL, mode INTEGER NOT NULL, user TEXT NOT NULL, grp TEXT NOT NULL,
        digest TEXT NOT NULL, linkto TEXT NOT NULL, flags INTEGER NOT NULL,
        size INTEGER NOT NULL, mtime INTEGER NOT NULL);
    CREATE INDEX files_pkg ON files(pkg);
    CREATE INDEX files_path ON files(path);
    CREATE TABLE scriptlets (
        pkg INTEGER NOT NULL REFERENCES packages(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, interpreter TEXT NOT NULL, body TEXT NOT NULL);
    CREATE INDEX scriptlets_pkg ON scriptlets(pkg);
    CREATE TABLE history (
        id INTEGER PRIMARY KEY, begin_time INTEGER NOT NULL, end_time INTEGER,
        cmdline TEXT NOT NULL, rc INTEGER);
    CREATE TABLE history_items (
        tid INTEGER NOT NULL REFERENCES history(id) ON DELETE CASCADE,
        action TEXT NOT NULL, nevra TEXT NOT NULL, repo TEXT NOT NULL, reason TEXT NOT NULL);
    CREATE TABLE journal (
        id INTEGER PRIMARY KEY, tid INTEGER NOT NULL, plan TEXT NOT NULL, state TEXT NOT NULL);
    )sql",
    // 1 -> 2: module state (enabled stream or disabled, installed profiles) and small facts.
    R"sql(
    CREATE TABLE modules (
        name TEXT PRIMARY KEY, state TEXT NOT NULL, stream TEXT NOT NULL, profiles TEXT NOT NULL);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    )sql",
    // 2 -> 3: the OpenPGP keys the user chose to trust for package signatures.
    R"sql(
    CREATE TABLE gpg_keys (
        keyid TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, userid TEXT NOT NULL,
        armored TEXT NOT NULL, source TEXT NOT NULL, imported_at INTEGER NOT NULL);
    )sql",
    // 3 -> 4: the RPM database records what is installed; mpm keeps why (and from where). The
    // rows of `packages` (and its deps, files, scriptlets) stay until they are in the RPM
    // database (see transaction/LegacyMigration), then they are deleted.
    R"sql(
    CREATE TABLE installed (
        name TEXT NOT NULL, epoch INTEGER NOT NULL, version TEXT NOT NULL, release TEXT NOT NULL,
        arch TEXT NOT NULL, repo TEXT NOT NULL, reason TEXT NOT NULL,
        checksum TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (name, epoch, version, release, arch));
    INSERT INTO installed (name, epoch, version, release, arch, repo, reason, checksum)
        SELECT name, epoch, version, release, arch, repo, reason, coalesce(checksum, '')
        FROM packages;
    )sql",
    // 4 -> 5: the comment a transaction was given (--comment), as dnf keeps it.
    R"sql(
    ALTER TABLE history ADD COLUMN comment TEXT NOT NULL DEFAULT '';
    )sql",
    // 5 -> 6: installed comps groups and environments, with the package names (or group ids)
    // each listed when it was installed, and what each transaction did to them.
    R"sql(
    CREATE TABLE comps_installed (
        kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, package_types TEXT NOT NULL,
        PRIMARY KEY (kind, id)) WITHOUT ROWID;
    CREATE TABLE comps_members (
        kind TEXT NOT NULL, id TEXT NOT NULL, member TEXT NOT NULL,
        PRIMARY KEY (kind, id, member),
        FOREIGN KEY (kind, id) REFERENCES comps_installed(kind, id) ON DELETE CASCADE)
        WITHOUT ROWID;
    CREATE TABLE history_groups (
        tid INTEGER NOT NULL REFERENCES history(id) ON DELETE CASCADE,
        action TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
        package_types TEXT NOT NULL, members TEXT NOT NULL);
    )sql",
};

}  // namespace

InstalledDb::InstalledDb(const std::string& path, bool create, bool readOnly)
    : db_(readOnly ? Database::readOnly(path) : Database(path, create)) {
    db_.exec("PRAGMA foreign_keys = ON");
}

std::unique_ptr<InstalledDb> InstalledDb::openForWriting(const std::string& persistDir) {
    std::error_code ec;
    fs::create_directories(persistDir, ec);
    if (ec) throw DbError("cannot create " + persistDir + ": " + ec.message());
    std::unique_ptr<InstalledDb> db(new InstalledDb(pathIn(persistDir), true, false));
    db->db_.exec("PRAGMA journal_mode = WAL");
    db->db_.exec("PRAGMA synchronous = FULL");
    db->migrate();
    if (!fs::exists(madeMarkerIn(persistDir), ec)) {
        std::ofstream(madeMarkerIn(persistDir)).flush();
    }
    return db;
}

bool InstalledDb::lostIn(const std::string& persistDir) {
    std::error_code ec;
    if (!fs::exists(madeMarkerIn(persistDir), ec)) return false;
    const auto size = fs::file_size(pathIn(persistDir), ec);
    return ec || size == 0;
}

std::unique_ptr<InstalledDb> InstalledDb::openForReading(const std::string& persistDir) {
    if (!fs::exists(pathIn(persistDir))) return nullptr;
    // Opened for writing when it may be (no write happens): the last connection to close then
    // folds the WAL back in and removes it, as it did before this one opened. A user who may
    // not write reads the file as it is.
    const bool mayWrite = access(persistDir.c_str(), W_OK) == 0;
    std::unique_ptr<InstalledDb> db(new InstalledDb(pathIn(persistDir), false, !mayWrite));
    int version = db->schemaVersion();
    if (version > kSchemaVersion)
        throw DbError("database " + pathIn(persistDir) + " has schema " + std::to_string(version) +
                      ", newer than this mpm understands (" + std::to_string(kSchemaVersion) +
                      "); upgrade mpm");
    if (version == 0) return nullptr;  // never written by a transaction: nothing installed
    return db;
}

namespace {

// The tables a rebuild copies, parents before children (the foreign keys hold), with the
// columns of the current schema.
struct TableCopy {
    const char* table;
    const char* columns;
};
constexpr TableCopy kKept[] = {
    {"meta", "key, value"},
    {"installed", "name, epoch, version, release, arch, repo, reason, checksum"},
    {"modules", "name, state, stream, profiles"},
    {"comps_installed", "kind, id, name, package_types"},
    {"comps_members", "kind, id, member"},
    {"gpg_keys", "keyid, fingerprint, userid, armored, source, imported_at"},
    {"history", "id, begin_time, end_time, cmdline, rc, comment"},
    {"history_items", "tid, action, nevra, repo, reason"},
    {"history_groups", "tid, action, kind, id, name, package_types, members"},
    {"journal", "id, tid, plan, state"},
};

// Copies the rows of one table that can be read, until the damage stops the reading.
int64_t copyReadable(Database& from, Database& to, const TableCopy& t) {
    int64_t kept = 0;
    try {
        Statement read = from.prepare(std::string("SELECT ") + t.columns + " FROM " + t.table);
        std::string marks;
        for (int i = 0; i < read.columns(); ++i) marks += i ? ",?" : "?";
        Statement write = to.prepare(std::string("INSERT OR IGNORE INTO ") + t.table + " (" +
                                     t.columns + ") VALUES (" + marks + ")");
        while (read.step()) {
            for (int i = 0; i < read.columns(); ++i) write.bindValue(i + 1, read.value(i));
            try {
                write.run();
                ++kept;
            } catch (const DbError&) {
                write.reset();  // a row whose parent was lost: left out
            }
        }
    } catch (const DbError&) {
        // the table is missing (an older schema) or unreadable from here on
    }
    return kept;
}

}  // namespace

RebuildResult InstalledDb::rebuild(const std::string& persistDir) {
    RebuildResult result;
    const std::string path = pathIn(persistDir);
    if (!fs::exists(path)) {
        openForWriting(persistDir);
        return result;
    }
    const std::string work = persistDir + "/.rebuild";
    std::error_code ec;
    fs::remove_all(work, ec);
    {
        auto fresh = openForWriting(work);
        DbTransaction tx(fresh->db_);
        try {
            Database old = Database::readOnly(path);
            try {
                Statement check = old.prepare("PRAGMA quick_check(1)");
                result.intact = check.step() && check.text(0) == "ok";
            } catch (const DbError&) {
            }
            for (const auto& t : kKept) result.kept[t.table] = copyReadable(old, fresh->db_, t);
        } catch (const DbError&) {
            // not even openable: nothing to keep
        }
        tx.commit();
        fresh->db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    // The old file is kept, with its WAL (its last commits may be there), under a name no
    // earlier rebuild used (.damaged, or .old for one SQLite found intact); if the new file
    // cannot take its place, the old one goes back.
    const std::string aside = path + (result.intact ? ".old" : ".damaged");
    result.damagedCopy = aside;
    for (int n = 2; fs::exists(result.damagedCopy, ec); ++n)
        result.damagedCopy = aside + "-" + std::to_string(n);
    fs::rename(path, result.damagedCopy, ec);
    if (ec) throw DbError("cannot set " + path + " aside: " + ec.message());
    for (const char* side : {"-wal", "-shm"})
        if (fs::exists(path + side, ec)) fs::rename(path + side, result.damagedCopy + side, ec);
    fs::rename(work + "/mpm.sqlite", path, ec);
    if (ec) {
        const std::string why = ec.message();
        fs::rename(result.damagedCopy, path, ec);
        throw DbError("cannot put the rebuilt database in place of " + path + ": " + why);
    }
    fs::remove_all(work, ec);
    return result;
}

int InstalledDb::schemaVersion() {
    Statement s = db_.prepare("PRAGMA user_version");
    s.step();
    return static_cast<int>(s.integer(0));
}

void InstalledDb::migrate() {
    if (schemaVersion() == kSchemaVersion) return;
    // Every step in one transaction: all or none, and one commit (with its fdatasync) for a
    // fresh database rather than one per step. The version is read again inside it, under
    // the write lock: another process may have migrated meanwhile.
    DbTransaction tx(db_);
    int version = schemaVersion();
    if (version > kSchemaVersion)
        throw DbError("database " + db_.path() + " has schema " + std::to_string(version) +
                      ", newer than this mpm understands; upgrade mpm");
    for (; version < kSchemaVersion; ++version) db_.exec(kMigrations[version]);
    db_.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    tx.commit();
}

std::string PackageKey::nevra() const {
    return name + "-" + (epoch ? std::to_string(epoch) + ":" : "") + version + "-" + release + "." +
           arch;
}

bool PackageKey::operator<(const PackageKey& o) const {
    return std::tie(name, epoch, version, release, arch) <
           std::tie(o.name, o.epoch, o.version, o.release, o.arch);
}

namespace {

// name, epoch, version, release, arch from `first` on: the key of rows about packages.
template <typename Package>
void readKey(const Statement& s, int first, Package& p) {
    p.name = s.text(first);
    p.epoch = s.integer(first + 1);
    p.version = s.text(first + 2);
    p.release = s.text(first + 3);
    p.arch = s.text(first + 4);
}

}  // namespace

void InstalledDb::checkIntact() {
    auto check = db_.prepare("PRAGMA quick_check(1)");  // (damage it cannot read: thrown)
    const std::string found = check.step() ? check.text(0) : "";
    if (found == "ok") return;
    // Its first finding, on one line ("*** in database main ***" heads the list).
    std::string first;
    for (const auto& line : splitList(found, "\n"))
        if (!line.empty() && !line.starts_with("***")) {
            first = line;
            break;
        }
    throw DbError::damaged(db_.path(), first.empty() ? "SQLite's check found damage" : first);
}

std::vector<InstalledRow> InstalledDb::installedRows() {
    std::vector<InstalledRow> out;
    if (schemaVersion() < 4) return out;
    Statement s = db_.prepare(R"sql(
        SELECT name, epoch, version, release, arch, repo, reason, checksum
        FROM installed ORDER BY name, epoch, version, release, arch)sql");
    while (s.step()) {
        InstalledRow r;
        readKey(s, 0, r);
        r.repo = s.text(5);
        r.reason = parseReason(s.text(6)).value_or(InstallReason::User);
        r.checksum = s.text(7);
        out.push_back(std::move(r));
    }
    return out;
}

namespace {

Statement& bindKey(Statement& s, const PackageKey& k, int first) {
    return s.bind(first, k.name)
        .bind(first + 1, k.epoch)
        .bind(first + 2, k.version)
        .bind(first + 3, k.release)
        .bind(first + 4, k.arch);
}

// Records the rows with one statement (preparing it per row was most of recording 300).
void putRows(Database& db, const std::vector<InstalledRow>& rows) {
    if (rows.empty()) return;
    Statement s = db.prepare(R"sql(
        INSERT OR REPLACE INTO installed
            (name, epoch, version, release, arch, repo, reason, checksum)
        VALUES (?,?,?,?,?,?,?,?))sql");
    for (const InstalledRow& r : rows)
        bindKey(s, r, 1)
            .bind(6, r.repo)
            .bind(7, std::string(reasonName(r.reason)))
            .bind(8, r.checksum)
            .run();
}

}  // namespace

std::vector<LegacyPackage> InstalledDb::legacyPackages() {
    std::vector<LegacyPackage> out;
    Statement s = db_.prepare(R"sql(
        SELECT id, name, epoch, version, release, arch, repo, reason, install_time,
               install_size, buildtime, summary, description, url, license, sourcerpm
        FROM packages ORDER BY id)sql");
    while (s.step()) {
        LegacyPackage p;
        p.id = s.integer(0);
        readKey(s, 1, p);
        p.repo = s.text(6);
        p.reason = parseReason(s.text(7)).value_or(InstallReason::User);
        p.installTime = s.integer(8);
        p.installSize = static_cast<uint64_t>(s.integer(9));
        p.buildTime = s.integer(10);
        p.summary = s.text(11);
        p.description = s.text(12);
        p.url = s.text(13);
        p.license = s.text(14);
        p.sourceRpm = s.text(15);
        out.push_back(std::move(p));
    }
    for (auto& p : out) {
        Statement d = db_.prepare("SELECT kind, dep FROM deps WHERE pkg = ? ORDER BY rowid");
        d.bind(1, p.id);
        while (d.step()) p.deps.push_back({d.text(0), d.text(1)});
        Statement f = db_.prepare(R"sql(
            SELECT path, mode, user, grp, digest, linkto, flags, size, mtime
            FROM files WHERE pkg = ? ORDER BY rowid)sql");
        f.bind(1, p.id);
        while (f.step())
            p.files.push_back({f.text(0), static_cast<uint32_t>(f.integer(1)), f.text(2), f.text(3),
                               f.text(4), f.text(5), static_cast<uint32_t>(f.integer(6)),
                               static_cast<uint64_t>(f.integer(7)), f.integer(8)});
        Statement sc = db_.prepare(
            "SELECT kind, interpreter, body FROM scriptlets WHERE pkg = ? ORDER BY rowid");
        sc.bind(1, p.id);
        while (sc.step())
            if (auto kind = rpm::parseScriptletKind(sc.text(0)))
                p.scriptlets.push_back({*kind, sc.text(1), sc.text(2)});
    }
    return out;
}

void InstalledDb::dropLegacy(const std::vector<int64_t>& ids) {
    if (ids.empty()) return;
    DbTransaction tx(db_);
    Statement s = db_.prepare("DELETE FROM packages WHERE id = ?");
    for (int64_t id : ids) s.bind(1, id).run();
    tx.commit();
}

int64_t InstalledDb::record(const TransactionRecord& changes, int64_t journalId) {
    DbTransaction tx(db_);
    Statement remove = db_.prepare(
        "DELETE FROM installed WHERE name = ? AND epoch = ? AND version = ? AND release = ? AND "
        "arch = ?");
    for (const auto& key : changes.removed) bindKey(remove, key, 1).run();
    putRows(db_, changes.added);
    for (const auto& m : changes.modules) saveModuleState(m);
    if (!changes.groups.empty())
        for (const auto& g : changes.groupsFromDnf) saveGroupChange({g, false, false});
    for (const auto& g : changes.groups) saveGroupChange(g);
    db_.prepare(
           "INSERT INTO history (begin_time, end_time, cmdline, comment, rc) VALUES (?, ?, ?, ?, "
           "0)")
        .bind(1, changes.beginTime)
        .bind(2, recordedNow())
        .bind(3, changes.cmdline)
        .bind(4, changes.comment)
        .run();
    const int64_t tid = db_.lastInsertId();
    Statement item = db_.prepare(
        "INSERT INTO history_items (tid, action, nevra, repo, reason) VALUES (?,?,?,?,?)");
    for (const auto& h : changes.history)
        item.bind(1, tid)
            .bind(2, std::string(historyActionName(h.action)))
            .bind(3, h.nevra)
            .bind(4, h.repo)
            .bind(5, std::string(reasonName(h.reason)))
            .run();
    Statement group = db_.prepare(
        "INSERT INTO history_groups (tid, action, kind, id, name, package_types, members) "
        "VALUES (?,?,?,?,?,?,?)");
    for (const auto& g : changes.groups)
        group.bind(1, tid)
            .bind(2, std::string(groupActionName(g)))
            .bind(3, std::string(compsKindName(g.group.kind)))
            .bind(4, g.group.id)
            .bind(5, g.group.name)
            .bind(6, join({g.group.packageTypes.begin(), g.group.packageTypes.end()}, ","))
            .bind(7, join({g.group.members.begin(), g.group.members.end()}, ","))
            .run();
    if (journalId) db_.prepare("DELETE FROM journal WHERE id = ?").bind(1, journalId).run();
    tx.commit();
    return tid;
}

void InstalledDb::markUserInstalled(const std::vector<InstalledRow>& packages) {
    std::vector<InstalledRow> rows = packages;
    for (auto& row : rows) row.reason = InstallReason::User;
    markInstalled(rows);
}

void InstalledDb::markInstalled(const std::vector<InstalledRow>& packages) {
    if (packages.empty()) return;
    DbTransaction tx(db_);
    putRows(db_, packages);
    tx.commit();
}

void InstalledDb::saveModuleStates(const std::vector<ModuleState>& states) {
    if (states.empty()) return;
    DbTransaction tx(db_);
    for (const auto& m : states) saveModuleState(m);
    tx.commit();
}

void InstalledDb::saveGroupChanges(const std::vector<GroupChange>& changes,
                                   const std::vector<InstalledGroup>& fromDnf) {
    if (changes.empty()) return;
    DbTransaction tx(db_);
    for (const auto& g : fromDnf) saveGroupChange({g, false, false});
    for (const auto& g : changes) saveGroupChange(g);
    tx.commit();
}

bool InstalledDb::hasGroupState() {
    return meta("group_state").has_value();
}

std::vector<InstalledGroup> InstalledDb::installedGroups() {
    std::vector<InstalledGroup> out;
    if (schemaVersion() < 6) return out;
    Statement s =
        db_.prepare("SELECT kind, id, name, package_types FROM comps_installed ORDER BY kind, id");
    Statement members =
        db_.prepare("SELECT member FROM comps_members WHERE kind = ? AND id = ? ORDER BY member");
    while (s.step()) {
        InstalledGroup g = storedGroup(s.text(0), s.text(1), s.text(2), s.text(3));
        members.bind(1, s.text(0)).bind(2, g.id);
        while (members.step()) g.members.insert(members.text(0));
        members.reset();
        out.push_back(std::move(g));
    }
    return out;
}

void InstalledDb::saveGroupChange(const GroupChange& change) {
    const InstalledGroup& g = change.group;
    const std::string kind = compsKindName(g.kind);
    // From now on mpm's own group records are the truth (dnf's are not read again).
    setMeta("group_state", "1");
    db_.prepare("DELETE FROM comps_installed WHERE kind = ? AND id = ?")
        .bind(1, kind)
        .bind(2, g.id)
        .run();
    if (change.removed) return;
    db_.prepare("INSERT INTO comps_installed (kind, id, name, package_types) VALUES (?, ?, ?, ?)")
        .bind(1, kind)
        .bind(2, g.id)
        .bind(3, g.name)
        .bind(4, join({g.packageTypes.begin(), g.packageTypes.end()}, ","))
        .run();
    Statement member = db_.prepare("INSERT INTO comps_members (kind, id, member) VALUES (?, ?, ?)");
    for (const auto& m : g.members) member.bind(1, kind).bind(2, g.id).bind(3, m).run();
}

bool InstalledDb::hasModuleState() {
    return meta("module_state").has_value();
}

std::vector<ModuleState> InstalledDb::moduleStates() {
    std::vector<ModuleState> out;
    if (schemaVersion() < 2) return out;
    Statement s = db_.prepare("SELECT name, state, stream, profiles FROM modules ORDER BY name");
    while (s.step()) {
        ModuleState m;
        m.name = s.text(0);
        m.status = parseModuleStatus(s.text(1)).value_or(ModuleStatus::Unset);
        m.stream = s.text(2);
        for (const auto& p : splitList(s.text(3), ",")) m.profiles.insert(p);
        out.push_back(std::move(m));
    }
    return out;
}

void InstalledDb::saveModuleState(const ModuleState& state) {
    if (state.status == ModuleStatus::Unset) {
        db_.prepare("DELETE FROM modules WHERE name = ?").bind(1, state.name).run();
    } else {
        db_.prepare(
               "INSERT OR REPLACE INTO modules (name, state, stream, profiles) "
               "VALUES (?, ?, ?, ?)")
            .bind(1, state.name)
            .bind(2, std::string(moduleStatusName(state.status)))
            .bind(3, state.stream)
            .bind(4, join({state.profiles.begin(), state.profiles.end()}, ","))
            .run();
    }
    // From now on mpm's own state is the truth (dnf's files are never imported again).
    setMeta("module_state", "1");
}

std::optional<std::string> InstalledDb::meta(const std::string& key) {
    if (schemaVersion() < 2) return std::nullopt;
    Statement s = db_.prepare("SELECT value FROM meta WHERE key = ?");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

void InstalledDb::setMeta(const std::string& key, const std::string& value) {
    db_.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")
        .bind(1, key)
        .bind(2, value)
        .run();
}

}  // namespace mpm::db
