// Generated from the headers of libsqlite3.so.0: do not edit; regenerate (a new function called)
// with: scripts/lazy-stubs libmodule/db/SqliteLibrary.cpp libsqlite3.so.0 libsqlite3-0 libmodule/db/sqlite.symbols '<sqlite3.h>' --before-load '"libmodule/rpm/SqliteSetup.hpp"' 'mpm::rpm::configureSqlite'
// Each function of libsqlite3.so.0 that mpm calls, standing in for it: the library is loaded
// (dlopen) when the first one is called, so runs that call none never map it and the
// libraries it needs.
#include <sqlite3.h>

#include "common/SharedLibrary.hpp"
#include "libmodule/rpm/SqliteSetup.hpp"

namespace {

const mpm::SharedLibrary<>& library() {
    static const mpm::SharedLibrary<> loaded = [] {
        mpm::rpm::configureSqlite();
        return mpm::SharedLibrary<>("libsqlite3.so.0", "libsqlite3-0");
    }();
    return loaded;
}

}  // namespace

// Not exported: a shared library linked later that calls these functions (librpm calls
// SQLite) must reach the library's own, not go through these.
#pragma GCC visibility push(hidden)
extern "C" {

int sqlite3_auto_extension(void (*a0) (void)) {
    static const auto f = library().function<decltype(&sqlite3_auto_extension)>("sqlite3_auto_extension");
    return f(a0);
}

int sqlite3_bind_blob(sqlite3_stmt * a0, int a1, const void * a2, int a3, void (*a4) (void *)) {
    static const auto f = library().function<decltype(&sqlite3_bind_blob)>("sqlite3_bind_blob");
    return f(a0, a1, a2, a3, a4);
}

int sqlite3_bind_int64(sqlite3_stmt * a0, int a1, sqlite3_int64 a2) {
    static const auto f = library().function<decltype(&sqlite3_bind_int64)>("sqlite3_bind_int64");
    return f(a0, a1, a2);
}

int sqlite3_bind_null(sqlite3_stmt * a0, int a1) {
    static const auto f = library().function<decltype(&sqlite3_bind_null)>("sqlite3_bind_null");
    return f(a0, a1);
}

int sqlite3_bind_text(sqlite3_stmt * a0, int a1, const char * a2, int a3, void (*a4) (void *)) {
    static const auto f = library().function<decltype(&sqlite3_bind_text)>("sqlite3_bind_text");
    return f(a0, a1, a2, a3, a4);
}

int sqlite3_bind_value(sqlite3_stmt * a0, int a1, const sqlite3_value * a2) {
    static const auto f = library().function<decltype(&sqlite3_bind_value)>("sqlite3_bind_value");
    return f(a0, a1, a2);
}

int sqlite3_busy_timeout(sqlite3 * a0, int a1) {
    static const auto f = library().function<decltype(&sqlite3_busy_timeout)>("sqlite3_busy_timeout");
    return f(a0, a1);
}

int sqlite3_clear_bindings(sqlite3_stmt * a0) {
    static const auto f = library().function<decltype(&sqlite3_clear_bindings)>("sqlite3_clear_bindings");
    return f(a0);
}

int sqlite3_close_v2(sqlite3 * a0) {
    static const auto f = library().function<decltype(&sqlite3_close_v2)>("sqlite3_close_v2");
    return f(a0);
}

const void * sqlite3_column_blob(sqlite3_stmt * a0, int a1) {
    static const auto f = library().function<decltype(&sqlite3_column_blob)>("sqlite3_column_blob");
    return f(a0, a1);
}

int sqlite3_column_bytes(sqlite3_stmt * a0, int a1) {
    static const auto f = library().function<decltype(&sqlite3_column_bytes)>("sqlite3_column_bytes");
    return f(a0, a1);
}

int sqlite3_column_count(sqlite3_stmt * a0) {
    static const auto f = library().function<decltype(&sqlite3_column_count)>("sqlite3_column_count");
    return f(a0);
}

sqlite3_int64 sqlite3_column_int64(sqlite3_stmt * a0, int a1) {
    static const auto f = library().function<decltype(&sqlite3_column_int64)>("sqlite3_column_int64");
    return f(a0, a1);
}

const unsigned char * sqlite3_column_text(sqlite3_stmt * a0, int a1) {
    static const auto f = library().function<decltype(&sqlite3_column_text)>("sqlite3_column_text");
    return f(a0, a1);
}

int sqlite3_column_type(sqlite3_stmt * a0, int a1) {
    static const auto f = library().function<decltype(&sqlite3_column_type)>("sqlite3_column_type");
    return f(a0, a1);
}

sqlite3_value * sqlite3_column_value(sqlite3_stmt * a0, int a1) {
    static const auto f = library().function<decltype(&sqlite3_column_value)>("sqlite3_column_value");
    return f(a0, a1);
}

sqlite3_filename sqlite3_db_filename(sqlite3 * a0, const char * a1) {
    static const auto f = library().function<decltype(&sqlite3_db_filename)>("sqlite3_db_filename");
    return f(a0, a1);
}

int sqlite3_errcode(sqlite3 * a0) {
    static const auto f = library().function<decltype(&sqlite3_errcode)>("sqlite3_errcode");
    return f(a0);
}

const char * sqlite3_errmsg(sqlite3 * a0) {
    static const auto f = library().function<decltype(&sqlite3_errmsg)>("sqlite3_errmsg");
    return f(a0);
}

int sqlite3_exec(sqlite3 * a0, const char * a1, int (*a2) (void *, int, char **, char **), void * a3, char ** a4) {
    static const auto f = library().function<decltype(&sqlite3_exec)>("sqlite3_exec");
    return f(a0, a1, a2, a3, a4);
}

int sqlite3_finalize(sqlite3_stmt * a0) {
    static const auto f = library().function<decltype(&sqlite3_finalize)>("sqlite3_finalize");
    return f(a0);
}

void sqlite3_free(void * a0) {
    static const auto f = library().function<decltype(&sqlite3_free)>("sqlite3_free");
    return f(a0);
}

sqlite3_int64 sqlite3_last_insert_rowid(sqlite3 * a0) {
    static const auto f = library().function<decltype(&sqlite3_last_insert_rowid)>("sqlite3_last_insert_rowid");
    return f(a0);
}

int sqlite3_open_v2(const char * a0, sqlite3 ** a1, int a2, const char * a3) {
    static const auto f = library().function<decltype(&sqlite3_open_v2)>("sqlite3_open_v2");
    return f(a0, a1, a2, a3);
}

int sqlite3_prepare_v2(sqlite3 * a0, const char * a1, int a2, sqlite3_stmt ** a3, const char ** a4) {
    static const auto f = library().function<decltype(&sqlite3_prepare_v2)>("sqlite3_prepare_v2");
    return f(a0, a1, a2, a3, a4);
}

int sqlite3_reset(sqlite3_stmt * a0) {
    static const auto f = library().function<decltype(&sqlite3_reset)>("sqlite3_reset");
    return f(a0);
}

int sqlite3_step(sqlite3_stmt * a0) {
    static const auto f = library().function<decltype(&sqlite3_step)>("sqlite3_step");
    return f(a0);
}

int sqlite3_system_errno(sqlite3 * a0) {
    static const auto f = library().function<decltype(&sqlite3_system_errno)>("sqlite3_system_errno");
    return f(a0);
}

}  // extern "C"
#pragma GCC visibility pop
