// mpm list [installed|available|upgrades|extras|all] [--showduplicates] [SPEC...]
#include "cli/PackageJson.hpp"
#include "cli/commands/Commands.hpp"
#include "cli/commands/PackageListing.hpp"
#include "common/Strings.hpp"
#include "libmodule/base/PackageQuery.hpp"

namespace mpm::cli {

void ListCommand::declareArguments(CLI::App* cmd) {
    scopeFlags_.declare(cmd);
    cmd->add_flag("--showduplicates", showDuplicates_,
                  "Every available version, not only the newest");
    cmd->add_option("spec", specs_,
                    "Package specs (globs allowed); a first word installed, available, upgrades, "
                    "updates, extras or all is the scope, as in dnf");
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
    const ListScope scope = takeScopeWord(specs_, scopeFlags_.scope(), "list");
    Sack& sack = ctx.sack(scopeNeedsRepositories(scope), true);
    const PackageListing l = listPackages(sack, scope, specs_, showDuplicates_);

    // Before anything is printed: with --json, the error object instead of an empty list.
    if (l.empty() && !specs_.empty()) {
        Error e(scope == ListScope::Upgrades
                    ? "no upgrade for " + join(specs_, ", ") + " in the enabled repositories"
                    : "no package matches " + join(specs_, ", "));
        if (specs_.size() == 1) e.addFact("package", specs_.front());
        throw e;
    }
    if (ctx.out.json()) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto* set : {&l.installed, &l.available, &l.upgrades, &l.extras})
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
        section("Installed Packages", l.installed);
        section("Available Packages", l.available);
        section("Available Upgrades", l.upgrades);
        section("Extra Packages", l.extras);
    }
    return ExitCode::Ok;
}

}  // namespace mpm::cli
