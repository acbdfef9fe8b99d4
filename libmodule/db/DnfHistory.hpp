// dnf 4's own record of why it installed each package and which comps groups and environments
// it installed (var/lib/dnf/history.sqlite in the root), so that packages and groups dnf
// installed keep their reasons and records when mpm takes over, as dnf's module state does.
// Read only; nothing is written to dnf's database.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "libmodule/db/GroupState.hpp"
#include "libmodule/db/InstallReason.hpp"

namespace mpm::db {

struct DnfReason {
    InstallReason reason = InstallReason::External;
    std::string repo;
};

// (name, arch) -> the reason of the newest completed dnf transaction that installed it; empty
// when the root has no dnf history (or one mpm cannot read, which is only a lost hint).
std::map<std::pair<std::string, std::string>, DnfReason> readDnfReasons(
    const std::string& installroot);

// The groups and environments dnf's newest completed transaction for each left installed, with
// the package types and the package names (a group) or group ids (an environment) it recorded;
// empty when the root has no dnf history or one mpm cannot read.
std::vector<InstalledGroup> readDnfGroups(const std::string& installroot);

}  // namespace mpm::db
