// mpm module list [--enabled|--disabled|--installed|--all] [NAME...]
#include <map>
#include <set>

#include "cli/commands/Commands.hpp"
#include "common/Strings.hpp"
#include "libmodule/ModuleMetadata.hpp"

namespace mpm::cli {

CLI::App* ModuleCommand::declare(CLI::App& app) {
    auto* cmd = app.add_subcommand("module", "Module streams");
    cmd->require_subcommand(1);
    list_ = cmd->add_subcommand("list", "List module streams, grouped by repository");
    auto* enabled = list_->add_flag("--enabled", enabled_, "Only enabled streams");
    auto* disabled = list_->add_flag("--disabled", disabled_, "Only disabled modules");
    auto* installed =
        list_->add_flag("--installed", installed_, "Only streams with installed profiles");
    list_->add_flag("--all", all_, "Every stream (the default)")
        ->excludes(enabled, disabled, installed);
    enabled->excludes(disabled, installed);
    disabled->excludes(installed);
    list_->add_option("name", names_, "Module names (globs allowed)");
    return cmd;
}

namespace {

// Profiles as dnf shows them: "common [d], development".
std::string profileList(const ModuleStream& s, const std::vector<std::string>& defaults) {
    std::vector<std::string> parts;
    for (const auto& [name, rpms] : s.profiles) {
        bool isDefault = std::find(defaults.begin(), defaults.end(), name) != defaults.end();
        parts.push_back(name + (isDefault ? " [d]" : ""));
    }
    return join(parts, ", ");
}

}  // namespace

ExitCode ModuleCommand::run(Context& ctx) {
    Sack& sack = ctx.sack(true, false);
    std::vector<std::string> warnings;
    ModuleMetadata md = ModuleMetadata::load(sack, warnings);
    for (const auto& w : warnings) ctx.out.warn(w);

    // The newest build of each (repo, module, stream); states come with module state (issue 4).
    std::map<std::tuple<std::string, std::string, std::string>, const ModuleStream*> newest;
    std::map<std::tuple<std::string, std::string, std::string>, std::set<std::string>> contexts;
    for (const auto& s : md.streams()) {
        if (!names_.empty() && std::none_of(names_.begin(), names_.end(),
                                            [&](const auto& g) { return globMatch(g, s.name); }))
            continue;
        auto key = std::make_tuple(s.repo, s.name, s.stream);
        contexts[key].insert(s.context);
        auto [it, fresh] = newest.emplace(key, &s);
        if (!fresh && s.version > it->second->version) it->second = &s;
    }
    const bool stateFilter = enabled_ || disabled_ || installed_;  // nothing has a state yet

    nlohmann::json arr = nlohmann::json::array();
    std::map<std::string, std::vector<std::vector<std::string>>> byRepo;
    for (const auto& [key, s] : newest) {
        if (stateFilter) continue;
        const ModuleDefaults* d = md.defaults(s->name);
        const bool isDefault = d && d->stream == s->stream;
        std::vector<std::string> defaultProfiles;
        if (d && d->profiles.count(s->stream)) defaultProfiles = d->profiles.at(s->stream);
        if (ctx.out.json()) {
            std::vector<std::string> profiles;
            for (const auto& [p, rpms] : s->profiles) profiles.push_back(p);
            arr.push_back({{"name", s->name},
                           {"stream", s->stream},
                           {"version", s->version},
                           {"context", s->context},
                           {"contexts", contexts[key]},
                           {"arch", s->arch},
                           {"repo", s->repo},
                           {"state", "available"},
                           {"default", isDefault},
                           {"profiles", profiles},
                           {"default_profiles", defaultProfiles},
                           {"installed_profiles", nlohmann::json::array()},
                           {"summary", s->summary}});
            continue;
        }
        byRepo[s->repo].push_back({s->name, s->stream + (isDefault ? " [d]" : ""),
                                   profileList(*s, defaultProfiles), s->summary});
    }
    if (ctx.out.json()) {
        ctx.out.printJson(arr);
        return ExitCode::Ok;
    }
    bool first = true;
    for (const auto& [repo, rows] : byRepo) {
        const LoadedRepo* r = sack.repo(repo);
        ctx.out.line(std::string(first ? "" : "\n") + (r ? r->config->name : repo));
        std::vector<std::vector<std::string>> table = {{"Name", "Stream", "Profiles", "Summary"}};
        table.insert(table.end(), rows.begin(), rows.end());
        ctx.out.table(table);
        first = false;
    }
    if (!byRepo.empty()) ctx.out.line("\nHint: [d]efault, [e]nabled, [x]disabled, [i]nstalled");
    if (byRepo.empty() && !names_.empty() && !stateFilter)
        throw Error("no module matches " + join(names_, ", "));
    return ExitCode::Ok;
}

}  // namespace mpm::cli
