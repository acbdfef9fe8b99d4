#include "libmodule/db/JournalStore.hpp"

#include "libmodule/db/InstalledDb.hpp"

namespace mpm::db {

int64_t JournalStore::begin(const std::string& plan) {
    DbTransaction tx(db_.db());
    db_.db()
        .prepare("INSERT INTO journal (tid, plan, state) VALUES (0, ?, 'staging')")
        .bindBlob(1, plan)
        .run();
    const int64_t id = db_.db().lastInsertId();
    tx.commit();
    return id;
}

void JournalStore::markCommitting(int64_t id) {
    DbTransaction tx(db_.db());
    db_.db().prepare("UPDATE journal SET state = 'committing' WHERE id = ?").bind(1, id).run();
    tx.commit();
}

void JournalStore::drop(int64_t id) {
    DbTransaction tx(db_.db());
    db_.db().prepare("DELETE FROM journal WHERE id = ?").bind(1, id).run();
    tx.commit();
}

std::vector<JournalEntry> JournalStore::pending() {
    std::vector<JournalEntry> out;
    Statement s = db_.db().prepare("SELECT id, plan, state FROM journal ORDER BY id");
    while (s.step())
        out.push_back(
            {s.integer(0), s.blob(1),
             s.text(2) == "committing" ? JournalState::Committing : JournalState::Staging});
    return out;
}

bool hasInterruptedTransaction(const std::string& persistDir) {
    auto db = InstalledDb::openForReading(persistDir);
    if (!db) return false;
    Statement s = db->db().prepare("SELECT count(*) FROM journal");
    s.step();
    return s.integer(0) > 0;
}

bool hasLegacyPackages(const std::string& persistDir) {
    auto db = InstalledDb::openForReading(persistDir);
    if (!db) return false;
    Statement s = db->db().prepare("SELECT count(*) FROM packages");
    s.step();
    return s.integer(0) > 0;
}

}  // namespace mpm::db
