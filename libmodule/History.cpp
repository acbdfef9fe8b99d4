#include "libmodule/History.hpp"

namespace mpm {

namespace {

void loadItems(InstalledDb& db, HistoryTransaction& t) {
    Statement s = db.db().prepare(
        "SELECT action, nevra, repo, reason FROM history_items WHERE tid = ? ORDER BY rowid");
    s.bind(1, t.id);
    while (s.step()) t.items.push_back({s.text(0), s.text(1), s.text(2), s.text(3)});
}

}  // namespace

std::vector<HistoryTransaction> History::list(InstalledDb* db) {
    std::vector<HistoryTransaction> out;
    if (!db) return out;
    Statement s =
        db->db().prepare("SELECT id, begin_time, end_time, cmdline FROM history ORDER BY id DESC");
    while (s.step()) {
        HistoryTransaction t{s.integer(0), s.integer(1), s.integer(2), s.text(3), {}};
        loadItems(*db, t);
        out.push_back(std::move(t));
    }
    return out;
}

HistoryTransaction History::get(InstalledDb* db, int64_t id) {
    if (db) {
        Statement s =
            db->db().prepare("SELECT id, begin_time, end_time, cmdline FROM history WHERE id = ?");
        s.bind(1, id);
        if (s.step()) {
            HistoryTransaction t{s.integer(0), s.integer(1), s.integer(2), s.text(3), {}};
            loadItems(*db, t);
            return t;
        }
    }
    throw Error("there is no transaction " + std::to_string(id) +
                " in the history (see mpm history list)");
}

}  // namespace mpm
