// mpm list [--installed|--available|--upgrades|--all] [--showduplicates] [SPEC...]
#include "cli/PackageJson.hpp"
#include "cli/commands/Commands.hpp"
#include "common/Strings.hpp"
#include "libmodule/base/PackageQuery.hpp"

namespace mpm::cli {

CLI::App* ListCommand::declare(CLI::App& app) {
    auto* cmd = app.add_subcommand("list", "List installed and available packages");
    auto* inst = cmd->add_flag("--installed", installed_, "Only installed packages");
    auto* avail = cmd->add_flag("--available", available_, "Only available packages");
    auto* upg = cmd->add_flag("--upgrades,--updates", upgrades_, "Only available upgrades");
    cmd->add_flag("--all", all_, "Installed and available packages (the default)")
        ->excludes(inst, avail, upg);
    inst->excludes(avail, upg);
    avail->excludes(upg);
    cmd->add_flag("--showduplicates", showDuplicates_,
                  "Every available version, not only the newest");
    cmd->add_option("spec", specs_, "Package specs (globs allowed)");
    return cmd;
}

namespace {

// Installed packages show the repository they came from, as dnf does ("@base").
std::vector<std::string> row(const Sack& sack, const Package& p) {
    const InstalledInfo* info = sack.installedInfo(p.id());
    std::string repo = p.installed()
                           ? "@" + (info && !info->fromRepo.empty() ? info->fromRepo : "System")
                           : p.repoId();
    return {p.name() + "." + p.arch(), p.evr(), repo};
}

}  // namespace

ExitCode ListCommand::run(Context& ctx) {
    Sack& sack = ctx.sack(!installed_, true);
    const bool showInstalled = !available_ && !upgrades_;
    const bool showAvailable = !installed_ && !upgrades_;

    std::vector<Package> inst, avail, upg;
    if (showInstalled) inst = PackageQuery(sack).installed().matching(specs_).packages();
    if (showAvailable) {
        PackageQuery q(sack);
        q.available().matching(specs_);
        if (!showDuplicates_) q.latest();
        avail = q.packages();
    }
    if (upgrades_) upg = PackageQuery(sack).matching(specs_).upgrades().latest().packages();

    if (ctx.out.json()) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto* set : {&inst, &avail, &upg})
            for (const auto& p : *set) arr.push_back(packageJson(sack, p));
        ctx.out.printJson(arr);
    } else {
        auto section = [&](const char* title, const std::vector<Package>& pkgs) {
            if (pkgs.empty()) return;
            ctx.out.line(title);
            std::vector<std::vector<std::string>> rows;
            for (const auto& p : pkgs) rows.push_back(row(sack, p));
            ctx.out.table(rows);
        };
        section("Installed Packages", inst);
        section("Available Packages", avail);
        section("Available Upgrades", upg);
    }
    if (inst.empty() && avail.empty() && upg.empty() && !specs_.empty())
        throw Error("no package matches " + join(specs_, ", "));
    return ExitCode::Ok;
}

}  // namespace mpm::cli
