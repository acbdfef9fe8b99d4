// mpm makecache: refresh expired metadata (all with --refresh) and build the .solv caches.
#include "cli/commands/Commands.hpp"
#include "common/Interrupt.hpp"

namespace mpm::cli {

void MakecacheCommand::declareArguments(CLI::App* cmd) {
    // dnf's systemd timer passes --timer; mpm refreshes only what expired either way.
    cmd->add_flag("--timer")->description(
        "Accepted for dnf's timer: only expired metadata is fetched anyway");
}

ExitCode MakecacheCommand::run(Context& ctx) {
    catchInterrupts();  // Ctrl-C stops the refresh with a sentence, the cache as it was
    Sack& sack = ctx.sack(true, false);
    if (ctx.out.json()) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& r : sack.repos())
            arr.push_back({{"id", r.config->id},
                           {"packages", r.repo->nsolvables},
                           {"checked", r.metadata.checkedAt},
                           {"repomd_sha256", r.metadata.repomdDigest}});
        ctx.out.printJson(arr);
    } else if (!ctx.out.quiet()) {
        ctx.out.line("Metadata cache created.");
    }
    return ExitCode::Ok;
}

}  // namespace mpm::cli
