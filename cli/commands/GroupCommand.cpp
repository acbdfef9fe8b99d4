// mpm group summary|list|info|install|remove|upgrade|mark install|remove: comps groups and
// environments, with dnf's words and output.
#include <algorithm>

#include "cli/TransactionFlow.hpp"
#include "cli/commands/Commands.hpp"
#include "libmodule/comps/Comps.hpp"
#include "libmodule/comps/GroupRequest.hpp"

namespace mpm::cli {

using comps::Comps;
using comps::GroupRequest;

void GroupCommand::declareArguments(CLI::App* cmd) {
    summary_ = cmd->add_subcommand("summary", "Count installed and available groups (default)");
    list_ = cmd->add_subcommand("list", "List environments and groups");
    auto* hidden = list_->add_flag("--hidden", hidden_, "Also groups not meant to be shown");
    auto* installed = list_->add_flag("--installed", installed_, "Only installed ones");
    auto* available = list_->add_flag("--available", available_, "Only those not installed");
    installed->excludes(available);
    (void)hidden;
    list_->add_flag("--ids", ids_, "Show ids beside names");
    list_->add_option("pattern", patterns_, "Ids or names (globs allowed)");
    info_ =
        cmd->add_subcommand("info", "Show the packages of groups and the groups of environments");
    info_->add_option("pattern", patterns_, "Ids or names (globs allowed)")->required();
    install_ = cmd->add_subcommand("install", "Install groups and environments and their packages");
    install_->add_flag("--with-optional", withOptional_, "Include the optional packages");
    install_->add_option("pattern", patterns_, "Ids or names (globs allowed)")->required();
    remove_ = cmd->add_subcommand("remove", "Remove groups and the packages they brought");
    remove_->alias("erase");
    remove_->add_option("pattern", patterns_, "Installed ids or names")->required();
    upgrade_ = cmd->add_subcommand("upgrade", "Bring installed groups to what they list now");
    upgrade_->alias("update");
    upgrade_->add_option("pattern", patterns_, "Installed ids or names")->required();
    mark_ = cmd->add_subcommand("mark", "Record groups as installed or not, packages untouched");
    mark_->require_subcommand(1);
    markInstall_ = mark_->add_subcommand("install", "Record groups as installed");
    markInstall_->add_flag("--with-optional", withOptional_, "Record the optional packages too");
    markRemove_ = mark_->add_subcommand("remove", "Forget installed groups");
    for (auto* sub : {markInstall_, markRemove_})
        sub->add_option("pattern", patterns_, "Ids or names")->required();
    for (auto* sub : {install_, remove_, upgrade_})
        sub->add_flag("--allowerasing", flow_.allowErasing,
                      "Remove installed packages that are in the way");
    for (auto* sub : {install_, upgrade_}) {
        sub->add_flag("--skip-broken", flow_.skipBroken,
                      "Leave out packages that cannot be installed");
        sub->add_flag("--nodocs", flow_.nodocs, "Do not install documentation");
        sub->add_flag("--noscripts", flow_.noscripts, "Do not run scriptlets");
    }
}

namespace {

Comps loadComps(Context& ctx) {
    Comps comps = Comps::load(ctx.sack(true, false));
    if (comps.empty())
        throw Error(
            "no group data: none of the enabled repositories has comps (group) metadata "
            "(see mpm repolist)");
    return comps;
}

bool isInstalled(const std::vector<db::InstalledGroup>& installed, db::CompsKind kind,
                 const std::string& id) {
    return std::any_of(installed.begin(), installed.end(),
                       [&](const auto& g) { return g.kind == kind && g.id == id; });
}

bool matchesAny(const std::vector<std::string>& patterns, const std::string& id,
                const std::string& name) {
    if (patterns.empty()) return true;
    return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) {
        return comps::matchesExactly(p, id, name) || comps::matchesGlob(p, id, name);
    });
}

