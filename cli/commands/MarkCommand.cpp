// mpm mark install|remove|group SPEC...: change why packages are installed, as dnf mark does.
// "install" makes them the user's (autoremove keeps them); "remove" makes them dependencies
// (autoremove takes them once nothing needs them); "group" makes them a group's (autoremove
// keeps them, group remove may take them).
#include "cli/PackageJson.hpp"
#include "cli/commands/Commands.hpp"
#include "common/Strings.hpp"
#include "libmodule/base/PackageQuery.hpp"
#include "libmodule/transaction/TransactionExecutor.hpp"

namespace mpm::cli {

void MarkCommand::declareArguments(CLI::App* cmd) {
    cmd->require_subcommand(1);
    install_ = cmd->add_subcommand("install", "Mark packages as installed by the user");
    remove_ = cmd->add_subcommand("remove", "Mark packages as dependencies (autoremove may go)");
    group_ = cmd->add_subcommand("group", "Mark packages as installed by a group");
    for (auto* sub : {install_, remove_, group_})
        sub->add_option("spec", specs_, "Installed package specs")->required();
}

ExitCode MarkCommand::run(Context& ctx) {
    const db::InstallReason reason = install_->parsed() ? db::InstallReason::User
                                     : group_->parsed() ? db::InstallReason::Group
                                                        : db::InstallReason::Dependency;
    ctx.lockSystem();
    Sack& sack = ctx.sack(false, true);
    std::vector<Id> ids;
    for (const auto& spec : specs_) {
        const auto matched = PackageQuery(sack).matching({spec}).installed().ids();
        if (matched.empty()) throw Error("no installed package matches '" + spec + "'");
        ids.insert(ids.end(), matched.begin(), matched.end());
    }
    transaction::TransactionExecutor(sack).markReason(ids, reason);
    nlohmann::json arr = nlohmann::json::array();
    for (Id id : ids) {
        const Package p = sack.package(id);
        if (ctx.out.json()) {
            nlohmann::json j = identityJson(p);
            j["reason"] = db::reasonName(reason);
            arr.push_back(j);
        } else if (!ctx.out.quiet()) {
            ctx.out.line(p.nevra() + " marked as " +
                         (reason == db::InstallReason::User    ? "installed by the user"
                          : reason == db::InstallReason::Group ? "installed by a group"
                                                               : "a dependency") +
                         ".");
        }
    }
    if (ctx.out.json()) ctx.out.printJson(arr);
    return ExitCode::Ok;
}

}  // namespace mpm::cli
