#include "cli/TransactionFlow.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <map>

#include "cli/PackageJson.hpp"
#include "cli/ProgressBar.hpp"
#include "cli/Prompt.hpp"
#include "cli/StandardStreams.hpp"
#include "common/Interrupt.hpp"
#include "common/Secrets.hpp"
#include "common/Strings.hpp"
#include "libmodule/transaction/PackageDownloader.hpp"
#include "libmodule/transaction/TransactionExecutor.hpp"

namespace mpm::cli {

namespace {

std::string sectionOf(const PlanStep& s) {
    switch (s.kind) {
        case StepKind::Install:
            switch (s.reason) {
                case db::InstallReason::User:
                case db::InstallReason::External:
                    return "Installing";
                case db::InstallReason::Module:
                    return "Installing module packages";
                case db::InstallReason::Group:
                    return "Installing group packages";
                case db::InstallReason::WeakDependency:
                    return "Installing weak dependencies";
                case db::InstallReason::Dependency:
                    return "Installing dependencies";
            }
            break;
        case StepKind::Upgrade:
            return "Upgrading";
        case StepKind::Downgrade:
            return "Downgrading";
        case StepKind::Reinstall:
            return "Reinstalling";
        case StepKind::Remove:
            switch (s.cause) {
                case solve::RemovalCause::InstallOnlyLimit:
                    return "Removing old versions (installonly_limit)";
                case solve::RemovalCause::UnusedDependency:
                    return "Removing unused dependencies";
                case solve::RemovalCause::Dependent:
                    return "Removing dependent packages";
                case solve::RemovalCause::User:
                    return "Removing";
            }
            break;
    }
    return "";
}

// Where a package comes from, as the plan's table shows it: its repository, "@base" for an
// installed one (where it came from), or for a locked package the repository it was locked from.
std::string repoLabel(const Sack& sack, const Package& p) {
    if (p.installed()) {
        // An installed package shows where it came from, as dnf shows it ("@base").
        const InstalledInfo* info = sack.installedInfo(p.id());
        return "@" + (info && !info->fromRepo.empty() ? info->fromRepo : "System");
    }
    const std::string origin = sack.localOrigin(p.id());
    return origin.empty() ? p.repoId() : origin;
}

nlohmann::json planJson(const Sack& sack, const TransactionPlan& plan) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& s : plan.steps) {
        Package p = sack.package(s.package);
        nlohmann::json replaces = nlohmann::json::array();
        for (Id r : s.replaces) replaces.push_back(sack.package(r).fullNevra());
        nlohmann::json step = identityJson(p);
        step["action"] = toLower(stepKindName(s.kind));
        step["evr"] = p.evr();
        // In JSON a package that is installed is in "@System", as PACKAGE says (from_repo there
        // holds its origin); the table shows "@base" as dnf does.
        step["repo"] = p.installed() ? "@System" : repoLabel(sack, p);
        step["reason"] = s.why();
        step["download_size"] = s.kind == StepKind::Remove ? 0 : p.downloadSize();
        step["replaces"] = replaces;
        arr.push_back(step);
    }
    return arr;
}

// "Enabling module streams:" and the like, as dnf shows them.
void printModuleChanges(const Output& out, const Modules* modules, const TransactionPlan& plan) {
    std::vector<std::vector<std::string>> rows;
    auto section = [&](const char* title, auto pick) {
        bool first = true;
        for (const auto& m : plan.moduleChanges) {
            std::string text = pick(m);
            if (text.empty()) continue;
            if (first) rows.push_back({std::string(title)});
            first = false;
            rows.push_back({" " + m.name, text});
        }
    };
    auto before = [&](const ModuleState& m) {
        return modules ? modules->originalStates().get(m.name) : ModuleState{};
    };
    section("Switching module streams:", [&](const ModuleState& m) {
        const ModuleState b = before(m);
        return m.status == ModuleStatus::Enabled && b.status == ModuleStatus::Enabled &&
                       b.stream != m.stream
                   ? b.stream + " -> " + m.stream
                   : std::string();
    });
    section("Enabling module streams:", [&](const ModuleState& m) {
        const ModuleState b = before(m);
        return m.status == ModuleStatus::Enabled && b.status != ModuleStatus::Enabled
                   ? m.stream
                   : std::string();
    });
    section("Installing module profiles:", [&](const ModuleState& m) {
        std::vector<std::string> added;
        for (const auto& p : m.profiles)
            if (!before(m).profiles.count(p) || before(m).stream != m.stream)
                added.push_back(m.stream + "/" + p);
        return join(added, ", ");
    });
    section("Removing module profiles:", [&](const ModuleState& m) {
        std::vector<std::string> gone;
        for (const auto& p : before(m).profiles)
            if (!m.profiles.count(p) && before(m).stream == m.stream)
                gone.push_back(before(m).stream + "/" + p);
        return join(gone, ", ");
    });
    section("Disabling modules:", [&](const ModuleState& m) {
        return m.status == ModuleStatus::Disabled ? std::string(" ") : std::string();
    });
    section("Resetting modules:", [&](const ModuleState& m) {
        return m.status == ModuleStatus::Unset ? std::string(" ") : std::string();
    });
    out.table(rows);
}