// One line of dnf's group list: "   Name (id)" with --ids.
std::string listLine(const std::string& name, const std::string& id, bool ids) {
    return "   " + (name.empty() ? "<name-unset>" : name) + (ids ? " (" + id + ")" : "");
}

}  // namespace

ExitCode GroupCommand::list(Context& ctx) {
    const Comps comps = loadComps(ctx);
    const auto installed = GroupRequest::installedGroups(ctx.sack(true, false));
    for (const auto& p : patterns_)
        if (comps.groupsMatching(p).empty() && comps.environmentsMatching(p).empty() &&
            std::none_of(installed.begin(), installed.end(),
                         [&](const auto& g) { return matchesAny({p}, g.id, g.name); }))
            throw Error("no group or environment matches '" + p +
                        "' (see mpm group list --hidden)");
    struct Row {
        db::CompsKind kind;
        std::string id, name, description;
        bool installed, visible;
        std::vector<std::string> repos;
    };
    std::vector<Row> rows;
    for (const auto& e : comps.environments())
        rows.push_back({db::CompsKind::Environment, e.id, e.name, e.description,
                        isInstalled(installed, db::CompsKind::Environment, e.id), true, e.repos});
    for (const auto& g : comps.groups())
        rows.push_back({db::CompsKind::Group, g.id, g.name, g.description,
                        isInstalled(installed, db::CompsKind::Group, g.id), g.visible, g.repos});
    // Installed, but no repository describes it any more: still listed, so it can be removed.
    for (const auto& g : installed)
        if (g.kind == db::CompsKind::Group ? !comps.group(g.id) : !comps.environment(g.id))
            rows.push_back({g.kind, g.id, g.name, "", true, true, {}});
    std::erase_if(rows, [&](const Row& r) {
        return !matchesAny(patterns_, r.id, r.name) || (installed_ && !r.installed) ||
               (available_ && r.installed) ||
               // dnf: hidden groups show with --hidden, or when installed
               (!hidden_ && !r.visible && !r.installed);
    });
    if (ctx.out.json()) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& r : rows)
            arr.push_back({{"kind", db::compsKindName(r.kind)},
                           {"id", r.id},
                           {"name", r.name},
                           {"description", r.description},
                           {"installed", r.installed},
                           {"visible", r.visible},
                           {"repos", r.repos}});
        ctx.out.printJson(arr);
        return ExitCode::Ok;
    }
    const bool ids = ids_ || ctx.out.verbose();
    auto section = [&](const char* title, db::CompsKind kind, bool inst) {
        bool first = true;
        for (const auto& r : rows) {
            if (r.kind != kind || r.installed != inst) continue;
            if (first) ctx.out.line(title);
            first = false;
            ctx.out.line(listLine(r.name, r.id, ids));
        }
    };
    section("Available Environment Groups:", db::CompsKind::Environment, false);
    section("Installed Environment Groups:", db::CompsKind::Environment, true);
    section("Installed Groups:", db::CompsKind::Group, true);
    section("Available Groups:", db::CompsKind::Group, false);
    return ExitCode::Ok;
}

