// dnf's advisory options (--security, --bugfix, --enhancement, --newpackage, --advisory,
// --cve, --bz, --sec-severity), for updateinfo, upgrade, upgrade-minimal and check-update.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/Context.hpp"
#include "libmodule/advisory/AdvisoryFilter.hpp"
#include "libmodule/advisory/AdvisoryLoader.hpp"
#include "libmodule/advisory/AdvisoryQuery.hpp"

namespace mpm::cli {

struct AdvisoryOptions {
    bool security = false, bugfix = false, enhancement = false, newpackage = false;
    std::vector<std::string> advisories, cves, bugs, severities;

    advisory::AdvisoryFilter filter() const;
};

void addAdvisoryOptions(CLI::App& cmd, AdvisoryOptions& options);

// The advisories of the loaded repositories; what keeps some from being known is said once.
advisory::LoadedAdvisories loadAdvisories(Context& ctx);

// The packages an upgrade limited to `filter`'s advisories may install (see
// AdvisoryQuery::upgradeCandidates), for Goal::limitUpgradesTo.
std::vector<Id> advisoryUpgrades(Context& ctx, const advisory::AdvisoryFilter& filter,
                                 advisory::FixVersion fix);

}  // namespace mpm::cli
