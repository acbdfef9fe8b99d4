// Where the keys the user trusts are kept: mpm's database says what mpm trusts, and the root's
// RPM database holds the same keys as rpm's gpg-pubkey entries, so that rpm's users and tools
// see them (rpm -q gpg-pubkey) and rpm -K inside the root agrees with mpm. Kept in step here.
#pragma once

#include <string>
#include <vector>

#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/rpm/PgpKey.hpp"
#include "repodata/Config.hpp"

namespace mpm::trust {

// Trusts `key` (a key trusted already stays as it is).
void trustKey(const repodata::Config& config, db::InstalledDb& db, const rpm::PgpKey& key);
// Stops trusting the keys whose long id, short id or fingerprint is `id`; returns them.
std::vector<rpm::PgpKey> distrustKey(const repodata::Config& config, db::InstalledDb& db,
                                     const std::string& id);

}  // namespace mpm::trust
