#include "libmodule/db/Sqlite.hpp"

#include <unistd.h>

#include <cerrno>
#include <filesystem>

namespace mpm::db {

namespace {

// SQLite says "database or disk is full"; users act on the disk, so say it like the OS does.
std::string fullDiskReason() {
    return "the disk is full (No space left on device); free some space and retry";
}

bool isDamage(int rc) {
    return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

[[noreturn]] void fail(sqlite3* db, const std::string& what, const std::string& path = {}) {
    const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
    const std::string name = file && *file ? file : path;
    if (db && isDamage(sqlite3_errcode(db))) throw DbError::damaged(name, sqlite3_errmsg(db));
    std::string reason = !db ? "out of memory"
                         : sqlite3_errcode(db) == SQLITE_FULL ||
                                 ((sqlite3_errcode(db) & 0xff) == SQLITE_IOERR &&
                                  sqlite3_system_errno(db) == ENOSPC)  // (the -shm's space)
                             ? fullDiskReason()
                             : sqlite3_errmsg(db);
    throw DbError("database " + name + ": " + what + ": " + reason);
}

}  // namespace

DbError DbError::damaged(const std::string& path, const std::string& why) {
    DbError e("mpm's database " + path + " is damaged (" + why +
              "); run 'mpm rebuilddb' to rebuild it from what can still be read and the RPM "
              "database");
    e.damaged_ = true;
    return e;
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &s, nullptr) != SQLITE_OK)
        fail(db, "cannot prepare '" + std::string(sql.substr(0, 60)) + "'");
    stmt_.reset(s);
}

Statement& Statement::bind(int index, int64_t value) {
    if (sqlite3_bind_int64(stmt_.get(), index, value) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

Statement& Statement::bindBlob(int index, const std::string& bytes) {
    if (sqlite3_bind_blob(stmt_.get(), index, bytes.data(), static_cast<int>(bytes.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK)
        fail(db_, "bind");
    return *this;
}

Statement& Statement::bind(int index, const std::string& value) {
    if (sqlite3_bind_text(stmt_.get(), index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK)
        fail(db_, "bind");
    return *this;
}

Statement& Statement::bindNull(int index) {
    if (sqlite3_bind_null(stmt_.get(), index) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, "cannot run statement");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
}

int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(stmt_.get(), column);
}

std::string Statement::text(int column) const {
    const unsigned char* t = sqlite3_column_text(stmt_.get(), column);
    return t ? reinterpret_cast<const char*>(t) : "";
}

std::string Statement::blob(int column) const {
    const void* b = sqlite3_column_blob(stmt_.get(), column);
    const int n = sqlite3_column_bytes(stmt_.get(), column);
    return b ? std::string(static_cast<const char*>(b), static_cast<size_t>(n)) : std::string();
}

sqlite3_value* Statement::value(int column) const {
    return sqlite3_column_value(stmt_.get(), column);
}

Statement& Statement::bindValue(int index, const sqlite3_value* value) {
    if (sqlite3_bind_value(stmt_.get(), index, value) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

int Statement::columns() const {
    return sqlite3_column_count(stmt_.get());
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}

Database::Database(const std::string& path, bool create) : Database(path, create, false) {}

Database::Database(const std::string& path, bool create, bool readOnly) : path_(path) {
    sqlite3* db = nullptr;
    int flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    std::string name = path;
    // A reader that may not write beside the file (a user who is not root) cannot make the
    // WAL index SQLite needs; it reads the file as it is, as `rpm -q` does for such users. A
    // writer checkpoints when it ends, so the file holds every finished transaction.
    const std::string dir = std::filesystem::path(path).parent_path().string();
    if (readOnly && access(dir.empty() ? "." : dir.c_str(), W_OK) != 0) {
        std::string uri = "file:";
        for (char c : path)
            uri += c == '?' ? std::string("%3f") : c == '#' ? "%23" : std::string(1, c);
        name = uri + "?immutable=1";
        flags |= SQLITE_OPEN_URI;
    }
    if (std::error_code ec; std::filesystem::is_directory(path, ec))
        throw DbError("database " + path + " is a directory, not a file; move it away");
    int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
    db_.reset(db);
    if (rc != SQLITE_OK) fail(db, "cannot open", path);
    sqlite3_busy_timeout(db, 5000);
}

void Database::exec(std::string_view sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = (rc & 0xff) == SQLITE_FULL ? fullDiskReason()
                          : err                      ? err
                                                     : "unknown error";
        sqlite3_free(err);
        if (isDamage(rc)) throw DbError::damaged(path_, msg);
        throw DbError("database " + path_ + ": " + msg);
    }
}

DbTransaction::DbTransaction(Database& db) : db_(db) {
    db_.exec("BEGIN IMMEDIATE");
}

DbTransaction::~DbTransaction() {
    if (done_) return;
    try {
        db_.exec("ROLLBACK");
    } catch (...) {
        // Nothing to do: SQLite rolls back a connection's open transaction when it closes.
    }
}

void DbTransaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

void settleAtRest(const std::string& path) {
    Database db(path, false);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    db.exec("PRAGMA journal_mode = DELETE");
}

}  // namespace mpm::db
