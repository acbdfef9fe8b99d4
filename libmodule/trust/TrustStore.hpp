// Where the keys the user trusts are kept: the root's RPM database, as rpm's gpg-pubkey entries,
// is the truth (as for rpm and dnf: a key `rpm --import` trusted is trusted, one `rpm -e
// gpg-pubkey-…` erased is not); mpm's database keeps what rpm has no place for (where a key
// came from, when mpm trusted it). Kept in step here.
#pragma once

#include <string>
#include <vector>

#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/rpm/PgpKey.hpp"
#include "repodata/Config.hpp"

namespace mpm::trust {

// The keys trusted in the root: its RPM database's, with where they came from and when as mpm
// recorded them (a key rpm imported: when rpm did, from "rpmdb"). A root without an RPM
// database trusts what mpm recorded. Throws Error when the RPM database cannot be read.
std::vector<rpm::PgpKey> trustedKeys(const repodata::Config& config);

// Trusts `key` (a key trusted already stays as it is).
void trustKey(const repodata::Config& config, db::InstalledDb& db, const rpm::PgpKey& key);
// Stops trusting the keys whose long id, short id or fingerprint is `id`; returns them.
std::vector<rpm::PgpKey> distrustKey(const repodata::Config& config, db::InstalledDb& db,
                                     const std::string& id);

}  // namespace mpm::trust
