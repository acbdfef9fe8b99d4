// Which advisories concern this system, as dnf's updateinfo tells it, and which versions an
// upgrade limited to advisories (upgrade --security, upgrade-minimal) may install.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "libmodule/advisory/Advisory.hpp"
#include "libmodule/advisory/AdvisoryFilter.hpp"
#include "libmodule/base/Sack.hpp"
#include "libmodule/module/Modules.hpp"

namespace mpm::advisory {

// dnf's updateinfo scopes.
enum class Availability {
    Available,  // newer versions of installed packages (the default)
    Installed,  // equal and older versions of installed packages: fixes the system has
    Updates,    // newer versions of installed packages the repositories have
    All,        // any version of installed packages
};

// One advisory package that concerns an installed package.
struct AdvisoryHit {
    const Advisory* advisory = nullptr;
    const AdvisoryPackage* package = nullptr;
    bool installed = false;  // a package of its name at its version or newer is installed
};

// How an upgrade's versions relate to an advisory's: the newest version that is at least the
// advisory's (upgrade --security), or the advisory's own (upgrade-minimal).
enum class FixVersion { AtLeast, Exactly };

class AdvisoryQuery {
  public:
    // `modules`: the streams in use, for collections of module builds (null: every collection).
    AdvisoryQuery(const base::Sack& sack, const module::Modules* modules,
                  const std::vector<Advisory>& advisories);

    // The advisory packages of `scope` whose advisory `filter` wants or whose name a glob of
    // `packageGlobs` matches, in advisory order.
    std::vector<AdvisoryHit> hits(Availability scope, const AdvisoryFilter& filter,
                                  const std::vector<std::string>& packageGlobs = {}) const;
    // The available packages an upgrade limited to the advisories `filter` wants may install:
    // for each advisory package newer than the installed one of its name and architecture,
    // the versions `fix` allows. Installed packages are not among them.
    std::vector<Id> upgradeCandidates(const AdvisoryFilter& filter, FixVersion fix) const;

  private:
    bool applies(const AdvisoryCollection& collection) const;
    // The installed packages of this name and architecture.
    std::vector<Id> installedLike(const AdvisoryPackage& pkg) const;
    // Whether a package of this name (any architecture) is installed at `evr` or newer.
    bool installedAtLeast(const AdvisoryPackage& pkg) const;

    const base::Sack& sack_;
    const module::Modules* modules_;
    const std::vector<Advisory>& advisories_;
    // The installed packages by name: every advisory package is looked up in them (an
    // updateinfo lists tens of thousands).
    std::unordered_multimap<Id, Id> installedByName_;
};

}  // namespace mpm::advisory