// "Installing Groups:" and the like, as dnf shows them.
void printGroupChanges(const Output& out, const TransactionPlan& plan) {
    std::vector<std::vector<std::string>> rows;
    auto section = [&](const char* title, db::CompsKind kind, auto pick) {
        bool first = true;
        for (const auto& c : plan.groupChanges) {
            if (c.group.kind != kind || !pick(c)) continue;
            if (first) rows.push_back({std::string(title)});
            first = false;
            rows.push_back({" " + (c.group.name.empty() ? c.group.id : c.group.name)});
        }
    };
    using K = db::CompsKind;
    auto installing = [](const db::GroupChange& c) { return !c.removed && !c.wasInstalled; };
    auto upgrading = [](const db::GroupChange& c) { return !c.removed && c.wasInstalled; };
    auto removing = [](const db::GroupChange& c) { return c.removed; };
    section("Installing Environment Groups:", K::Environment, installing);
    section("Upgrading Environment Groups:", K::Environment, upgrading);
    section("Removing Environment Groups:", K::Environment, removing);
    section("Installing Groups:", K::Group, installing);
    section("Upgrading Groups:", K::Group, upgrading);
    section("Removing Groups:", K::Group, removing);
    out.table(rows);
}

// MODULE_CHANGE: each module's new state, and the one it had before this command.
nlohmann::json moduleChangesJson(const Modules* modules, const TransactionPlan& plan) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& m : plan.moduleChanges) {
        const ModuleState before = modules ? modules->originalStates().get(m.name) : ModuleState{};
        auto state = [](const ModuleState& st) {
            return nlohmann::json{{"state", db::moduleStatusName(st.status)},
                                  {"stream", st.stream},
                                  {"profiles", st.profiles}};
        };
        nlohmann::json change = state(m);
        change["name"] = m.name;
        change["previous"] = state(before);
        arr.push_back(change);
    }
    return arr;
}

nlohmann::json groupChangesJson(const TransactionPlan& plan) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& c : plan.groupChanges) arr.push_back(groupChangeJson(c));
    return arr;
}

