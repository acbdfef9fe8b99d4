// The transactions mpm has carried out, as the database recorded them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "libmodule/db/GroupState.hpp"
#include "libmodule/db/InstallReason.hpp"

namespace mpm::db {

class InstalledDb;

// What one transaction did to one package.
enum class HistoryAction { Install, Upgrade, Downgrade, Reinstall, Remove, Replaced };
// "Install", "Upgrade", ...: as history shows and stores them.
const char* historyActionName(HistoryAction action);
std::optional<HistoryAction> parseHistoryAction(const std::string& name);

struct HistoryItem {
    HistoryAction action = HistoryAction::Install;
    std::string nevra, repo;
    InstallReason reason = InstallReason::User;
};

struct HistoryTransaction {
    int64_t id = 0;
    int64_t begin = 0, end = 0;
    std::string cmdline;
    std::string comment;
    std::vector<HistoryItem> items;
    std::vector<GroupChange> groups;  // comps groups and environments installed or removed
};

class History {
  public:
    // Newest first. Empty when nothing was ever installed.
    static std::vector<HistoryTransaction> list(InstalledDb* db);
    // Throws Error when there is no such transaction.
    static HistoryTransaction get(InstalledDb* db, int64_t id);
    // A transaction as dnf names it: its id, "last" (the newest) or "last-N" (N before the
    // newest). Throws UsageError for another word, Error for an empty history.
    static int64_t resolve(InstalledDb* db, const std::string& reference);
};

}  // namespace mpm::db
