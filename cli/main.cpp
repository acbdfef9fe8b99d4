// mpm's entry point: parses the command line, runs one command, and maps every error to an
// exit code here and nowhere else.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "cli/Arguments.hpp"
#include "cli/Context.hpp"
#include "cli/ParseFailure.hpp"
#include "cli/StandardStreams.hpp"
#include "cli/commands/Commands.hpp"
#include "common/Error.hpp"
#include "common/Privilege.hpp"
#include "common/SourceDate.hpp"
#include "common/Strings.hpp"
#include "libmodule/solve/Goal.hpp"
#include "solv/Pool.hpp"

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
    single(app.add_option("--comment", g.comment, "A comment kept with the transaction's history"));
    single(app.add_option("--color,--colour", g.colour,
                          "Colour on the terminal: always, never or auto (NO_COLOR turns it off)"));
    single(app.add_option("-d,--debuglevel", g.debuglevel,
                          "dnf's output level 0-10: 0-1 as -q, 2 the default, 3 or more as -v")
               ->check(CLI::Range(0, 10)));
    single(app.add_option("-e,--errorlevel", g.errorlevel,
                          "Accepted for dnf's sake: mpm always prints its errors")
               ->check(CLI::Range(0, 10)));
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
    app.add_flag("--noautoremove", g.noautoremove,
                 "Remove only what is named, not the dependencies nothing needs any more");
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

bool jsonRequested(int argc, char** argv) {
    for (int i = 1; i < argc && std::strcmp(argv[i], "--") != 0; ++i)
        if (std::strcmp(argv[i], "--json") == 0) return true;
    return false;
}

// What CLI11 parses: the global options and every command, each with its arguments only when
// the line names it (or `everything`): declaring every command's options was most of a warm
// `module list`'s startup. A word that names no command (a typo, --help alone, nothing) and
// the completion declare them all.
struct CommandLine {
    CLI::App app{"mpm: a modular package manager for rpm-md repositories", "mpm"};
    GlobalOptions globals;
    std::vector<std::unique_ptr<Command>> commands = makeCommands();
    std::vector<std::pair<CLI::App*, Command*>> declared;
    std::set<const CLI::App*> bare;  // declared without their arguments

    CommandLine(int argc, char** argv, bool everything) {
        app.fallthrough();
        app.require_subcommand(1);
        app.set_version_flag("--version", "mpm " MPM_VERSION);
        declareGlobals(app, globals);
        const Command* named = nullptr;
        if (const auto words = commandWords(app, std::vector<std::string>(argv + 1, argv + argc));
            !everything && !words.empty())
            for (const auto& c : commands)
                if (c->answersTo(words.front())) named = c->needsEveryCommand() ? nullptr : c.get();
        for (auto& c : commands) {
            const bool full = !named || named == c.get();
            declared.emplace_back(c->declare(app, full), c.get());
            if (!full) bare.insert(declared.back().first);
        }
    }
    // Whether CLI11 took another word than the one looked for as the command (then everything
    // is declared and the line parsed again: what is said is never the narrowing's).
    bool parsedBare() const {
        return std::any_of(bare.begin(), bare.end(), [](const CLI::App* a) { return a->parsed(); });
    }
};

// A result that could not be written (a full disk, a closed descriptor) is no success: a
// script reading it would take an empty answer for the answer.
int resultWritten(int rc) {
    errno = 0;
    std::cout.flush();
    if (std::cout && !standardOutputWasClosed()) return rc;
    // A command that failed said why already (a transaction refused for this very reason).
    if (rc != static_cast<int>(ExitCode::Ok) && rc != static_cast<int>(ExitCode::UpdatesAvailable))
        return rc;
    const int error = standardOutputWasClosed() ? EBADF : errno;
    std::cerr << "Error: cannot write the result to standard output"
              << (error ? std::string(" (") + std::strerror(error) + ")" : std::string())
              << (systemChanged() ? "; the changes were made (mpm history info last shows them)"
                                  : "")
              << "\n";
    return rc == static_cast<int>(ExitCode::Ok) ||
                   rc == static_cast<int>(ExitCode::UpdatesAvailable)
               ? static_cast<int>(ExitCode::Error)
               : rc;
}

}  // namespace