// The plan before the prompt, as dnf shows it: packages by section, module stream and group
// changes, then the summary.
void printPlan(const Output& out, const Sack& sack, const Modules* modules,
               const TransactionPlan& plan) {
    static const char* order[] = {"Installing",
                                  "Installing module packages",
                                  "Installing group packages",
                                  "Upgrading",
                                  "Reinstalling",
                                  "Downgrading",
                                  "Removing",
                                  "Installing dependencies",
                                  "Installing weak dependencies",
                                  "Removing dependent packages",
                                  "Removing unused dependencies",
                                  "Removing old versions (installonly_limit)"};
    std::map<std::string, std::vector<const PlanStep*>> sections;
    for (const auto& s : plan.steps) sections[sectionOf(s)].push_back(&s);
    std::vector<std::vector<std::string>> rows = {
        {" Package", "Arch", "Version", "Repository", "Size"}};
    for (const char* title : order) {
        auto it = sections.find(title);
        if (it == sections.end()) continue;
        rows.push_back({std::string(title) + ":"});
        for (const PlanStep* s : it->second) {
            Package p = sack.package(s->package);
            const bool removing = s->kind == StepKind::Remove;
            rows.push_back({" " + p.name(), p.arch(), p.evr(), repoLabel(sack, p),
                            humanSize(removing ? p.installSize() : p.downloadSize())});
            for (Id r : s->replaces)
                if (s->kind != StepKind::Reinstall)  // a reinstall replaces itself: no news
                    rows.push_back({"     replacing " + sack.package(r).nevra()});
        }
    }
    out.table(rows);
    if (!plan.moduleChanges.empty()) printModuleChanges(out, modules, plan);
    if (!plan.groupChanges.empty()) printGroupChanges(out, plan);
    std::map<StepKind, int> counts;
    for (const auto& s : plan.steps) counts[s.kind]++;
    out.line("\nTransaction Summary");
    static const std::pair<StepKind, const char*> names[] = {{StepKind::Install, "Install"},
                                                             {StepKind::Upgrade, "Upgrade"},
                                                             {StepKind::Reinstall, "Reinstall"},
                                                             {StepKind::Downgrade, "Downgrade"},
                                                             {StepKind::Remove, "Remove"}};
    for (auto [kind, name] : names)
        if (counts[kind])
            out.line(std::string(name) + "  " + std::to_string(counts[kind]) +
                     (counts[kind] == 1 ? " Package" : " Packages"));
    uint64_t freed = 0;
    for (const auto& s : plan.steps)
        if (s.kind == StepKind::Remove) freed += sack.package(s.package).installSize();
    if (plan.downloadSize(sack) > 0 || freed == 0)
        out.line("\nTotal download size: " + humanSize(plan.downloadSize(sack)));
    else
        out.line("\nFreed space: " + humanSize(freed));
}

// What changed, after the transaction, as dnf's "Installed:" and "Removed:" lists.
void printDone(const Output& out, const Sack& sack, const TransactionPlan& plan) {
    static const std::pair<StepKind, const char*> titles[] = {{StepKind::Upgrade, "Upgraded:"},
                                                              {StepKind::Downgrade, "Downgraded:"},
                                                              {StepKind::Reinstall, "Reinstalled:"},
                                                              {StepKind::Install, "Installed:"},
                                                              {StepKind::Remove, "Removed:"}};
    for (auto [kind, title] : titles) {
        std::vector<std::string> nevras;
        for (const auto& s : plan.steps)
            if (s.kind == kind) nevras.push_back("  " + sack.package(s.package).nevra());
        if (nevras.empty()) continue;
        std::sort(nevras.begin(), nevras.end());
        out.line(std::string("\n") + title);
        for (const auto& n : nevras) out.line(n);
    }
    out.line("");
}

// Installed dependencies the request named, which a confirmed transaction makes the user's.
void sayWouldMarkUser(const Context& ctx, const Sack& sack, const TransactionPlan& plan,
                      const std::string& why) {
    for (Id p : plan.markUser)
        ctx.out.warn(sack.package(p).nevra() +
                     " is installed as a dependency; it would be marked as installed by you" + why);
}

bool changedSystem = false;

// Just before the system changes. A result that cannot be written makes the command fail
// (main.cpp): found before the change, the change is not made, so that a script is not told of
// a failure by a root that changed. (With --json or -q nothing is written before the change; a
// full disk is then found after it, and said so.)
void startChanging() {
    if (standardOutputWasClosed())
        throw Error(
            "standard output is closed, so mpm could not say what it did; nothing was "
            "changed");
    errno = 0;
    std::cout.flush();
    if (!std::cout)
        throw Error("cannot write to standard output" +
                    (errno ? " (" + std::string(std::strerror(errno)) + ")" : std::string()) +
                    "; nothing was changed");
    changedSystem = true;
}

// --check: the plan as it would run, and whether anything would change; nothing is written.
ExitCode reportCheck(Context& ctx, const Sack& sack, const TransactionPlan& plan,
                     nlohmann::json& result) {
    const bool changes = !plan.steps.empty() || !plan.moduleChanges.empty() ||
                         !plan.groupChanges.empty() || !plan.markUser.empty() ||
                         !plan.markDependency.empty();
    sayWouldMarkUser(ctx, sack, plan, "");
    result["changed"] = changes;
    result["result"] = "checked";
    if (ctx.out.json()) {
        ctx.out.printJson(result);
    } else if (!ctx.out.quiet()) {
        if (!plan.steps.empty()) {
            printPlan(ctx.out, sack, ctx.modules(), plan);
        } else {
            if (!plan.moduleChanges.empty()) printModuleChanges(ctx.out, ctx.modules(), plan);
            if (!plan.groupChanges.empty()) printGroupChanges(ctx.out, plan);
        }
        ctx.out.line(changes ? "\nCheck: the changes above would be made; nothing was changed."
                             : "Nothing to do: the system is in the described state.");
    }
    return changes ? ExitCode::WouldChange : ExitCode::Ok;
}

}  // namespace

