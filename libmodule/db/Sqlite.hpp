// RAII over sqlite3: a connection, prepared statements, and a transaction guard that rolls
// back unless committed. Every failure is a DbError naming the database and SQLite's reason.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/Error.hpp"

namespace mpm::db {

class DbError : public Error {
  public:
    using Error::Error;
    // The file is not a database or is damaged (SQLITE_CORRUPT, SQLITE_NOTADB): the message
    // says so and names `mpm rebuilddb`.
    static DbError damaged(const std::string& path, const std::string& why);
    bool isDamaged() const noexcept { return damaged_; }

  private:
    bool damaged_ = false;
};

class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql);
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&&) noexcept = default;
    ~Statement() = default;

    Statement& bind(int index, int64_t value);
    Statement& bind(int index, const std::string& value);
    Statement& bindBlob(int index, const std::string& bytes);
    Statement& bindNull(int index);
    // Returns true while there is a row; false when done. Throws DbError on failure.
    bool step();
    // Runs to completion and resets for reuse.
    void run();
    void reset();

    int64_t integer(int column) const;
    std::string text(int column) const;
    // The bytes of a column, whatever its type (a BLOB, or text with its exact length).
    std::string blob(int column) const;
    bool isNull(int column) const;
    // A column as SQLite holds it, and binding one so, whatever its type (copying rows).
    sqlite3_value* value(int column) const;
    Statement& bindValue(int index, const sqlite3_value* value);
    int columns() const;

  private:
    struct Finalizer {
        void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
    };
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

class Database {
  public:
    // Opens (creating if asked) the database file. Throws DbError.
    Database(const std::string& path, bool create);
    // Opens another program's database for reading only. Throws DbError.
    static Database readOnly(const std::string& path) { return Database(path, false, true); }
    Database(Database&&) noexcept = default;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(db_.get(), sql); }
    int64_t lastInsertId() const { return sqlite3_last_insert_rowid(db_.get()); }
    sqlite3* raw() const { return db_.get(); }
    const std::string& path() const { return path_; }

  private:
    Database(const std::string& path, bool create, bool readOnly);
    struct Closer {
        void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
    };
    std::string path_;
    std::unique_ptr<sqlite3, Closer> db_;
};

// Folds a WAL database's log into its file and leaves it in rollback-journal mode, so that
// SQLite removes the -wal and -shm files (rpm keeps them for its readers) and readers create
// none: a reproducible root must not hold the random salts of a -shm index. A writer turns
// WAL on again when it opens the database (rpm and mpm do). Throws DbError.
void settleAtRest(const std::string& path);

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() was called.
class DbTransaction {
  public:
    explicit DbTransaction(Database& db);
    DbTransaction(const DbTransaction&) = delete;
    DbTransaction& operator=(const DbTransaction&) = delete;
    ~DbTransaction();
    void commit();

  private:
    Database& db_;
    bool done_ = false;
};

}  // namespace mpm::db
