#include "libmodule/trust/TrustStore.hpp"

#include "libmodule/db/KeyStore.hpp"
#include "libmodule/rpm/RpmDb.hpp"

namespace mpm::trust {

namespace {

std::unique_ptr<rpm::RpmDb> rpmDbOf(const repodata::Config& config) {
    return rpm::RpmDb::openForWriting(
        config.installroot, rpm::dbPathInRoot(config.installroot, config.main.rpmdb_path));
}

}  // namespace

void trustKey(const repodata::Config& config, db::InstalledDb& db, const rpm::PgpKey& key) {
    rpmDbOf(config)->importKey(key.armored);
    db::KeyStore::add(db, key);
}

std::vector<rpm::PgpKey> distrustKey(const repodata::Config& config, db::InstalledDb& db,
                                     const std::string& id) {
    auto gone = db::KeyStore::remove(db, id);
    if (!gone.empty()) {
        auto rpmdb = rpmDbOf(config);
        for (const auto& key : gone) rpmdb->eraseKey(key.keyid);
    }
    return gone;
}

}  // namespace mpm::trust
