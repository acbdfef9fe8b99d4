// mpm module list|info|provides|enable|disable|reset|install|remove|switch-to
#include <map>
#include <set>

#include "cli/TransactionFlow.hpp"
#include "cli/commands/Commands.hpp"
#include "common/Strings.hpp"
#include "libmodule/module/ModuleRequest.hpp"
#include "libmodule/module/Modules.hpp"

namespace mpm::cli {

void ModuleCommand::declareArguments(CLI::App* cmd) {
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

    info_ = cmd->add_subcommand("info", "Show module builds");
    info_->add_flag("--profile", profileInfo_, "Show the packages of each profile");
    info_->add_option("spec", names_, "NAME[:STREAM[:VERSION[:CONTEXT]]]")->required();
    provides_ = cmd->add_subcommand("provides", "Show which module builds ship a package");
    provides_->add_option("package", names_, "Package names or NEVRAs (globs allowed)")->required();

    enable_ = cmd->add_subcommand("enable", "Enable module streams (the default without one)");
    enable_->add_option("spec", names_, "NAME[:STREAM]")->required();
    disable_ = cmd->add_subcommand("disable", "Disable modules: none of their streams is used");
    disable_->add_option("name", names_, "Module names")->required();
    reset_ = cmd->add_subcommand("reset", "Forget the choice made for modules (defaults apply)");
    reset_->add_option("name", names_, "Module names")->required();
    install_ = cmd->add_subcommand("install", "Enable streams and install profiles");
    install_->add_option("spec", names_, "NAME[:STREAM][/PROFILE]")->required();
    remove_ = cmd->add_subcommand("remove", "Remove the packages of installed profiles");
    remove_->add_flag("--all", removeAll_, "Remove every installed package of the module");
    remove_->add_option("spec", names_, "NAME[:STREAM][/PROFILE]")->required();
    switch_ = cmd->add_subcommand("switch-to", "Switch to another stream and its packages");
    switch_->add_option("spec", names_, "NAME:STREAM[/PROFILE]")->required();
    for (auto* sub : {install_, remove_, switch_})
        sub->add_flag("--allowerasing", flow_.allowErasing,
                      "Remove installed packages that are in the way");
    for (auto* sub : {install_, switch_}) {
        sub->add_flag("--nodocs", flow_.nodocs, "Do not install documentation");
        sub->add_flag("--noscripts", flow_.noscripts, "Do not run scriptlets");
    }
}

namespace {

// Profiles as dnf shows them: "common [d] [i], development".
std::string profileList(const ModuleStream& s, const std::vector<std::string>& defaults,
                        const std::set<std::string>& installed) {
    std::vector<std::string> parts;
    for (const auto& [name, rpms] : s.profiles) {
        bool isDefault = std::find(defaults.begin(), defaults.end(), name) != defaults.end();
        parts.push_back(name + (isDefault ? " [d]" : "") + (installed.count(name) ? " [i]" : ""));
    }
    return join(parts, ", ");
}

std::vector<std::string> defaultProfilesOf(const Modules& m, const ModuleStream& s) {
    const ModuleDefaults* d = m.metadata().defaults(s.name);
    if (d && d->profiles.count(s.stream)) return d->profiles.at(s.stream);
    return {};
}

bool isDefaultStream(const Modules& m, const ModuleStream& s) {
    const ModuleDefaults* d = m.metadata().defaults(s.name);
    return d && d->stream == s.stream;
}

// "[d][e]" after a stream.
std::string streamMarkers(const Modules& m, const ModuleStream& s) {
    const ModuleState st = m.states().get(s.name);
    std::string out;
    if (isDefaultStream(m, s)) out += "[d]";
    if (st.status == ModuleStatus::Enabled && st.stream == s.stream) out += "[e]";
    if (st.status == ModuleStatus::Disabled) out += "[x]";
    return out;
}

std::string requiresText(const ModuleStream& s) {
    std::vector<std::string> blocks;
    for (const auto& block : s.requires_) {
        std::vector<std::string> parts;
        for (const auto& [module, streams] : block)
            parts.push_back(module + ":[" + join(streams, ",") + "]");
        blocks.push_back(join(parts, ", "));
    }
    return join(blocks, " | ");
}

std::string nsvca(const ModuleStream& s) {
    return s.name + ":" + s.stream + ":" + std::to_string(s.version) + ":" + s.context + ":" +
           s.arch;
}

// The streams only (no package is read when the configuration or os-release names the
// platform; otherwise the installed release package may be what says it).
Context::ModuleStreams loadModules(Context& ctx) {
    const Context::ModuleStreams streams = ctx.moduleStreams();
    const Platform& platform = streams.modules.platform();
    ctx.out.info(platform.known() ? "platform: " + platform.id() + " (from " + platform.source + ")"
                                  : "platform: unknown (" + platform.unknownWhy + ")");
    return streams;
}

}  // namespace

ExitCode ModuleCommand::run(Context& ctx) {
    if (list_->parsed()) return list(ctx);
    if (info_->parsed()) return info(ctx);
    if (provides_->parsed()) return provides(ctx);
    return runTransaction(
        ctx,
        [&](Goal& goal) {
            if (!goal.modules()) throw Error("module metadata is not loaded");
            ModuleRequest request(goal.sack(), *goal.modules());
            for (const auto& spec : names_) {
                if (enable_->parsed()) request.enable(spec);
                if (disable_->parsed()) request.disable(spec);
                if (reset_->parsed()) request.reset(spec);
                if (install_->parsed()) request.install(spec);
                if (remove_->parsed()) request.remove(spec, removeAll_);
                if (switch_->parsed()) request.switchTo(spec);
            }
            goal.addModuleJobs(request.apply());
            for (const auto& sentence : request.nothingToDo()) goal.noteNothingToDo(sentence);
        },
        flow_);
}

ExitCode ModuleCommand::list(Context& ctx) {
    const auto [sack, m] = loadModules(ctx);
    // Each (repo, module, stream) once: the build in use where the stream is active (the newest
    // may be for another platform), else the newest.
    std::map<std::tuple<std::string, std::string, std::string>, const ModuleStream*> newest;
    std::map<std::tuple<std::string, std::string, std::string>, std::set<std::string>> contexts;
    for (const auto& s : m.metadata().streams()) {
        if (!names_.empty() && std::none_of(names_.begin(), names_.end(),
                                            [&](const auto& g) { return globMatch(g, s.name); }))
            continue;
        auto key = std::make_tuple(s.repo, s.name, s.stream);
        contexts[key].insert(s.context);
        auto [it, fresh] = newest.emplace(key, &s);
        if (!fresh && s.version > it->second->version) it->second = &s;
    }
    for (auto& [key, s] : newest)
        if (const ModuleStream* chosen = m.selection().chosenFor(s->name);
            chosen && chosen->stream == s->stream && chosen->repo == s->repo)
            s = chosen;
    nlohmann::json arr = nlohmann::json::array();
    std::map<std::string, std::vector<std::vector<std::string>>> byRepo;
    for (const auto& [key, s] : newest) {
        const ModuleState st = m.states().get(s->name);
        const bool enabled = st.status == ModuleStatus::Enabled && st.stream == s->stream;
        const std::set<std::string> installedProfiles =
            enabled ? st.profiles : std::set<std::string>{};
        if (enabled_ && !enabled) continue;
        if (disabled_ && st.status != ModuleStatus::Disabled) continue;
        if (installed_ && installedProfiles.empty()) continue;
        const std::vector<std::string> defaultProfiles = defaultProfilesOf(m, *s);
        if (ctx.out.json()) {
            std::vector<std::string> profiles;
            for (const auto& [p, rpms] : s->profiles) profiles.push_back(p);
            const char* state = enabled                               ? "enabled"
                                : st.status == ModuleStatus::Disabled ? "disabled"
                                                                      : "available";
            const ModuleStream* chosen = m.selection().chosenFor(s->name);
            arr.push_back({{"name", s->name},
                           {"stream", s->stream},
                           {"version", s->version},
                           {"context", s->context},
                           {"contexts", contexts[key]},
                           {"arch", s->arch},
                           {"repo", s->repo},
                           {"state", state},
                           {"active", chosen && chosen->stream == s->stream},
                           {"default", isDefaultStream(m, *s)},
                           {"profiles", profiles},
                           {"default_profiles", defaultProfiles},
                           {"installed_profiles", installedProfiles},
                           {"summary", s->summary}});
            continue;
        }
        const std::string markers = streamMarkers(m, *s);
        byRepo[s->repo].push_back({s->name, s->stream + (markers.empty() ? "" : " " + markers),
                                   profileList(*s, defaultProfiles, installedProfiles),
                                   s->summary});
    }
    // Named modules none of which exists: an error, with --json too (filtered by state, an
    // empty list is an answer).
    const bool stateFilter = enabled_ || disabled_ || installed_;
    if (newest.empty() && !names_.empty() && !stateFilter)
        throw Error("no module matches " + join(names_, ", "));
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
    return ExitCode::Ok;
}

ExitCode ModuleCommand::info(Context& ctx) {
    const Modules& m = loadModules(ctx).modules;
    nlohmann::json arr = nlohmann::json::array();
    bool first = true;
    for (const auto& text : names_) {
        const ModuleSpec spec = ModuleSpec::parse(text);
        std::vector<const ModuleStream*> builds;
        for (const auto& s : m.metadata().streams())
            if (globMatch(spec.name, s.name) && (spec.stream.empty() || s.stream == spec.stream) &&
                (spec.version.empty() || std::to_string(s.version) == spec.version) &&
                (spec.context.empty() || s.context == spec.context))
                builds.push_back(&s);
        if (builds.empty())
            throw Error("no module build matches '" + text + "' (see mpm module list)");
        for (const ModuleStream* s : builds) {
            const ModuleState st = m.states().get(s->name);
            const bool enabled = st.status == ModuleStatus::Enabled && st.stream == s->stream;
            const std::set<std::string> installedProfiles =
                enabled ? st.profiles : std::set<std::string>{};
            const bool active = m.isActive(s);
            const ModuleObsoletes* eol = m.metadata().obsoletes(s->name, s->stream);
            std::string eolText;
            if (eol) {
                eolText = eol->message.empty() ? "yes" : eol->message;
                if (!eol->byModule.empty())
                    eolText += "; succeeded by " + eol->byModule + ":" + eol->byStream;
            }
            if (ctx.out.json()) {
                nlohmann::json eolJson = nullptr;
                if (eol)
                    eolJson = {
                        {"message", eol->message},
                        {"successor", eol->byModule.empty()
                                          ? nlohmann::json(nullptr)
                                          : nlohmann::json(eol->byModule + ":" + eol->byStream)},
                        {"reset", eol->reset}};
                arr.push_back({{"name", s->name},
                               {"stream", s->stream},
                               {"version", s->version},
                               {"context", s->context},
                               {"arch", s->arch},
                               {"repo", s->repo},
                               {"default", isDefaultStream(m, *s)},
                               {"enabled", enabled},
                               {"active", active},
                               {"profiles", s->profiles},
                               {"default_profiles", defaultProfilesOf(m, *s)},
                               {"installed_profiles", installedProfiles},
                               {"requires", s->requires_},
                               {"artifacts", s->artifacts},
                               {"summary", s->summary},
                               {"description", s->description},
                               {"end_of_life", eolJson}});
                continue;
            }
            if (!first) ctx.out.line("");
            first = false;
            if (profileInfo_) {
                std::vector<std::vector<std::string>> rows = {{"Name", ":", nsvca(*s)}};
                for (const auto& [p, rpms] : s->profiles) {
                    bool firstRpm = true;
                    for (const auto& r : rpms) {
                        rows.push_back({firstRpm ? p : "", ":", r});
                        firstRpm = false;
                    }
                    if (rpms.empty()) rows.push_back({p, ":", ""});
                }
                ctx.out.table(rows);
                continue;
            }
            std::string markers = streamMarkers(m, *s) + (active ? "[a]" : "");
            std::vector<std::vector<std::string>> rows = {
                {"Name", ":", s->name},
                {"Stream", ":", s->stream + (markers.empty() ? "" : " " + markers)},
                {"Version", ":", std::to_string(s->version)},
                {"Context", ":", s->context},
                {"Architecture", ":", s->arch},
                {"Profiles", ":", profileList(*s, defaultProfilesOf(m, *s), installedProfiles)},
                {"Default profiles", ":", join(defaultProfilesOf(m, *s), " ")},
                {"Repo", ":", s->repo},
                {"Summary", ":", s->summary},
                {"Description", ":", s->description},
                {"Requires", ":", requiresText(*s)}};
            if (eol) rows.push_back({"End of life", ":", eolText});
            bool firstArtifact = true;
            for (const auto& a : s->artifacts) {
                rows.push_back({firstArtifact ? "Artifacts" : "", ":", a});
                firstArtifact = false;
            }
            ctx.out.table(rows);
        }
    }
    if (ctx.out.json())
        ctx.out.printJson(arr);
    else
        ctx.out.line("\nHint: [d]efault, [e]nabled, [x]disabled, [i]nstalled, [a]ctive");
    return ExitCode::Ok;
}

ExitCode ModuleCommand::provides(Context& ctx) {
    const Modules& m = loadModules(ctx).modules;
    nlohmann::json arr = nlohmann::json::array();
    bool first = true, any = false;
    for (const auto& s : m.metadata().streams()) {
        for (const auto& a : s.artifacts) {
            if (a.ends_with(".src")) continue;
            const std::string full = normalizeArtifact(a);
            const std::string name = full.substr(0, full.rfind('-', full.rfind('-') - 1));
            if (std::none_of(names_.begin(), names_.end(), [&](const auto& g) {
                    return globMatch(g, name) || globMatch(g, a) || globMatch(g, full);
                }))
                continue;
            any = true;
            std::vector<std::string> profiles;
            for (const auto& [p, rpms] : s.profiles)
                if (std::find(rpms.begin(), rpms.end(), name) != rpms.end()) profiles.push_back(p);
            if (ctx.out.json()) {
                arr.push_back({{"package", a},
                               {"module", s.name},
                               {"stream", s.stream},
                               {"version", s.version},
                               {"context", s.context},
                               {"arch", s.arch},
                               {"profiles", profiles},
                               {"repo", s.repo},
                               {"active", m.isActive(&s)}});
                continue;
            }
            if (!first) ctx.out.line("");
            first = false;
            // dnf's lines: the package as rpm names it (no 0: epoch), labels of nine columns
            std::string shown = full;
            if (shown.compare(name.size(), 3, "-0:") == 0) shown.erase(name.size() + 1, 2);
            ctx.out.line(shown);
            for (const auto& [label, value] :
                 {std::pair<std::string, std::string>{"Module", nsvca(s)},
                  {"Profiles", join(profiles, " ")},
                  {"Repo", s.repo},
                  {"Summary", s.summary}})
                ctx.out.line(label + std::string(9 - label.size(), ' ') + ": " + value);
        }
    }
    if (!any) throw Error("no module build ships a package matching " + join(names_, ", "));
    if (ctx.out.json()) ctx.out.printJson(arr);
    return ExitCode::Ok;
}

}  // namespace mpm::cli
