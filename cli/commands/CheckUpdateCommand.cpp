// mpm check-update [SPEC...]: the available upgrades; exit 100 when there are any (as dnf).
#include <algorithm>
#include <set>

#include "cli/PackageJson.hpp"
#include "cli/commands/Commands.hpp"
#include "libmodule/base/PackageQuery.hpp"

namespace mpm::cli {

void CheckUpdateCommand::declareArguments(CLI::App* cmd) {
    cmd->add_option("spec", specs_, "Package specs");
    addAdvisoryOptions(*cmd, advisory_);
}

namespace {

std::vector<std::string> row(const Package& p) {
    return {p.name() + "." + p.arch(), p.evr(), p.repoId()};
}

}  // namespace

ExitCode CheckUpdateCommand::run(Context& ctx) {
    Sack& sack = ctx.sack();
    PackageQuery q(sack);
    if (!specs_.empty()) q.matching(specs_);
    // With advisory options, the upgrades those advisories allow (as upgrade --security takes).
    const advisory::AdvisoryFilter filter = advisory_.filter();
    q.upgradesByPriority();
    if (!filter.empty()) {
        const auto allowed = advisoryUpgrades(ctx, filter, advisory::FixVersion::AtLeast);
        q.within({allowed.begin(), allowed.end()});
    }
    auto pkgs = q.latest().packages();
    // Packages that replace installed ones of other names (an upgrade installs them), as dnf
    // lists them: with specs, those that replace an installed package a spec names. Not with
    // advisory options: their upgrades are of packages of the advisories' names only (dnf
    // would list the obsoleting packages an advisory names).
    std::vector<std::pair<Package, std::vector<Id>>> obsoleting;
    std::set<Id> named;  // installed packages the specs name
    if (!specs_.empty()) {
        PackageQuery matched(sack);
        for (Id id : matched.matching(specs_).installed().ids()) named.insert(id);
    }
    const std::vector<Package> obsoleters =
        filter.empty()
            ? PackageQuery(sack).obsoletingInstalled().bestPriorityPerName().latest().packages()
            : std::vector<Package>{};
    for (const auto& p : obsoleters) {
        auto replaced = PackageQuery::installedObsoletedBy(sack, p.id());
        if (specs_.empty() ||
            std::ranges::any_of(replaced, [&](Id r) { return named.count(r) > 0; }))
            obsoleting.emplace_back(p, std::move(replaced));
    }
    if (ctx.out.json()) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& p : pkgs) arr.push_back(packageJson(sack, p));
        for (const auto& [p, replaced] : obsoleting)
            if (std::ranges::find(pkgs, p.id(), &Package::id) == pkgs.end())
                arr.push_back(packageJson(sack, p));
        ctx.out.printJson(arr);
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto& p : pkgs) rows.push_back(row(p));
        ctx.out.table(rows);
        if (!obsoleting.empty()) {
            std::vector<std::vector<std::string>> obsoletes;
            for (const auto& [p, replaced] : obsoleting) {
                obsoletes.push_back(row(p));
                for (Id r : replaced) {
                    auto line = row(sack.package(r));
                    line[0] = "    " + line[0];
                    line[2] = "@System";
                    obsoletes.push_back(line);
                }
            }
            if (!rows.empty()) ctx.out.line("");
            ctx.out.line("Obsoleting Packages");
            ctx.out.table(obsoletes);
        }
    }
    return pkgs.empty() && obsoleting.empty() ? ExitCode::Ok : ExitCode::UpdatesAvailable;
}

}  // namespace mpm::cli
