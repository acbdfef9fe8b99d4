// gpgcheck: before a transaction touches the system, every package it installs is checked
// against the keys the user trusts (KeyStore). A package signed by a key that is not trusted
// yet is retried after offering the keys of its repository's gpgkey= to the user, as dnf does.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "libmodule/TrustedKeys.hpp"
#include "solv/Pool.hpp"

namespace mpm {

class Sack;
struct TransactionPlan;

class PackageTrust {
  public:
    PackageTrust(const Sack& sack, TrustedKeys& keys);
    // Checks every package `plan` installs whose repository has gpgcheck on (RPM files from
    // the command line: localpkg_gpgcheck). Throws SignatureError at the first failure; keys
    // the user accepted on the way stay imported.
    void verify(const TransactionPlan& plan, const std::map<Id, std::string>& files);

  private:
    const Sack& sack_;
    TrustedKeys& keys_;
};

}  // namespace mpm
