// mpm rebuilddb: a damaged mpm.sqlite rebuilt from what can still be read, as rpm --rebuilddb
// rebuilds rpm's indexes. Installed packages stay known from the RPM database either way.
#include "cli/commands/Commands.hpp"
#include "libmodule/db/InstalledDb.hpp"

namespace mpm::cli {

void RebuilddbCommand::declareArguments(CLI::App*) {}

ExitCode RebuilddbCommand::run(Context& ctx) {
    ctx.lockSystem();
    const db::RebuildResult r = db::InstalledDb::rebuild(ctx.config().persistDir());
    if (ctx.out.json()) {
        ctx.out.printJson(
            {{"kept", r.kept}, {"damaged_copy", r.damagedCopy}, {"intact", r.intact}});
        return ExitCode::Ok;
    }
    if (r.damagedCopy.empty()) {
        if (!ctx.out.quiet()) ctx.out.line("There was no database: an empty one was made.");
        return ExitCode::Ok;
    }
    if (!ctx.out.quiet()) {
        ctx.out.line("Rebuilt " + db::InstalledDb::pathIn(ctx.config().persistDir()) +
                     (r.intact ? " (it was intact); the previous file is kept as "
                               : "; the damaged file is kept as ") +
                     r.damagedCopy + ". Rows kept:");
        std::vector<std::vector<std::string>> rows;
        for (const auto& [table, n] : r.kept) rows.push_back({"  " + table, std::to_string(n)});
        ctx.out.table(rows);
    }
    return ExitCode::Ok;
}

}  // namespace mpm::cli
