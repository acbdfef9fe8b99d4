// mpm repolist [--all|--enabled|--disabled]: configured repositories; loads no metadata.
#include "cli/commands/Commands.hpp"

namespace mpm::cli {

CLI::App* RepolistCommand::declare(CLI::App& app) {
    auto* cmd = app.add_subcommand("repolist", "Show configured repositories");
    auto* all = cmd->add_flag("--all", all_, "Show enabled and disabled repositories");
    cmd->add_flag("--enabled", enabled_, "Show enabled repositories (the default)")->excludes(all);
    cmd->add_flag("--disabled", disabled_, "Show disabled repositories")->excludes(all);
    return cmd;
}

ExitCode RepolistCommand::run(Context& ctx) {
    const auto& cfg = ctx.config();
    bool wantEnabled = all_ || enabled_ || !disabled_;
    bool wantDisabled = all_ || disabled_;
    nlohmann::json arr = nlohmann::json::array();
    std::vector<std::vector<std::string>> rows;
    if (all_)
        rows.push_back({"repo id", "repo name", "status"});
    else
        rows.push_back({"repo id", "repo name"});
    for (const auto& r : cfg.repos) {
        if ((r.enabled && !wantEnabled) || (!r.enabled && !wantDisabled)) continue;
        if (ctx.out.json()) {
            arr.push_back({{"id", r.id},
                           {"name", r.name},
                           {"enabled", r.enabled},
                           {"baseurl", r.baseurl},
                           {"mirrorlist", r.mirrorlist},
                           {"metalink", r.metalink},
                           {"priority", r.priority},
                           {"cost", r.cost},
                           {"gpgcheck", r.gpgcheck},
                           {"module_hotfixes", r.module_hotfixes},
                           {"file", r.source}});
            continue;
        }
        if (all_)
            rows.push_back({r.id, r.name, r.enabled ? "enabled" : "disabled"});
        else
            rows.push_back({r.id, r.name});
    }
    if (ctx.out.json())
        ctx.out.printJson(arr);
    else if (rows.size() > 1)
        ctx.out.table(rows);
    else if (!cfg.noRepositoryReason().empty())
        ctx.out.warn(cfg.noRepositoryReason());
    else
        ctx.out.warn("no " + std::string(wantDisabled ? "disabled" : "enabled") + " repositories");
    return ExitCode::Ok;
}

}  // namespace mpm::cli
