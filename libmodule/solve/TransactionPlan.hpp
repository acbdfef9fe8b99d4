// What a solved goal will do: which packages are installed, upgraded, downgraded, reinstalled
// or removed, in libsolv's order, and why each is there.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "libmodule/db/GroupState.hpp"
#include "libmodule/db/InstallReason.hpp"
#include "libmodule/db/ModuleState.hpp"
#include "solv/libsolv.hpp"

namespace mpm::base {
class Sack;
}

namespace mpm::solve {

enum class StepKind { Install, Upgrade, Downgrade, Reinstall, Remove };
// "Install", "Upgrade", ...: the word the CLI shows.
const char* stepKindName(StepKind kind);

// Why a package leaves.
enum class RemovalCause {
    User,              // named by the user
    Dependent,         // it needs a package that leaves
    UnusedDependency,  // a dependency nothing needs any more
    InstallOnlyLimit,  // an old version beyond installonly_limit
};
// "user", "dependent", "unused-dependency", "installonly-limit"
const char* removalCauseName(RemovalCause cause);

struct PlanStep {
    StepKind kind = StepKind::Install;
    Id package = 0;            // the package installed (or, for Remove, the one removed)
    std::vector<Id> replaces;  // installed packages this step replaces (upgrade, obsoletes)
    db::InstallReason reason = db::InstallReason::User;  // why it is installed
    RemovalCause cause = RemovalCause::User;             // why it is removed (Remove)
    // The reason or the cause, as --json names it.
    const char* why() const;
};

struct TransactionPlan {
    std::vector<PlanStep> steps;  // in libsolv's transaction order
    // Installed packages the user named in an install: from now on they are the user's (dnf
    // does the same), so removing what needed them no longer removes them.
    std::vector<Id> markUser;
    // Installed packages a removed group brought that others still need: they stay, as
    // dependencies now (dnf does the same), so autoremove takes them once nothing needs them.
    std::vector<Id> markDependency;
    // With --skip-broken: requested packages left out, each with the reason.
    std::vector<std::string> skipped;
    // Without best: the newest versions of upgrades left out, their dependencies broken.
    std::vector<std::string> upgradesLeftOut;
    // Specs of a removal that no installed package matches (nothing to do for them).
    std::vector<std::string> notInstalled;
    // What the user should hear about the request (a group package no repository has).
    std::vector<std::string> warnings;
    // What was asked and needs nothing, each said as a sentence (a downgrade at the lowest).
    std::vector<std::string> nothingToDo;
    // Module states this transaction changes (written with its packages).
    std::vector<db::ModuleState> moduleChanges;
    // Comps groups and environments this transaction records as installed or forgets.
    std::vector<db::GroupChange> groupChanges;
    // dnf's groups, stored as mpm's own with the first group change (not shown as changes).
    std::vector<db::InstalledGroup> groupsFromDnf;
    bool empty() const {
        return steps.empty() && markUser.empty() && moduleChanges.empty() && groupChanges.empty() &&
               markDependency.empty();
    }
    uint64_t downloadSize(const base::Sack& sack) const;
};

}  // namespace mpm::solve
