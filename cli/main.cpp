// mpm's entry point: parses the command line, runs one command, and maps every error to an
// exit code here and nowhere else.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstring>
#include <iostream>

#include "cli/Context.hpp"
#include "cli/commands/Commands.hpp"
#include "common/Error.hpp"
#include "common/SourceDate.hpp"
#include "common/Strings.hpp"
#include "libmodule/solve/Goal.hpp"

using namespace mpm;
using namespace mpm::cli;

namespace {

// Each occurrence of a repeatable option takes one value, so "install -x foo bar" installs
// bar; a single-valued option given twice keeps the last, as dnf does.
CLI::Option* repeatable(CLI::Option* o) {
    return o->allow_extra_args(false);
}
CLI::Option* single(CLI::Option* o) {
    return o->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

void declareGlobals(CLI::App& app, GlobalOptions& g) {
    single(app.add_option("--installroot", g.installroot, "Operate on this root instead of /"));
    single(app.add_option("--config,-c", g.config,
                          "Main configuration file (default: INSTALLROOT/etc/mpm/mpm.conf)"));
    single(
        app.add_option("--releasever", g.releasever, "Value of $releasever in repository files"));
    app.add_flag("--use-host-config", g.useHostConfig,
                 "Read configuration and repos from the host, not the installroot");
    repeatable(
        app.add_option("--setopt", g.setopts, "Set an option: KEY=VALUE or REPOID.KEY=VALUE"));
    repeatable(
        app.add_option("--repofrompath", g.repofrompath, "Add a repository: ID,PATH_OR_URL"));
    repeatable(app.add_option("--repo,--repoid", g.repos,
                              "Use only these repositories (globs, comma lists)"));
    repeatable(app.add_option("--enablerepo", g.enablerepo, "Enable repositories (globs)"));
    repeatable(app.add_option("--disablerepo", g.disablerepo, "Disable repositories (globs)"));
    app.add_flag("-C,--cacheonly", g.cacheonly, "Use only cached metadata, never download");
    app.add_flag("--refresh", g.refresh, "Treat metadata as expired");
    app.add_flag("-q,--quiet", g.quiet, "Print results only");
    app.add_flag("-v,--verbose", g.verbose, "Print more about what happens");
    app.add_flag("-y,--assumeyes", g.assumeyes, "Answer yes to every question");
    app.add_flag("--assumeno", g.assumeno, "Answer no to every question");
    app.add_flag("--json", g.json, "Print the result as JSON");
    app.add_flag("--nogpgcheck", g.nogpgcheck, "Do not verify package signatures");
    // dnf's options that build tools (mkosi, mock, kickstarts) pass.
    // Read from argv in order (bestFromArgs); declared for --help and the parser.
    app.add_flag("--best")->description("Insist on the newest version of what is asked for");
    app.add_flag("--nobest")->description("Accept an older version when the newest cannot be had");
    app.add_flag("--nodocs", g.nodocs, "Do not install documentation (tsflags=nodocs)");
    repeatable(app.add_option("-x,--exclude", g.excludes,
                              "Exclude packages (globs, comma lists; excludepkgs)"));
    repeatable(app.add_option("--disableexcludes,--disableexcludepkgs", g.disableExcludes,
                              "Ignore excludepkgs/includepkgs: all, main or a repository id"));
    single(app.add_option("--forcearch", g.forcearch, "Choose packages for this architecture"));
    app.add_flag("--noplugins", g.noplugins, "Accepted for dnf's sake: mpm has no plugins");
    repeatable(app.add_option("--disableplugin", g.disableplugins,
                              "Accepted for dnf's sake (no plugins)"));
    repeatable(
        app.add_option("--enableplugin", g.enableplugins, "Accepted for dnf's sake (no plugins)"));
    // dnf takes these before the command too (mock passes --allowerasing so).
    app.add_flag("--allowerasing", g.allowErasing, "Remove installed packages that are in the way");
    app.add_flag("--skip-broken", g.skipBroken,
                 "Leave out requested packages that cannot be installed");
    app.add_flag("--downloadonly", g.downloadOnly, "Only download the packages");
    single(app.add_option("--downloaddir,--destdir", g.downloadDir,
                          "Where --downloadonly puts the packages"));
}

// The last of --best and --nobest wins, as in dnf (a tool appends one to a line that has the
// other); 0 when neither is given.
int bestFromArgs(int argc, char** argv) {
    int best = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") break;
        if (arg == "--best") best = 1;
        if (arg == "--nobest") best = -1;
    }
    return best;
}

// CLI11 lists every unexpected argument ("never --color"); the option is the one to name.
std::string firstUnknown(const std::string& what) {
    const size_t colon = what.find(": ");
    const std::string list = colon == std::string::npos ? what : what.substr(colon + 2);
    const auto tokens = splitList(list, " ");
    for (const auto& t : tokens)
        if (t.starts_with("-")) return t;
    return tokens.empty() ? list : tokens.front();
}

// dnf applies --enablerepo/--disablerepo in command-line order ("--disablerepo='*'
// --enablerepo=x"); CLI11 does not keep the interleaving, so take it from argv.
std::vector<std::pair<bool, std::string>> repoToggles(int argc, char** argv) {
    std::vector<std::pair<bool, std::string>> out;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") break;
        for (auto [flag, enable] :
             {std::pair{"--enablerepo", true}, std::pair{"--disablerepo", false}}) {
            std::string f = flag;
            if (arg == f && i + 1 < argc)
                out.emplace_back(enable, argv[i + 1]);
            else if (arg.starts_with(f + "="))
                out.emplace_back(enable, arg.substr(f.size() + 1));
        }
    }
    std::vector<std::pair<bool, std::string>> split;
    for (auto& [enable, value] : out) {
        size_t start = 0;
        while (start <= value.size()) {
            size_t comma = value.find(',', start);
            std::string piece =
                value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!piece.empty()) split.emplace_back(enable, piece);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return split;
}

// The command line history records. With SOURCE_DATE_EPOCH, without the options whose values
// are host paths (the root's own path among them): a reproducible root stores no host path.
std::string recordedCommandLine(int argc, char** argv) {
    bool reproducible = false;
    try {
        reproducible = sourceDateEpoch().has_value();
    } catch (const Error&) {  // said when the command runs
    }
    static const std::vector<std::string> pathOptions = {
        "--installroot", "--config",  "-c",         "--repofrompath",
        "--downloaddir", "--destdir", "--from-lock"};
    static const std::vector<std::string> pathSettings = {
        "cachedir=", "persistdir=", "reposdir=", "varsdir="};
    auto isPathSetting = [&](const std::string& value) {
        return std::any_of(pathSettings.begin(), pathSettings.end(),
                           [&](const std::string& k) { return value.starts_with(k); });
    };
    std::string out;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (reproducible) {
            const bool next = i + 1 < argc;
            if (std::find(pathOptions.begin(), pathOptions.end(), arg) != pathOptions.end() ||
                (arg == "--setopt" && next && isPathSetting(argv[i + 1]))) {
                ++i;  // the option and its value
                continue;
            }
            if (std::any_of(pathOptions.begin(), pathOptions.end(),
                            [&](const std::string& o) { return arg.starts_with(o + "="); }) ||
                (arg.starts_with("--setopt=") && isPathSetting(arg.substr(9))))
                continue;
        }
        out += (out.empty() ? "" : " ") + arg;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"mpm: a modular package manager for rpm-md repositories", "mpm"};
    app.fallthrough();
    app.require_subcommand(1);
    app.set_version_flag("--version", "mpm " MPM_VERSION);
    GlobalOptions globals;
    declareGlobals(app, globals);
    auto commands = makeCommands();
    std::vector<std::pair<CLI::App*, Command*>> declared;
    for (auto& c : commands) declared.emplace_back(c->declare(app), c.get());

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ExtrasError& e) {
        // An option or argument mpm does not know, said in mpm's words (CLI11 would list them
        // as "arguments not expected").
        const std::string what = firstUnknown(e.what());
        std::cerr << "Error: mpm does not know " << (what.starts_with("-") ? "the option " : "")
                  << "'" << what << "'; mpm --help lists the options (dnf's that mpm takes are in "
                  << "mpm(8))\n";
        return static_cast<int>(ExitCode::Usage);
    } catch (const CLI::RequiredError& e) {
        if (std::string(e.what()).find("subcommand") == std::string::npos) {
            app.exit(e);
            return static_cast<int>(ExitCode::Usage);
        }
        std::cerr << "Error: a command is required (mpm --help lists them)\n";
        return static_cast<int>(ExitCode::Usage);
    } catch (const CLI::ArgumentMismatch& e) {
        // "--check: 1 required TEXT missing", "--from-lock: At Most 1 required but received 2"
        const std::string what = e.what();
        const std::string option = what.substr(0, what.find(':'));
        std::cerr << "Error: "
                  << (what.find("missing") != std::string::npos ? option + " needs a value"
                      : what.find("At Most") != std::string::npos
                          ? option + " is given more than once; give it once"
                          : what)
                  << " (mpm --help lists the options)\n";
        return static_cast<int>(ExitCode::Usage);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return static_cast<int>(ExitCode::Usage);
    }
    globals.repoToggles = repoToggles(argc, argv);
    globals.best = bestFromArgs(argc, argv);
    globals.cmdline = recordedCommandLine(argc, argv);

    Output out(globals.json, globals.quiet, globals.verbose);
    try {
        if (globals.assumeyes && globals.assumeno)
            throw UsageError("-y and --assumeno contradict each other");
        sourceDateEpoch();  // a malformed SOURCE_DATE_EPOCH is refused before anything happens
        Context ctx(globals, out);
        for (auto& [sub, cmd] : declared)
            if (sub->parsed()) {
                const ExitCode rc = cmd->run(ctx);
                if (rc == ExitCode::Ok) ctx.finish();
                return static_cast<int>(rc);
            }
        return static_cast<int>(ExitCode::Usage);
    } catch (const solve::SolveError& e) {
        out.error(e.what());
        if (globals.verbose && !e.rules().empty()) out.info("libsolv's rules:\n" + e.rules());
        return static_cast<int>(e.code());
    } catch (const Error& e) {
        out.error(e.what());
        return static_cast<int>(e.code());
    } catch (const std::bad_alloc&) {
        out.error("out of memory");
        return static_cast<int>(ExitCode::Error);
    } catch (const std::exception& e) {
        out.error(std::string("unexpected failure: ") + e.what());
        return static_cast<int>(ExitCode::Error);
    }
}
