// The transactions mpm has carried out, as the database recorded them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "libmodule/InstalledDb.hpp"
#include "libmodule/Journal.hpp"

namespace mpm {

struct HistoryTransaction {
    int64_t id = 0;
    int64_t begin = 0, end = 0;
    std::string cmdline;
    std::vector<HistoryItem> items;  // Install, Upgrade, Downgrade, Reinstall, Remove, Replaced
};

class History {
  public:
    // Newest first. Empty when nothing was ever installed.
    static std::vector<HistoryTransaction> list(InstalledDb* db);
    // Throws Error when there is no such transaction.
    static HistoryTransaction get(InstalledDb* db, int64_t id);
};

}  // namespace mpm
