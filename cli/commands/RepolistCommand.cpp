// mpm repolist [all|enabled|disabled] [REPO...]: configured repositories; loads no metadata.
#include <algorithm>

#include "cli/commands/Commands.hpp"
#include "common/Strings.hpp"

namespace mpm::cli {

void RepolistCommand::declareArguments(CLI::App* cmd) {
    auto* all = cmd->add_flag("--all", all_, "Show enabled and disabled repositories");
    cmd->add_flag("--enabled", enabled_, "Show enabled repositories (the default)")->excludes(all);
    cmd->add_flag("--disabled", disabled_, "Show disabled repositories")->excludes(all);
    cmd->add_option("repo", repos_,
                    "Repository ids (globs); a first word all, enabled or disabled is the scope, "
                    "as in dnf");
}

ExitCode RepolistCommand::run(Context& ctx) {
    const auto& cfg = ctx.config();
    if (!repos_.empty() &&
        (repos_.front() == "all" || repos_.front() == "enabled" || repos_.front() == "disabled")) {
        const std::string word = repos_.front();
        repos_.erase(repos_.begin());
        all_ = all_ || word == "all";
        enabled_ = enabled_ || word == "enabled";
        disabled_ = disabled_ || word == "disabled";
        if (all_ + enabled_ + disabled_ > 1)
            throw UsageError("mpm repolist " + word + " contradicts the option given with it");
    }
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
        if (!repos_.empty() && std::none_of(repos_.begin(), repos_.end(),
                                            [&](const auto& g) { return globMatch(g, r.id); }))
            continue;
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
    else if (!repos_.empty())
        ctx.out.warn("no " +
                     std::string(all_           ? ""
                                 : wantDisabled ? "disabled "
                                                : "enabled ") +
                     "repository matches " + join(repos_, ", ") + " (mpm repolist all lists them)");
    else if (!cfg.noRepositoryReason().empty())
        ctx.out.warn(cfg.noRepositoryReason());
    else
        ctx.out.warn("no " + std::string(wantDisabled ? "disabled" : "enabled") + " repositories");
    return ExitCode::Ok;
}

}  // namespace mpm::cli
