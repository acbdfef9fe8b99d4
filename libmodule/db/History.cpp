#include "libmodule/db/History.hpp"

#include "common/EnumNames.hpp"
#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "libmodule/db/InstalledDb.hpp"

namespace mpm::db {

namespace {

constexpr EnumNames<HistoryAction, 6> kNames({{
    {HistoryAction::Install, "Install"},
    {HistoryAction::Upgrade, "Upgrade"},
    {HistoryAction::Downgrade, "Downgrade"},
    {HistoryAction::Reinstall, "Reinstall"},
    {HistoryAction::Remove, "Remove"},
    {HistoryAction::Replaced, "Replaced"},
}});

void loadItems(InstalledDb& db, HistoryTransaction& t) {
    Statement s = db.db().prepare(
        "SELECT action, nevra, repo, reason FROM history_items WHERE tid = ? ORDER BY rowid");
    s.bind(1, t.id);
    while (s.step())
        t.items.push_back({parseHistoryAction(s.text(0)).value_or(HistoryAction::Install),
                           s.text(1), s.text(2),
                           parseReason(s.text(3)).value_or(InstallReason::User)});
    if (db.schemaVersion() < 6) return;
    Statement g = db.db().prepare(
        "SELECT action, kind, id, name, package_types, members FROM history_groups "
        "WHERE tid = ? ORDER BY rowid");
    g.bind(1, t.id);
    while (g.step()) {
        InstalledGroup group = storedGroup(g.text(1), g.text(2), g.text(3), g.text(4));
        for (const auto& m : splitList(g.text(5), ",")) group.members.insert(m);
        t.groups.push_back(groupChangeFrom(g.text(0), std::move(group)));
    }
}

// A database not yet migrated (read before this mpm's first transaction) has no comments.
std::string commentColumn(InstalledDb& db) {
    return db.schemaVersion() >= 5 ? "comment" : "''";
}

HistoryTransaction transactionFrom(Statement& s) {
    return {s.integer(0), s.integer(1), s.integer(2), s.text(3), s.text(4), {}, {}};
}

}  // namespace

const char* historyActionName(HistoryAction action) {
    return kNames.name(action);
}

std::optional<HistoryAction> parseHistoryAction(const std::string& name) {
    return kNames.parse(name);
}

std::vector<HistoryTransaction> History::list(InstalledDb* db) {
    std::vector<HistoryTransaction> out;
    if (!db) return out;
    Statement s = db->db().prepare("SELECT id, begin_time, end_time, cmdline, " +
                                   commentColumn(*db) + " FROM history ORDER BY id DESC");
    while (s.step()) {
        out.push_back(transactionFrom(s));
        loadItems(*db, out.back());
    }
    return out;
}

HistoryTransaction History::get(InstalledDb* db, int64_t id) {
    if (db) {
        Statement s = db->db().prepare("SELECT id, begin_time, end_time, cmdline, " +
                                       commentColumn(*db) + " FROM history WHERE id = ?");
        s.bind(1, id);
        if (s.step()) {
            HistoryTransaction t = transactionFrom(s);
            loadItems(*db, t);
            return t;
        }
    }
    throw Error("there is no transaction " + std::to_string(id) +
                " in the history (see mpm history list)");
}

int64_t History::resolve(InstalledDb* db, const std::string& reference) {
    auto number = [&](const std::string& digits) -> int64_t {
        if (digits.empty() || digits.size() > 15 ||
            digits.find_first_not_of("0123456789") != std::string::npos)
            throw UsageError("'" + reference +
                             "' is not a transaction: give its id, last or last-N (mpm history "
                             "list shows the ids)");
        return std::stoll(digits);
    };
    if (reference != "last" && !reference.starts_with("last-")) return number(reference);
    const int64_t back = reference == "last" ? 0 : number(reference.substr(5));
    int64_t newest = 0;
    if (db) {
        Statement s = db->db().prepare("SELECT COALESCE(MAX(id), 0) FROM history");
        if (s.step()) newest = s.integer(0);
    }
    if (newest == 0) throw Error("the history is empty: mpm has not changed this system yet");
    if (back >= newest)
        throw Error("there is no transaction " + reference + ": the history has " +
                    std::to_string(newest) + " (see mpm history list)");
    return newest - back;
}

}  // namespace mpm::db
