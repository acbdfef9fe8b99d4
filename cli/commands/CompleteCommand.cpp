// mpm __complete -- WORD...: the candidates for the last word of a command line, one per line,
// for the bash completion (completion/mpm.bash). Package names and module streams come from the
// metadata cache only (the script passes -C): nothing is downloaded and nothing is solved.
#include <algorithm>
#include <set>

#include "cli/Arguments.hpp"
#include "cli/commands/Commands.hpp"
#include "libmodule/base/PackageQuery.hpp"
#include "libmodule/comps/Comps.hpp"
#include "libmodule/comps/GroupRequest.hpp"
#include "libmodule/db/History.hpp"
#include "libmodule/db/InstalledDb.hpp"

namespace mpm::cli {

void CompleteCommand::declareArguments(CLI::App* cmd) {
    app_ = cmd->get_parent();
    cmd->add_option("words", words_, "The words after mpm; the last one is being completed");
}

namespace {

enum class Candidates {
    None,
    Files,
    Packages,
    Installed,
    Modules,
    Groups,
    InstalledGroups,
    Repos,
    History
};

// Which subcommands a command takes, and what its arguments are.
const CLI::App* subcommandOf(const CLI::App& app, const std::string& name) {
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        if (sub->get_name() == name ||
            std::find(sub->get_aliases().begin(), sub->get_aliases().end(), name) !=
                sub->get_aliases().end())
            return sub;
    return nullptr;
}

Candidates argumentsOf(const std::string& command, const std::string& sub) {
    if (command == "install" || command == "lock" || command == "info" || command == "list" ||
        command == "repoquery" || command == "rq" || command == "search" ||
        command == "check-update" || command == "check-upgrade")
        return Candidates::Packages;
    if (command == "remove" || command == "erase" || command == "upgrade" || command == "update" ||
        command == "downgrade" || command == "reinstall" || command == "mark")
        return Candidates::Installed;
    if (command == "module") return sub == "provides" ? Candidates::Packages : Candidates::Modules;
    if (command == "group" || command == "groups" || command == "grp")
        return sub == "remove" || sub == "erase" || sub == "upgrade" || sub == "update"
                   ? Candidates::InstalledGroups
                   : Candidates::Groups;
    if (command == "repolist") return Candidates::Repos;
    if (command == "history") return Candidates::History;
    if (command == "key") return sub == "import" ? Candidates::Files : Candidates::None;
    if (command == "apply") return Candidates::Files;  // a desired state
    return Candidates::None;
}

}  // namespace

ExitCode CompleteCommand::run(Context& ctx) {
    if (words_.empty()) words_.push_back("");
    std::string current = words_.back();
    std::string previous = words_.size() > 1 ? words_[words_.size() - 2] : "";
    // "--color=al": the value of --color, offered with the option in front.
    std::string optionPrefix;
    if (const size_t eq = current.find('='); current.starts_with("--") && eq != std::string::npos) {
        previous = current.substr(0, eq);
        optionPrefix = current.substr(0, eq + 1);
        current = current.substr(eq + 1);
    }
    std::set<std::string> out;
    auto offer = [&](const std::string& candidate) {
        if (candidate.starts_with(current)) out.insert(optionPrefix + candidate);
    };

    // The command and its subcommand: the words before the one being completed that are not
    // options (nor their values).
    const std::vector<std::string> positional =
        commandWords(*app_, {words_.begin(), words_.end() - 1});
    const std::string command = positional.empty() ? "" : positional[0];
    const CLI::App* commandApp = command.empty() ? nullptr : subcommandOf(*app_, command);
    std::string sub = positional.size() > 1 ? positional[1] : "";

    Candidates what = Candidates::None;
    const CLI::Option* valueOf = app_->get_option_no_throw(previous);
    if (!valueOf && commandApp) valueOf = commandApp->get_option_no_throw(previous);
    if (valueOf && valueOf->get_expected_min() > 0 && !current.starts_with("-")) {
        // The value of an option.
        if (previous == "--repo" || previous == "--repoid" || previous == "--enablerepo" ||
            previous == "--disablerepo")
            what = Candidates::Repos;
        else if (previous == "--color" || previous == "--colour")
            for (const char* w : {"always", "never", "auto"}) offer(w);
        else if (previous == "--installroot" || previous == "--config" || previous == "-c" ||
                 previous == "--downloaddir" || previous == "--destdir" ||
                 previous == "--from-lock" || previous == "-o" || previous == "--output" ||
                 previous == "--check")
            what = Candidates::Files;  // the others take words no list holds
    } else if (current.starts_with("-")) {
        for (const auto& name : optionNames(*app_)) offer(name);
        if (commandApp)
            for (const CLI::Option* opt : commandApp->get_options()) {
                for (const auto& l : opt->get_lnames()) offer("--" + l);
                for (const auto& s : opt->get_snames()) offer("-" + s);
            }
    } else if (!commandApp) {
        for (const CLI::App* s : app_->get_subcommands([](const CLI::App*) { return true; }))
            if (!s->get_group().empty()) offer(s->get_name());
    } else if (!commandApp->get_subcommands([](const CLI::App*) { return true; }).empty() &&
               positional.size() == 1) {
        for (const CLI::App* s : commandApp->get_subcommands([](const CLI::App*) { return true; }))
            offer(s->get_name());
    } else {
        if (command == "list" || command == "info") {
            if (positional.size() == 1)
                for (const char* w :
                     {"installed", "available", "updates", "upgrades", "extras", "all"})
                    offer(w);
        }
        if (command == "repolist" && positional.size() == 1)
            for (const char* w : {"all", "enabled", "disabled"}) offer(w);
        if (command == "clean" && positional.size() == 1)
            for (const char* w : {"all", "metadata", "packages", "dbcache", "expire-cache"})
                offer(w);
        what = argumentsOf(command, sub);
        // swap REMOVE INSTALL: an installed package, then any.
        if (command == "swap")
            what = positional.size() < 2 ? Candidates::Installed : Candidates::Packages;
        // "@": module streams and profiles, groups and environments ("@^").
        if (command == "install" && current.starts_with("@")) what = Candidates::Modules;
    }

    // Candidates from the cache and the databases; a root without them completes nothing.
    try {
        switch (what) {
            case Candidates::None:
                break;
            case Candidates::Files:
                ctx.out.line("__files__");
                return ExitCode::Ok;
            case Candidates::Repos:
                for (const auto& r : ctx.config().repos) offer(r.id);
                break;
            case Candidates::History: {
                offer("last");
                auto db = InstalledDb::openForReading(ctx.config().persistDir());
                for (const auto& t : History::list(db.get())) offer(std::to_string(t.id));
                break;
            }
            case Candidates::Packages:
            case Candidates::Installed: {
                Sack& sack = ctx.sack(what == Candidates::Packages, true);
                PackageQuery q(sack);
                if (what == Candidates::Installed) q.installed();
                for (Id id : q.ids()) offer(sack.package(id).name());
                break;
            }
            case Candidates::Groups:
            case Candidates::InstalledGroups: {
                const Sack& sack = ctx.sack(what == Candidates::Groups, false);
                if (what == Candidates::Groups) {
                    const comps::Comps comps = comps::Comps::load(sack);
                    for (const auto& g : comps.groups()) offer(g.id);
                    for (const auto& e : comps.environments()) offer(e.id);
                }
                for (const auto& g : comps::GroupRequest::installedGroups(sack)) offer(g.id);
                break;
            }
            case Candidates::Modules: {
                ctx.sack(true, true);
                const std::string prefix = current.starts_with("@") ? "@" : "";
                if (!prefix.empty()) {
                    const comps::Comps comps = comps::Comps::load(ctx.sack(true, true));
                    for (const auto& g : comps.groups()) offer("@" + g.id);
                    for (const auto& e : comps.environments()) offer("@^" + e.id);
                }
                if (const Modules* m = ctx.modules())
                    for (const auto& s : m->metadata().streams()) {
                        offer(prefix + s.name);
                        offer(prefix + s.name + ":" + s.stream);
                        for (const auto& [profile, rpms] : s.profiles)
                            offer(prefix + s.name + ":" + s.stream + "/" + profile);
                    }
                break;
            }
        }
    } catch (const std::exception&) {
        // No cache yet (-C), no database: nothing to offer.
    }
    for (const auto& c : out) ctx.out.line(c);
    return ExitCode::Ok;
}

}  // namespace mpm::cli
