// mpm search [--all] TERM...: packages whose name or summary contain every term.
#include "cli/PackageJson.hpp"
#include "cli/commands/Commands.hpp"
#include "common/Strings.hpp"
#include "libmodule/base/PackageQuery.hpp"

namespace mpm::cli {

void SearchCommand::declareArguments(CLI::App* cmd) {
    cmd->add_flag("--all", all_,
                  "Match any term (not every one), in descriptions and URLs too, as dnf's --all");
    cmd->add_option("term", terms_,
                    "Search terms, case-insensitive (every one must match, unless --all)")
        ->required();
}

ExitCode SearchCommand::run(Context& ctx) {
    Sack& sack = ctx.sack();
    auto pkgs = PackageQuery(sack).search(terms_, all_).latest().packages();
    if (pkgs.empty()) throw Error("no package matches the search terms " + join(terms_, ", "));
    if (ctx.out.json()) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& p : pkgs) arr.push_back(packageJson(sack, p));
        ctx.out.printJson(arr);
        return ExitCode::Ok;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : pkgs) rows.push_back({p.name() + "." + p.arch(), ": " + p.summary()});
    ctx.out.table(rows);
    return ExitCode::Ok;
}

}  // namespace mpm::cli
