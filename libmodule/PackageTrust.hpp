// gpgcheck: before a transaction touches the system, every package it installs is checked
// against the keys the user trusts (KeyStore). A package signed by a key that is not trusted
// yet is retried after offering the keys of its repository's gpgkey= to the user, as dnf does.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/Error.hpp"
#include "libmodule/PgpKey.hpp"
#include "solv/Pool.hpp"

namespace mpm {

class Sack;
struct TransactionPlan;

// Asked once per key that a repository offers and that is not trusted yet; true imports it.
// `repoid` is the repository whose gpgkey= offers it.
using KeyImportPrompt = std::function<bool(const PgpKey& key, const std::string& repoid)>;

// A package failed its signature check. The message names the package, the key and the
// explicit way out (--nogpgcheck).
class SignatureError : public Error {
  public:
    using Error::Error;
};

class PackageTrust {
  public:
    PackageTrust(const Sack& sack, KeyImportPrompt prompt);
    // Checks every package `plan` installs whose repository has gpgcheck on (RPM files from
    // the command line: localpkg_gpgcheck). Throws SignatureError at the first failure; keys
    // the user accepted on the way stay imported.
    void verify(const TransactionPlan& plan, const std::map<Id, std::string>& files);
    // Keys imported during verify(), for the caller to report.
    const std::vector<PgpKey>& imported() const { return imported_; }

  private:
    // Offers the keys of `repoid`'s gpgkey= not trusted yet; true when any was imported.
    bool offerRepoKeys(const std::string& repoid);

    const Sack& sack_;
    KeyImportPrompt prompt_;
    std::vector<PgpKey> trusted_;
    std::vector<std::string> offered_;  // repos whose keys were already offered
    std::vector<PgpKey> imported_;
};

}  // namespace mpm
