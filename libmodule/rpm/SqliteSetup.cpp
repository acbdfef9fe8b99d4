#include "libmodule/rpm/SqliteSetup.hpp"

#include <sqlite3.h>

#include <mutex>

#include "common/SharedLibrary.hpp"

namespace mpm::rpm {

void configureSqlite() {
    static std::once_flag once;
    std::call_once(once, [] {
        // The library the stand-ins of mpm's database and librpm load (dlopen counts references).
        const SharedLibrary<> sqlite("libsqlite3.so.0", "libsqlite3-0");
        // -1: never spill (SQLITE_CONFIG_STMTJRNL_SPILL). Fails only when SQLite is already in
        // use, which costs only the spill. (Variadic: called through its own type.)
        sqlite.function<decltype(&sqlite3_config)>("sqlite3_config")(SQLITE_CONFIG_STMTJRNL_SPILL,
                                                                     -1);
    });
}

}  // namespace mpm::rpm
