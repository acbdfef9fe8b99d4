// mpm clean all|metadata|packages|dbcache|expire-cache
#include "cli/commands/Commands.hpp"
#include "repodata/CacheCleaner.hpp"

namespace mpm::cli {

void CleanCommand::declareArguments(CLI::App* cmd) {
    cmd->add_option("what", what_, "all, metadata, packages, dbcache or expire-cache")
        ->required()
        ->check(CLI::IsMember({"all", "metadata", "packages", "dbcache", "expire-cache"}));
}

ExitCode CleanCommand::run(Context& ctx) {
    const std::string root = ctx.config().cacheDir();
    repodata::CleanResult total;
    for (const auto& w : what_) {
        using repodata::CleanKind;
        CleanKind kind = w == "all"        ? CleanKind::All
                         : w == "metadata" ? CleanKind::Metadata
                         : w == "packages" ? CleanKind::Packages
                         : w == "dbcache"  ? CleanKind::DbCache
                                           : CleanKind::ExpireCache;
        const auto r = repodata::cleanCache(root, kind);
        total.removed += r.removed;
        total.inUse += r.inUse;
    }
    if (ctx.out.json())
        ctx.out.printJson({{"removed", total.removed}, {"in_use", total.inUse}});
    else if (!ctx.out.quiet())
        ctx.out.line(std::to_string(total.removed) + " files removed" +
                     (total.inUse
                          ? "; " + std::to_string(total.inUse) + " kept: another mpm is using them"
                          : std::string()));
    return ExitCode::Ok;
}

}  // namespace mpm::cli
