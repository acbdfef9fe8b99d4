#include "libmodule/db/KeyStore.hpp"

#include "common/Secrets.hpp"
#include "common/SourceDate.hpp"

#include <ctime>

#include "libmodule/db/InstalledDb.hpp"

namespace mpm::db {

std::vector<rpm::PgpKey> KeyStore::load(const std::string& persistDir) {
    auto db = InstalledDb::openForReading(persistDir);
    return db ? load(*db) : std::vector<rpm::PgpKey>{};
}

std::vector<rpm::PgpKey> KeyStore::load(InstalledDb& db) {
    std::vector<rpm::PgpKey> keys;
    if (db.schemaVersion() < 3) return keys;
    Statement s = db.db().prepare(
        "SELECT keyid, fingerprint, userid, armored, source, imported_at FROM gpg_keys "
        "ORDER BY imported_at, keyid");
    while (s.step()) {
        rpm::PgpKey k;
        k.keyid = s.text(0);
        k.fingerprint = s.text(1);
        k.userid = s.text(2);
        k.armored = s.text(3);
        k.source = s.text(4);
        k.importedAt = s.integer(5);
        keys.push_back(std::move(k));
    }
    return keys;
}

void KeyStore::add(InstalledDb& db, const rpm::PgpKey& key) {
    DbTransaction tx(db.db());
    db.db()
        .prepare(
            "INSERT OR IGNORE INTO gpg_keys (keyid, fingerprint, userid, armored, source, "
            "imported_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, key.keyid)
        .bind(2, key.fingerprint)
        .bind(3, key.userid)
        .bind(4, key.armored)
        .bind(5, secrets::redact(key.source))  // a key URL may carry a password
        .bind(6, recordedNow())
        .step();
    tx.commit();
}

std::vector<rpm::PgpKey> KeyStore::remove(InstalledDb& db, const std::string& id) {
    std::vector<rpm::PgpKey> gone;
    DbTransaction tx(db.db());
    for (const auto& k : load(db)) {
        if (!k.matches(id)) continue;
        db.db().prepare("DELETE FROM gpg_keys WHERE keyid = ?").bind(1, k.keyid).step();
        gone.push_back(k);
    }
    tx.commit();
    return gone;
}

}  // namespace mpm::db
