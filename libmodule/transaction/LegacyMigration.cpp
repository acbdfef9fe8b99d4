#include "libmodule/transaction/LegacyMigration.hpp"
#include "common/SourceDate.hpp"

#include <ctime>

#include "libmodule/base/SystemRepo.hpp"
#include "libmodule/db/KeyStore.hpp"
#include "libmodule/rpm/HeaderBuilder.hpp"
#include "libmodule/rpm/RpmDb.hpp"

namespace mpm::transaction {

std::string migrateLegacyPackages(const repodata::Config& config, db::InstalledDb& db) {
    const auto legacy = db.legacyPackages();
    if (legacy.empty()) return {};
    const std::string dbPath = base::rpmDbPath(config);
    auto rpmdb = rpm::RpmDb::openForWriting(config.installroot, dbPath);
    const auto tid = static_cast<uint32_t>(recordedNow());
    std::vector<int64_t> moved;
    for (const auto& pkg : legacy) {
        if (rpmdb->find(pkg.name, pkg.epoch, pkg.version, pkg.release, pkg.arch).empty())
            rpmdb->add(rpm::buildHeader(pkg), {tid, static_cast<uint32_t>(pkg.installTime), {}});
        moved.push_back(pkg.id);
    }
    // The keys it trusted, which it kept only in its own database too.
    for (const auto& key : db::KeyStore::load(db)) rpmdb->importKey(key.armored);
    db.dropLegacy(moved);
    return "moved " + std::to_string(moved.size()) +
           (moved.size() == 1 ? " package" : " packages") +
           " that an older mpm recorded only in its own database into the RPM database at " +
           dbPath +
           " (their headers are rebuilt from mpm's records, without signatures; mpm reinstall "
           "PACKAGE replaces one with the repository's)";
}

}  // namespace mpm::transaction
