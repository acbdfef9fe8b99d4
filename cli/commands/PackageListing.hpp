// What list and info show: installed, available, upgradable or extra packages, chosen by a
// flag (--installed) or by dnf's positional word (list installed).
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "libmodule/base/Package.hpp"
#include "libmodule/base/Sack.hpp"

namespace mpm::cli {

enum class ListScope { Default, All, Installed, Available, Upgrades, Extras };

// The scope flags list and info take (--installed, --available, --upgrades/--updates,
// --extras, --all), as dnf's; at most one.
struct ScopeFlags {
    bool installed = false, available = false, upgrades = false, extras = false, all = false;
    void declare(CLI::App* cmd);
    ListScope scope() const;
};

// dnf reads a first argument such as "installed" as the scope, not as a package spec; it is
// taken out of specs. A scope given both ways must agree.
ListScope takeScopeWord(std::vector<std::string>& specs, ListScope fromFlags,
                        const std::string& command);

struct PackageListing {
    std::vector<base::Package> installed, available, upgrades, extras;
    bool empty() const {
        return installed.empty() && available.empty() && upgrades.empty() && extras.empty();
    }
};

PackageListing listPackages(const base::Sack& sack, ListScope scope,
                            const std::vector<std::string>& specs, bool showDuplicates);

// dnf's info block of one package (info, repoquery --info): "Name         : hello" lines.
std::string infoBlock(const base::Sack& sack, const base::Package& p);

// Every scope but installed compares with the repositories, so it loads their metadata.
bool scopeNeedsRepositories(ListScope scope);

}  // namespace mpm::cli
