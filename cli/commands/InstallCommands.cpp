// mpm install / remove / upgrade: fill a Goal, then the shared transaction flow.
#include "cli/TransactionFlow.hpp"
#include "cli/commands/Commands.hpp"

namespace mpm::cli {

namespace {

void flowFlags(CLI::App* cmd, FlowOptions& o, bool installs) {
    cmd->add_flag("--allowerasing", o.allowErasing,
                  "Remove installed packages that are in the way");
    if (!installs) return;
    cmd->add_flag("--downloadonly", o.downloadOnly, "Only download the packages");
    cmd->add_option("--downloaddir", o.downloadDir, "Where --downloadonly puts the packages");
    cmd->add_flag("--nodocs", o.nodocs, "Do not install documentation (tsflags=nodocs)");
    cmd->add_flag("--noscripts", o.noscripts, "Do not run scriptlets (tsflags=noscripts)");
}

}  // namespace

CLI::App* InstallCommand::declare(CLI::App& app) {
    auto* cmd = app.add_subcommand("install", "Install packages and what they need");
    cmd->add_option("spec", specs_,
                    "Package specs: name, name-version, NEVRA, glob, provide or file")
        ->required();
    flowFlags(cmd, flow_, true);
    return cmd;
}

ExitCode InstallCommand::run(Context& ctx) {
    return runTransaction(
        ctx,
        [&](Goal& g) {
            for (const auto& s : specs_) g.install(s);
        },
        flow_);
}

CLI::App* RemoveCommand::declare(CLI::App& app) {
    auto* cmd =
        app.add_subcommand("remove", "Remove packages (and dependencies nothing else needs)");
    cmd->alias("erase");
    cmd->add_option("spec", specs_, "Installed package specs")->required();
    flowFlags(cmd, flow_, false);
    return cmd;
}

ExitCode RemoveCommand::run(Context& ctx) {
    return runTransaction(
        ctx,
        [&](Goal& g) {
            for (const auto& s : specs_) g.remove(s);
        },
        flow_);
}

CLI::App* UpgradeCommand::declare(CLI::App& app) {
    auto* cmd = app.add_subcommand("upgrade", "Upgrade packages (all without arguments)");
    cmd->alias("update");
    cmd->add_option("spec", specs_, "Installed package specs");
    flowFlags(cmd, flow_, true);
    return cmd;
}

ExitCode UpgradeCommand::run(Context& ctx) {
    return runTransaction(
        ctx,
        [&](Goal& g) {
            if (specs_.empty()) g.upgradeAll();
            for (const auto& s : specs_) g.upgrade(s);
        },
        flow_);
}

}  // namespace mpm::cli
