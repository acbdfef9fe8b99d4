// The OpenPGP keys the user trusts for package signatures, kept in the installed-system
// database (table gpg_keys), so that an installroot carries its own trust with it.
#pragma once

#include <string>
#include <vector>

#include "libmodule/rpm/PgpKey.hpp"

namespace mpm::db {

class InstalledDb;

class KeyStore {
  public:
    // The keys stored under `persistDir`; none when there is no database yet.
    static std::vector<rpm::PgpKey> load(const std::string& persistDir);
    static std::vector<rpm::PgpKey> load(InstalledDb& db);
    // Stores `key` (a key already stored is left as it is). Its own database transaction.
    static void add(InstalledDb& db, const rpm::PgpKey& key);
    // Removes the keys whose long id, short id or fingerprint is `id` (any case, optional
    // "0x"); returns what was removed.
    static std::vector<rpm::PgpKey> remove(InstalledDb& db, const std::string& id);
};

}  // namespace mpm::db
