// mpm info [installed|available|upgrades|extras|all] [--showduplicates] [SPEC...]
#include "cli/PackageJson.hpp"
#include "cli/commands/Commands.hpp"
#include "cli/commands/PackageListing.hpp"
#include "common/Strings.hpp"
#include "libmodule/base/PackageQuery.hpp"

namespace mpm::cli {

void InfoCommand::declareArguments(CLI::App* cmd) {
    scopeFlags_.declare(cmd);
    cmd->add_flag("--showduplicates", showDuplicates_,
                  "Every available version, not only the newest");
    cmd->add_option("spec", specs_,
                    "Package specs (globs allowed); a first word installed, available, upgrades, "
                    "updates, extras or all is the scope, as in dnf");
}

ExitCode InfoCommand::run(Context& ctx) {
    const ListScope scope = takeScopeWord(specs_, scopeFlags_.scope(), "info");
    Sack& sack = ctx.sack(scopeNeedsRepositories(scope), true);
    const PackageListing l = listPackages(sack, scope, specs_, showDuplicates_);
    if (l.empty() && !specs_.empty()) throw Error("no package matches " + join(specs_, ", "));
    if (ctx.out.json()) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto* set : {&l.installed, &l.available, &l.upgrades, &l.extras})
            for (const auto& p : *set) arr.push_back(packageJson(sack, p, true));
        ctx.out.printJson(arr);
        return ExitCode::Ok;
    }
    auto section = [&](const char* title, const std::vector<Package>& pkgs) {
        if (!pkgs.empty()) ctx.out.line(title);
        for (const auto& p : pkgs) ctx.out.line(infoBlock(sack, p));
    };
    section("Installed Packages", l.installed);
    section("Available Packages", l.available);
    section("Available Upgrades", l.upgrades);
    section("Extra Packages", l.extras);
    return ExitCode::Ok;
}

}  // namespace mpm::cli