ExitCode GroupCommand::info(Context& ctx) {
    const Comps comps = loadComps(ctx);
    nlohmann::json arr = nlohmann::json::array();
    bool first = true;
    auto print = [&](const std::string& text) {
        if (!ctx.out.json()) ctx.out.line(text);
    };
    for (const auto& pattern : patterns_) {
        const auto envs = comps.environmentsMatching(pattern);
        const auto groups = comps.groupsMatching(pattern);
        if (envs.empty() && groups.empty())
            throw Error("no group or environment matches '" + pattern +
                        "' (see mpm group list --hidden)");
        for (const comps::Environment* e : envs) {
            auto names = [&](const std::vector<std::string>& ids) {
                std::vector<std::string> out;
                for (const auto& id : ids) {
                    const comps::Group* g = comps.group(id);
                    out.push_back(g && !g->name.empty() ? g->name : id);
                }
                std::sort(out.begin(), out.end());
                return out;
            };
            arr.push_back({{"kind", "environment"},
                           {"id", e->id},
                           {"name", e->name},
                           {"description", e->description},
                           {"groups", e->groups},
                           {"optional_groups", e->optionalGroups},
                           {"repos", e->repos}});
            if (!first) print("");
            first = false;
            print("Environment Group: " + e->name);
            if (ctx.out.verbose()) print(" Environment-Id: " + e->id);
            if (!e->description.empty()) print(" Description: " + e->description);
            for (auto [title, list] : {std::pair{" Mandatory Groups:", names(e->groups)},
                                       {" Optional Groups:", names(e->optionalGroups)}}) {
                if (list.empty()) continue;
                print(title);
                for (const auto& n : list) print("   " + n);
            }
        }
        for (const comps::Group* g : groups) {
            nlohmann::json packages = nlohmann::json::object();
            if (!first) print("");
            first = false;
            print("Group: " + g->name);
            if (ctx.out.verbose()) print(" Group-Id: " + g->id);
            if (!g->description.empty()) print(" Description: " + g->description);
            for (auto [type, title] :
                 {std::pair{comps::PackageType::Mandatory, " Mandatory Packages:"},
                  {comps::PackageType::Default, " Default Packages:"},
                  {comps::PackageType::Optional, " Optional Packages:"},
                  {comps::PackageType::Conditional, " Conditional Packages:"}}) {
                std::vector<std::string> names;
                nlohmann::json listed = nlohmann::json::array();
                for (const comps::GroupPackage* p : g->packagesOf({type})) {
                    names.push_back(p->name);
                    nlohmann::json j = {{"name", p->name}};
                    if (!p->condition.empty()) j["requires"] = p->condition;
                    listed.push_back(j);
                }
                packages[comps::packageTypeName(type)] = listed;
                if (names.empty()) continue;
                std::sort(names.begin(), names.end());
                print(title);
                for (const auto& n : names) print("   " + n);
            }
            arr.push_back({{"kind", "group"},
                           {"id", g->id},
                           {"name", g->name},
                           {"description", g->description},
                           {"visible", g->visible},
                           {"packages", packages},
                           {"repos", g->repos}});
        }
    }
    if (ctx.out.json()) ctx.out.printJson(arr);
    return ExitCode::Ok;
}

ExitCode GroupCommand::summary(Context& ctx) {
    const Comps comps = loadComps(ctx);
    const auto installed = GroupRequest::installedGroups(ctx.sack(true, false));
    int inst = 0, avail = 0;
    for (const auto& g : comps.groups()) {
        if (isInstalled(installed, db::CompsKind::Group, g.id))
            ++inst;
        else if (g.visible)
            ++avail;
    }
    if (ctx.out.json()) {
        ctx.out.printJson({{"installed_groups", inst}, {"available_groups", avail}});
        return ExitCode::Ok;
    }
    if (inst) ctx.out.line("Installed Groups: " + std::to_string(inst));
    if (avail) ctx.out.line("Available Groups: " + std::to_string(avail));
    return ExitCode::Ok;
}

ExitCode GroupCommand::run(Context& ctx) {
    if (list_->parsed()) return list(ctx);
    if (info_->parsed()) return info(ctx);
    if (!install_->parsed() && !remove_->parsed() && !upgrade_->parsed() && !mark_->parsed())
        return summary(ctx);
    return runTransaction(
        ctx,
        [&](Goal& goal) {
            const Comps comps = Comps::load(goal.sack());
            GroupRequest request(goal.sack(), comps);
            for (const auto& p : patterns_) {
                if (install_->parsed()) request.install(p, withOptional_);
                if (remove_->parsed()) request.remove(p);
                if (upgrade_->parsed()) request.upgrade(p);
                if (markInstall_->parsed()) request.markInstalled(p, withOptional_);
                if (markRemove_->parsed()) request.markRemoved(p);
            }
            goal.addGroupJobs(request.jobs());
        },
        flow_);
}

}  // namespace mpm::cli
