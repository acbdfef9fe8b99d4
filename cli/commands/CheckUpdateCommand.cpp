// mpm check-update [SPEC...]: the available upgrades; exit 100 when there are any (as dnf).
#include "cli/PackageJson.hpp"
#include "cli/commands/Commands.hpp"
#include "libmodule/base/PackageQuery.hpp"

namespace mpm::cli {

void CheckUpdateCommand::declareArguments(CLI::App* cmd) {
    cmd->add_option("spec", specs_, "Package specs");
}

ExitCode CheckUpdateCommand::run(Context& ctx) {
    Sack& sack = ctx.sack();
    PackageQuery q(sack);
    if (!specs_.empty()) q.matching(specs_);
    auto pkgs = q.upgrades().latest().packages();
    if (ctx.out.json()) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& p : pkgs) arr.push_back(packageJson(sack, p));
        ctx.out.printJson(arr);
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto& p : pkgs) rows.push_back({p.name() + "." + p.arch(), p.evr(), p.repoId()});
        ctx.out.table(rows);
    }
    return pkgs.empty() ? ExitCode::Ok : ExitCode::UpdatesAvailable;
}

}  // namespace mpm::cli
