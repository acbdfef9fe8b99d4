// gpgcheck: before a transaction touches the system, every package it installs is checked
// against the keys the user trusts. A package signed by a key that is not trusted yet is
// retried after offering the keys of its repository's gpgkey= to the user, as dnf does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "libmodule/rpm/RpmHeader.hpp"
#include "libmodule/trust/TrustedKeys.hpp"
#include "repodata/Config.hpp"

namespace mpm::trust {

struct PackageToVerify {
    std::string nevra;
    std::string file;                            // the RPM file, downloaded or local
    const repodata::RepoConfig* repo = nullptr;  // null: an RPM file named on the command line
    // Set by verify() when checked: the header it checked (what the transaction then uses,
    // rather than reading the header from the file again; the payload is read from the file
    // again, to check its names and to stage it).
    std::optional<rpm::RpmHeader> header;
};

class PackageTrust {
  public:
    PackageTrust(const repodata::Config& config, TrustedKeys& keys)
        : config_(config), keys_(keys) {}
    // Checks every package whose repository has gpgcheck on (RPM files from the command line:
    // localpkg_gpgcheck), and sets the header of each. Throws SignatureError at the first
    // failure; keys the user accepted on the way stay imported.
    void verify(std::vector<PackageToVerify>& packages);

  private:
    const repodata::Config& config_;
    TrustedKeys& keys_;
};

}  // namespace mpm::trust
