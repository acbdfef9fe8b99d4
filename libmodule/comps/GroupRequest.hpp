// What group commands (and `install @group`, `@^environment`) ask for, turned into package
// names to install, upgrade or take away and the installed-group records to write, with
// dnf's rules: a group installs its packages of group_package_types (optional ones with
// --with-optional, a conditional one only with the package it depends on), an environment its
// groups; removing a group takes the packages it brought that no other installed group lists,
// never one the user asked for by name.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "libmodule/base/Sack.hpp"
#include "libmodule/comps/Comps.hpp"
#include "libmodule/db/GroupState.hpp"

namespace mpm::comps {

struct GroupJobs {
    std::vector<std::string> install;                            // package names
    std::vector<std::pair<std::string, std::string>> installIf;  // (name, condition)
    std::vector<std::string> upgrade;                            // installed package names
    std::vector<Id> remove;  // installed packages a removed group brought
    std::vector<db::GroupChange> changes;
    std::vector<std::string> warnings;  // an environment naming a group no repository has
    // The groups dnf recorded, when mpm keeps none yet: stored as mpm's with the first change.
    std::vector<db::InstalledGroup> fromDnf;
    bool empty() const {
        return install.empty() && installIf.empty() && upgrade.empty() && remove.empty() &&
               changes.empty();
    }
};

class GroupRequest {
  public:
    // The groups and environments the root's database records; in a root where mpm keeps
    // none, those dnf's history records as installed.
    static std::vector<db::InstalledGroup> installedGroups(const base::Sack& sack);
    // Over the installed groups as installedGroups() gives them (read once, here).
    GroupRequest(const base::Sack& sack, const Comps& comps);

    // Each throws Error naming the pattern when nothing matches it.
    // Every group and environment the pattern matches (an environment's groups with it).
    // `environmentsOnly`: @^name.
    void install(const std::string& pattern, bool withOptional, bool environmentsOnly = false);
    // Removing what is not installed is a warning (jobs().warnings), as for packages.
    void remove(const std::string& pattern, bool packages = true);
    void upgrade(const std::string& pattern);
    // Records (or forgets) groups without touching packages.
    void markInstalled(const std::string& pattern, bool withOptional);
    void markRemoved(const std::string& pattern);

    // Whether the pattern names an available group or environment (for @name: a module first).
    bool matchesAvailable(const std::string& pattern) const;
    // Whether the pattern names an installed group or environment (only environments with
    // `environmentsOnly`).
    bool matchesInstalled(const std::string& pattern, bool environmentsOnly = false) const;

    // The packages and records, with groups removed and installed in one request reconciled.
    GroupJobs jobs() const;

    const std::vector<db::InstalledGroup>& installed() const { return installed_; }
    const Comps& comps() const { return comps_; }

  private:
    std::vector<std::string> typesFor(bool withOptional) const;
    db::InstalledGroup recordOf(const Group& g, const std::vector<std::string>& types) const;
    db::InstalledGroup recordOf(const Environment& e, const std::vector<std::string>& types) const;
    void installGroup(const Group& g, const std::vector<std::string>& types, bool packages);
    void upgradeOne(const db::InstalledGroup& record);
    // What this request does to that group or environment so far; null: nothing.
    const db::GroupChange* changeOf(db::CompsKind kind, const std::string& id) const;
    static std::vector<PackageType> packageTypesOf(const std::vector<std::string>& types);
    void installEnvironment(const Environment& e, const std::vector<std::string>& types,
                            bool packages);
    void removeRecord(const db::InstalledGroup& g, bool packages);
    const db::InstalledGroup* installedRecord(db::CompsKind kind, const std::string& id) const;
    std::vector<const db::InstalledGroup*> installedMatching(const std::string& pattern) const;
    void setRecord(db::InstalledGroup record, bool removed);
    // Whether an installed group other than those this request removes lists `name`.
    bool listedElsewhere(const std::string& name) const;

    const base::Sack& sack_;
    const Comps& comps_;
    std::vector<db::InstalledGroup> installed_;
    GroupJobs jobs_;
    std::vector<std::string> removedNames_;  // package names of removed groups
};

}  // namespace mpm::comps
