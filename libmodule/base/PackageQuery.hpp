// A set of visible packages narrowed by filters, as list/info/search/repoquery/provides need.
// Filters chain: PackageQuery(sack).available().matching({"foo*"}).latest().
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "libmodule/base/Package.hpp"
#include "libmodule/base/Sack.hpp"

namespace mpm::base {

// A file path or a glob of file paths, as dnf takes them where a capability may stand:
// "/usr/bin/foo", "/usr/bin/f*", "*/foo" (a glob with a slash names no capability).
bool isFileSpec(const std::string& spec);

class PackageQuery {
  public:
    explicit PackageQuery(const Sack& sack);

    PackageQuery& installed();
    PackageQuery& available();
    // NEVRA specs as dnf takes them (name, name.arch, name-version[-release][.arch], globs).
    PackageQuery& matching(const std::vector<std::string>& specs);
    // Packages providing any of: a capability ("foo", "foo >= 2", globs) or a file path.
    PackageQuery& whatProvides(const std::vector<std::string>& capabilities);
    // Packages requiring any of the capabilities, or anything the packages they name provide.
    PackageQuery& whatRequires(const std::vector<std::string>& capabilities);
    // The same for dependencies of the kinds `keys` (SOLVABLE_OBSOLETES, SOLVABLE_RECOMMENDS...):
    // dnf's --whatobsoletes, --whatconflicts, --whatrecommends, --whatdepends...
    PackageQuery& whatDependsOn(const std::vector<Id>& keys,
                                const std::vector<std::string>& capabilities);
    // Packages whose name or summary contain every term, or with `all` (dnf's --all) whose
    // name, summary, description or URL contain any.
    PackageQuery& search(const std::vector<std::string>& terms, bool all);
    // Available packages newer than an installed package of the same name and arch.
    PackageQuery& upgrades();
    // The same, of each name only from the repositories of the best priority that have it
    // (dnf's upgrades_by_priority, what check-update and list --upgrades show: the upgrades
    // `upgrade` would make, not those a pinned repository's priority keeps out).
    PackageQuery& upgradesByPriority();
    // Of each name, only the packages of the best-priority repositories that have it (dnf's
    // rule for upgrades and obsoletes_by_priority).
    PackageQuery& bestPriorityPerName();
    // Available packages that obsolete an installed package of another name (what dnf's
    // check-update lists as "Obsoleting Packages", and an upgrade installs in their place).
    PackageQuery& obsoletingInstalled();
    // Installed packages of another name that `package` obsoletes.
    static std::vector<Id> installedObsoletedBy(const Sack& sack, Id package);
    // Installed packages the user chose, or that another tool installed (dnf's --userinstalled).
    PackageQuery& userInstalled();
    // Installed packages with a requirement no installed package provides.
    PackageQuery& unsatisfied();
    // Installed packages of a name and arch installed in more than one version, install-only
    // packages (kernels) left out (dnf's --duplicates).
    PackageQuery& duplicates();
    // Installed packages providing an installonlypkgs capability (dnf's --installonly).
    PackageQuery& installOnly();
    // Packages built at or after `time` (seconds since 1970; dnf's --recent).
    PackageQuery& builtSince(long long time);
    // What dnf's list shows as available: packages no version of which (same name and arch)
    // is installed at this version or newer.
    PackageQuery& notInstalledAlready();
    // Leaves out installed packages an enabled repository has in the same version.
    PackageQuery& notAlsoAvailable();
    // Installed packages that no enabled repository has in that very version (dnf's extras).
    PackageQuery& extras();
    // Per name.arch only the newest (the higher-priority repo on a tie).
    PackageQuery& latest();
    // Per name.arch the newest of the best-priority repositories that have it (dnf's
    // latest_per_arch_by_priority: what list shows as available).
    PackageQuery& latestByPriority();
    // Per name.arch the packages of the `limit` newest versions, or with a negative limit all
    // but the -limit newest (repoquery --latest-limit, as dnf).
    PackageQuery& latestVersions(int limit);
    PackageQuery& inRepos(const std::vector<std::string>& repoGlobs);
    PackageQuery& withArch(const std::vector<std::string>& arches);
    // Only packages of this set (what another rule allows: upgrade --security's versions).
    PackageQuery& within(const std::set<Id>& allowed);

    // Sorted by name, version, arch, repo.
    std::vector<Package> packages() const;
    const std::vector<Id>& ids() const { return made(); }
    bool empty() const { return made().empty(); }
    size_t size() const { return made().size(); }

  private:
    template <typename Pred>
    PackageQuery& keep(Pred pred);
    // The packages, every visible one until a filter narrows them: made when first needed, so
    // that a query starting with names (matching) tests visibility only for those names.
    std::vector<Id>& made() const;

    const Sack& sack_;
    mutable std::optional<std::vector<Id>> ids_;
};

}  // namespace mpm::base
