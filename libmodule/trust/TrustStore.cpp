#include "libmodule/trust/TrustStore.hpp"

#include "libmodule/db/KeyStore.hpp"
#include "libmodule/rpm/RpmDb.hpp"

#include <algorithm>

namespace mpm::trust {

namespace {

std::string dbPathOf(const repodata::Config& config) {
    return rpm::dbPathInRoot(config.installroot, config.main.rpmdb_path);
}

std::unique_ptr<rpm::RpmDb> rpmDbOf(const repodata::Config& config) {
    return rpm::RpmDb::openForWriting(config.installroot, dbPathOf(config));
}

}  // namespace

std::vector<rpm::PgpKey> trustedKeys(const repodata::Config& config) {
    const auto recorded = db::KeyStore::load(config.persistDir());
    const auto rpmdb = rpm::RpmDb::openForReading(config.installroot, dbPathOf(config));
    if (!rpmdb) return recorded;
    std::vector<rpm::PgpKey> out;
    for (const auto& stored : rpmdb->keys()) {
        std::vector<rpm::PgpKey> keys;
        try {
            // (the user id from rpm's entry: parsing it again with librpm's pgpPrtParams, in a
            // run that then fails on a bad repomd.xml signature, left LeakSanitizer a
            // thread-local block it could not read)
            keys = rpm::parsePgpKeys(stored.armored, "the RPM database", false);
        } catch (const Error&) {
            continue;  // an entry librpm itself could not use either
        }
        for (auto& k : keys) {
            k.userid = stored.userid;
            if (std::ranges::any_of(
                    out, [&](const rpm::PgpKey& o) { return o.fingerprint == k.fingerprint; }))
                continue;
            auto mine = std::ranges::find_if(
                recorded, [&](const rpm::PgpKey& r) { return r.fingerprint == k.fingerprint; });
            if (mine != recorded.end()) {
                k.source = mine->source;
                k.importedAt = mine->importedAt;
            } else {
                k.source = "rpmdb";
                k.importedAt = stored.installTime;
            }
            out.push_back(std::move(k));
        }
    }
    std::ranges::stable_sort(out, {}, &rpm::PgpKey::importedAt);
    return out;
}

void trustKey(const repodata::Config& config, db::InstalledDb& db, const rpm::PgpKey& key) {
    rpmDbOf(config)->importKey(key.armored);
    db::KeyStore::add(db, key);
}

std::vector<rpm::PgpKey> distrustKey(const repodata::Config& config, db::InstalledDb& db,
                                     const std::string& id) {
    std::vector<rpm::PgpKey> gone;
    for (const auto& k : trustedKeys(config))
        if (k.matches(id)) gone.push_back(k);
    if (!gone.empty()) {
        auto rpmdb = rpmDbOf(config);
        for (const auto& key : gone) rpmdb->eraseKey(key.keyid);
    }
    db::KeyStore::remove(db, id);  // (also a record rpm -e gpg-pubkey left behind)
    return gone;
}

}  // namespace mpm::trust
