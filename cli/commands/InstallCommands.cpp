// The commands that change the system. Each only says how it fills the Goal; the shared
// transaction flow does the rest.
#include "cli/TransactionFlow.hpp"
#include "cli/commands/Commands.hpp"
#include "libmodule/solve/SpecRequest.hpp"

namespace mpm::cli {

GoalCommand::GoalCommand(Spec spec)
    : Command(spec.name, spec.help,
              spec.alias.empty() ? std::vector<std::string>{} : std::vector{spec.alias}),
      spec_(std::move(spec)) {}

void GoalCommand::declareArguments(CLI::App* cmd) {
    if (spec_.specs != SpecArgs::None) {
        auto* opt = cmd->add_option("spec", specs_, spec_.specHelp);
        // install's specs may come from a lock instead (checked in run()).
        if (spec_.specs == SpecArgs::Required && spec_.name != "install") opt->required();
    }
    if (spec_.name == "install")
        cmd->add_option("--from-lock", fromLock_,
                        "Install exactly the packages of this lockfile (see mpm lock)");
    addFlowOptions(*cmd, flow_, spec_.installs);
    if (spec_.advisories) addAdvisoryOptions(*cmd, advisory_);
}

ExitCode GoalCommand::run(Context& ctx) {
    if (!fromLock_.empty()) {
        if (!specs_.empty())
            throw UsageError(
                "install --from-lock installs exactly the lock: give no package "
                "specs with it");
        return installFromLock(ctx, fromLock_, flow_);
    }
    if (specs_.empty() && spec_.specs == SpecArgs::Required)
        throw UsageError(spec_.name + " needs package specs" +
                         (spec_.name == "install" ? " (or --from-lock FILE)" : ""));
    const advisory::AdvisoryFilter filter = advisory_.filter();
    const bool limited = spec_.minimal || !filter.empty();
    return runTransaction(
        ctx,
        [&](Goal& g) {
            if (limited) {
                const auto allowed = advisoryUpgrades(
                    ctx, filter,
                    spec_.minimal ? advisory::FixVersion::Exactly : advisory::FixVersion::AtLeast);
                if (allowed.empty())
                    g.noteNothingToDo("no " + filter.describe() +
                                      " concern the installed packages (mpm updateinfo lists "
                                      "those that do)");
                g.limitUpgradesTo(allowed);
            }
            spec_.fill(g, specs_);
        },
        flow_);
}

std::vector<std::unique_ptr<Command>> makeGoalCommands() {
    using Specs = const std::vector<std::string>&;
    std::vector<std::unique_ptr<Command>> c;
    auto add = [&](GoalCommand::Spec s) {
        c.push_back(std::make_unique<GoalCommand>(std::move(s)));
    };
    add({"install", "", "Install packages and what they need",
         "Package specs: name, name-version, NEVRA, glob, provide or file", SpecArgs::Required,
         true, [](Goal& g, Specs specs) { solve::installSpecs(g, specs); }});
    add({"remove", "erase", "Remove packages (and dependencies nothing else needs)",
         "Installed package specs", SpecArgs::Required, false, [](Goal& g, Specs specs) {
             for (const auto& s : specs) g.removeIfInstalled(s);
         }});
    add({"upgrade", "update", "Upgrade packages (all without arguments)", "Installed package specs",
         SpecArgs::Optional, true,
         [](Goal& g, Specs specs) {
             if (specs.empty()) {
                 g.followModuleObsoletes();
                 // Packages only, as dnf 4 (its upgrade_group_objects_upgrade is about
                 // which packages may be upgraded, not group upgrades).
                 g.upgradeAll();
             }
             solve::upgradeSpecs(g, specs);
         },
         true});
    add({"upgrade-minimal", "update-minimal",
         "Upgrade packages to the lowest versions that fix what their advisories say",
         "Installed package specs", SpecArgs::Optional, true,
         [](Goal& g, Specs specs) {
             if (specs.empty()) g.upgradeAll();
             for (const auto& s : specs) g.upgrade(s);
         },
         true, true});
    add({"downgrade", "", "Install the next lower available version", "Installed package specs",
         SpecArgs::Required, true, [](Goal& g, Specs specs) {
             for (const auto& s : specs) g.downgrade(s);
         }});
    add({"reinstall", "", "Install the same version again", "Installed package specs",
         SpecArgs::Required, true, [](Goal& g, Specs specs) {
             for (const auto& s : specs) g.reinstall(s);
         }});
    add({"distro-sync", "distrosync",
         "Synchronize installed packages (or those named) to the repositories' versions",
         "Installed package specs", SpecArgs::Optional, true, [](Goal& g, Specs specs) {
             g.followModuleObsoletes();
             g.distroSync(specs);
         }});
    add({"swap", "", "Remove one package and install another in one transaction",
         "The installed package to remove, then the package to install", SpecArgs::Required, true,
         [](Goal& g, Specs specs) {
             if (specs.size() != 2)
                 throw UsageError(
                     "mpm swap takes two packages: the one to remove and the one to install");
             g.removeIfInstalled(specs[0]);  // as dnf: what is gone needs no removing
             solve::installSpecs(g, {specs[1]});
         }});
    add({"autoremove", "",
         "Remove dependencies no package installed by you needs (or the packages named, with "
         "theirs)",
         "Installed package specs", SpecArgs::Optional, false, [](Goal& g, Specs specs) {
             if (specs.empty()) g.autoremove();
             for (const auto& s : specs) g.removeWithUnneeded(s);
         }});
    return c;
}

}  // namespace mpm::cli