bool systemChanged() {
    return changedSystem;
}

void addFlowOptions(CLI::App& cmd, FlowOptions& flow, bool installs) {
    cmd.add_flag("--allowerasing", flow.allowErasing,
                 "Remove installed packages that are in the way");
    cmd.add_flag("--skip-broken", flow.skipBroken,
                 "Leave out requested packages that cannot be installed");
    if (!installs) return;
    cmd.add_flag("--downloadonly", flow.downloadOnly, "Only download the packages");
    cmd.add_option("--downloaddir", flow.downloadDir, "Where --downloadonly puts the packages");
    cmd.add_flag("--nodocs", flow.nodocs, "Do not install documentation (tsflags=nodocs)");
    cmd.add_flag("--noscripts", flow.noscripts, "Do not run scriptlets (tsflags=noscripts)");
}

ExitCode runTransaction(Context& ctx, const std::function<void(Goal&)>& fill,
                        const FlowOptions& commandOptions) {
    // The command's own options, with those dnf also takes before the command.
    FlowOptions options = commandOptions;
    options.allowErasing = options.allowErasing || ctx.options.allowErasing;
    options.skipBroken = options.skipBroken || ctx.options.skipBroken || !ctx.config().main.strict;
    options.downloadOnly = options.downloadOnly || ctx.options.downloadOnly;
    if (options.downloadDir.empty()) options.downloadDir = ctx.options.downloadDir;
    // --check is a query: it reads what was last committed, as queries do, and takes no lock
    // (which would create the state directory of an empty root).
    if (!options.check) ctx.lockSystem();
    catchInterrupts();  // from here Ctrl-C cancels cleanly instead of killing mid-way
    Sack& sack = ctx.sack(options.repositories, true);
    Goal goal(sack, ctx.modules());
    goal.allowErasing(options.allowErasing);
    goal.skipBroken(options.skipBroken);
    fill(goal);
    TransactionPlan plan = goal.resolve();
    // The plan as JSON only when it is printed so (3 M instructions for 80 packages).
    nlohmann::json result = {
        {"transaction", ctx.out.json() ? planJson(sack, plan) : nlohmann::json::array()},
        {"download_size", plan.downloadSize(sack)}};
    for (const auto& nevra : plan.skipped)
        ctx.out.warn("skipped " + nevra +
                     ": it cannot be installed (--skip-broken); without it mpm says why");
    for (const auto& nevra : plan.upgradesLeftOut)
        ctx.out.warn("not upgraded to " + nevra +
                     ": its dependencies are broken (skipped without best, as dnf skips it); "
                     "mpm --best upgrade says why");
    for (const auto& spec : plan.notInstalled)
        ctx.out.warn("no match for argument: " + spec + " (no installed package matches it)");
    if (!plan.notInstalled.empty()) result["not_installed"] = plan.notInstalled;
    for (const auto& sentence : plan.warnings) ctx.out.warn(sentence);
    if (!plan.warnings.empty()) result["warnings"] = plan.warnings;
    for (const auto& sentence : plan.nothingToDo) ctx.out.warn(sentence);
    if (!plan.nothingToDo.empty()) result["nothing_to_do"] = plan.nothingToDo;
    if (!plan.skipped.empty() || !plan.upgradesLeftOut.empty()) {
        nlohmann::json skipped = plan.skipped;
        for (const auto& nevra : plan.upgradesLeftOut) skipped.push_back(nevra);
        result["skipped"] = skipped;
    }
    result["modules"] = moduleChangesJson(ctx.modules(), plan);
    result["groups"] = groupChangesJson(plan);
    // Whether the system changed (with --check: would change); set again where it does.
    result["changed"] = false;
    if (options.check) return reportCheck(ctx, sack, plan, result);
    transaction::TransactionExecutor executor(sack);
    // Installed packages the request named become the user's: with the transaction once it is
    // confirmed, or alone (as dnf, without asking) when that is all there is to do; never
    // under --assumeno.
    auto markUser = [&] {
        if (plan.markUser.empty()) return;
        if (ctx.options.assumeno) {
            sayWouldMarkUser(ctx, sack, plan, " (--assumeno: nothing was changed)");
            return;
        }
        executor.markUserInstalled(plan);
        result["changed"] = true;
        for (Id p : plan.markUser)
            ctx.out.warn(sack.package(p).nevra() +
                         " is already installed; it is now marked as installed by you");
    };
    if (plan.steps.empty() && (!plan.moduleChanges.empty() || !plan.groupChanges.empty() ||
                               !plan.markDependency.empty())) {
        if (!ctx.out.json() && !ctx.out.quiet()) {
            if (!plan.moduleChanges.empty()) printModuleChanges(ctx.out, ctx.modules(), plan);
            if (!plan.groupChanges.empty()) printGroupChanges(ctx.out, plan);
        }
        if (!confirm(ctx)) {
            if (ctx.out.json()) {
                result["result"] = "aborted";
                ctx.out.printJson(result);
            }
            throw Error("operation aborted; nothing was changed");
        }
        startChanging();
        markUser();
        executor.recordModuleChanges(plan);
        executor.recordGroupChanges(plan);
        executor.markReason(plan.markDependency, db::InstallReason::Dependency);
        result["changed"] = true;
        if (ctx.out.json()) {
            result["result"] = "done";
            ctx.out.printJson(result);
        } else if (!ctx.out.quiet()) {
            ctx.out.line("Complete!");
        }
        return ExitCode::Ok;
    }
    if (plan.steps.empty()) {
        markUser();
        if (ctx.out.json()) {
            result["result"] = "nothing-to-do";
            ctx.out.printJson(result);
        } else {
            if (!ctx.out.quiet()) ctx.out.line("Dependencies resolved.\nNothing to do.");
        }
        return ExitCode::Ok;
    }
    if (!ctx.out.json() && !ctx.out.quiet()) {
        printPlan(ctx.out, sack, ctx.modules(), plan);
    }
    if (!confirm(ctx)) {
        if (ctx.out.json()) {
            result["result"] = "aborted";
            ctx.out.printJson(result);
        }
        throw Error("operation aborted; nothing was changed");
    }
    transaction::PackageDownloader downloader(sack);
    downloader.setCacheOnly(ctx.cacheOnly());
    std::map<Id, std::string> files;
    {
        ProgressBar bar("Downloading",
                        isatty(STDERR_FILENO) && !ctx.out.quiet() && !ctx.out.json());
        files = downloader.download(
            plan, options.downloadDir,
            [&](uint64_t d, uint64_t t, size_t fd, size_t f) { bar.update(d, t, fd, f); });
    }
    if (options.downloadOnly) {
        result["result"] = "downloaded";
        if (ctx.out.json())
            ctx.out.printJson(result);
        else
            ctx.out.line("Complete! The packages were downloaded only.");
        return ExitCode::Ok;
    }
    executor.verifySignatures(plan, files, ctx.trustedKeys());
    transaction::ExecuteOptions exec;
    exec.nodocs = options.nodocs;
    exec.noscripts = options.noscripts;
    exec.cmdline = ctx.options.cmdline;
    exec.comment = secrets::redact(ctx.options.comment);  // stored as the command line is
    startChanging();
    int64_t tid = executor.execute(plan, files, exec);
    markUser();
    // What a removed group brought and others still need stays, as a dependency now.
    executor.markReason(plan.markDependency, db::InstallReason::Dependency);
    downloader.releaseCache(ctx.config().main.keepcache);
    // Scriptlets that failed or could not run: said even with -q, as rpm does.
    for (const auto& w : executor.warnings()) ctx.out.problem(w);
    result["changed"] = true;
    if (ctx.out.json()) {
        result["result"] = "done";
        result["history_id"] = tid;
        ctx.out.printJson(result);
    } else if (!ctx.out.quiet()) {
        printDone(ctx.out, sack, plan);
        ctx.out.line("Complete!");
    }
    return ExitCode::Ok;
}

}  // namespace mpm::cli