namespace {

// dnf's `help [COMMAND]` is `COMMAND --help` (mpm's own help without one): the arguments
// rewritten so, `help` taken out wherever the command word stands.
std::vector<std::string> helpAsOption(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    if (std::find(args.begin() + 1, args.end(), "help") == args.end()) return {};  // (cheap)
    CommandLine probe(argc, argv, false);
    const auto words = commandWords(probe.app, {args.begin() + 1, args.end()});
    if (words.empty() || words.front() != "help") return {};
    args.erase(std::find(args.begin() + 1, args.end(), "help"));
    args.emplace_back("--help");
    return args;
}

int run(int argc, char** argv) {
    if (auto args = helpAsOption(argc, argv); !args.empty()) {
        std::vector<char*> rewritten;
        for (auto& a : args) rewritten.push_back(a.data());
        rewritten.push_back(nullptr);
        return run(static_cast<int>(args.size()), rewritten.data());
    }
    auto line = std::make_unique<CommandLine>(argc, argv, false);
    for (;;) {
        try {
            line->app.parse(argc, argv);
            if (line->parsedBare()) {
                line = std::make_unique<CommandLine>(argc, argv, true);
                continue;
            }
            break;
        } catch (const CLI::Success& e) {
            return line->app.exit(e);
        } catch (const CLI::ParseError& e) {
            if (!line->bare.empty()) {  // said as with every command declared
                line = std::make_unique<CommandLine>(argc, argv, true);
                continue;
            }
            const std::string sentence = parseFailure(line->app, e, argc, argv);
            Output failed(jsonRequested(argc, argv), false, false);
            failed.setCommandNames(commandNames(line->app));
            failed.failure(sentence, static_cast<int>(ExitCode::Usage));
            if (sentence == kNeedsCommand)
                std::cerr << "\nThe commands are:\n" << commandList(line->app);
            return static_cast<int>(ExitCode::Usage);
        }
    }
    CLI::App& app = line->app;
    GlobalOptions& globals = line->globals;
    const auto& declared = line->declared;
    globals.repoToggles = repoToggles(argc, argv);
    globals.best = bestFromArgs(argc, argv);
    globals.cmdline = recordedCommandLine(argc, argv);

    if (globals.debuglevel >= 0 && globals.debuglevel <= 1) globals.quiet = true;
    if (globals.debuglevel >= 3) globals.verbose = true;
    Output out(globals.json, globals.quiet, globals.verbose);
    out.setCommandNames(commandNames(app));
    // What went wrong reading data libsolv loads on demand (file lists), said when the command
    // ends, whichever way it ends.
    struct SaidAtTheEnd {
        Output& out;
        ~SaidAtTheEnd() {
            try {
                // (said even with -q: answers can be wrong without them)
                for (const auto& w : solv::Pool::everyProblem()) out.problem(w);
            } catch (...) {
            }
        }
    } late{out};
    try {
        out.setColour(globals.colour);
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
        out.failure(e.what(), static_cast<int>(e.code()), e.facts());
        if (globals.verbose && !e.rules().empty()) out.info("libsolv's rules:\n" + e.rules());
        return static_cast<int>(e.code());
    } catch (const Error& e) {
        out.failure(e.what(), static_cast<int>(e.code()), e.facts());
        return static_cast<int>(e.code());
    } catch (const std::filesystem::filesystem_error& e) {
        // A path mpm may not read or write (a root that is not the user's, most often).
        const std::string path = e.path1().string();
        std::string sentence = needsRootReason(e.code().value(), path, "this command", "read");
        if (sentence.empty()) sentence = "cannot use " + path + ": " + e.code().message();
        out.failure(sentence, static_cast<int>(ExitCode::Error));
        return static_cast<int>(ExitCode::Error);
    } catch (const std::bad_alloc&) {
        out.failure("out of memory", static_cast<int>(ExitCode::Error));
        return static_cast<int>(ExitCode::Error);
    } catch (const std::exception& e) {
        out.failure(std::string("unexpected failure: ") + e.what(),
                    static_cast<int>(ExitCode::Error));
        return static_cast<int>(ExitCode::Error);
    }
}

}  // namespace

int main(int argc, char** argv) {
    mpm::cli::openClosedStandardStreams();
    return resultWritten(run(argc, argv));
}
