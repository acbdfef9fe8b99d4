// The command classes. Each lives in its own file; this header lets main register them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/AdvisoryOptions.hpp"
#include "cli/TransactionFlow.hpp"
#include "cli/commands/Command.hpp"
#include "cli/commands/PackageListing.hpp"

namespace mpm::cli {

class RepolistCommand : public Command {
  public:
    RepolistCommand() : Command("repolist", "Show configured repositories") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    bool all_ = false, enabled_ = false, disabled_ = false;
    std::vector<std::string> repos_;
};

class ListCommand : public Command {
  public:
    ListCommand() : Command("list", "List installed and available packages") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    ScopeFlags scopeFlags_;
    bool showDuplicates_ = false;
    std::vector<std::string> specs_;
};

class InfoCommand : public Command {
  public:
    InfoCommand() : Command("info", "Show details about packages") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    ScopeFlags scopeFlags_;
    bool showDuplicates_ = false;
    std::vector<std::string> specs_;
};

class SearchCommand : public Command {
  public:
    SearchCommand() : Command("search", "Search package names and summaries") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    bool all_ = false;
    std::vector<std::string> terms_;
};

class RepoqueryCommand : public Command {
  public:
    RepoqueryCommand() : Command("repoquery", "Query packages in repositories", {"rq"}) {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    ExitCode printDeplist(Context& ctx, const Sack& sack, const std::vector<Package>& pkgs);
    std::vector<std::string> specs_, whatprovides_, arch_;
    // --whatrequires, --whatobsoletes...: the capabilities, and the dependency kinds they are
    // looked up in.
    struct WhatDepends {
        std::vector<Id> keys;
        std::vector<std::string> capabilities;
    };
    std::vector<WhatDepends> whatDepends_;
    // --requires, --provides, --conflicts...: the dependency kinds printed instead of packages.
    std::vector<Id> listed_;
    bool resolve_ = false, files_ = false, location_ = false, source_ = false, info_ = false;
    bool deplist_ = false;
    bool installed_ = false, available_ = false, userInstalled_ = false, unsatisfied_ = false;
    bool upgrades_ = false, extras_ = false, duplicates_ = false, installonly_ = false;
    bool recent_ = false;
    int latestLimit_ = 0;
    std::string queryformat_;
};

class ProvidesCommand : public Command {
  public:
    ProvidesCommand()
        : Command("provides", "Find packages providing a file or capability", {"whatprovides"}) {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    std::vector<std::string> what_;
};

class MakecacheCommand : public Command {
  public:
    MakecacheCommand()
        : Command("makecache", "Download and cache metadata of enabled repositories") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
};

class CleanCommand : public Command {
  public:
    CleanCommand() : Command("clean", "Remove cached data") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    std::vector<std::string> what_;
};

// mpm key list|import|remove: the OpenPGP keys trusted for package signatures.
class KeyCommand : public Command {
  public:
    KeyCommand() : Command("key", "List, import or remove the keys trusted for packages") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    CLI::App *list_ = nullptr, *import_ = nullptr, *remove_ = nullptr;
    std::vector<std::string> args_;
};

enum class SpecArgs { None, Optional, Required };

// A command that fills a Goal and runs the transaction flow (install, remove, upgrade, ...).
class GoalCommand : public Command {
  public:
    struct Spec {
        std::string name, alias, help, specHelp;
        SpecArgs specs;
        bool installs;  // takes --downloadonly, --nodocs, --noscripts
        std::function<void(Goal&, const std::vector<std::string>&)> fill;
        // Takes the advisory options (--security...): upgrades go only to the versions they
        // allow; `minimal`: to exactly the advisories' versions (upgrade-minimal, which
        // without options takes every advisory).
        bool advisories = false, minimal = false;
    };
    explicit GoalCommand(Spec spec);
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    Spec spec_;
    std::vector<std::string> specs_;
    std::string fromLock_;  // install --from-lock
    FlowOptions flow_;
    AdvisoryOptions advisory_;
};

std::vector<std::unique_ptr<Command>> makeGoalCommands();
// install --from-lock FILE: exactly the lock's packages for this root's architecture.
ExitCode installFromLock(Context& ctx, const std::string& lockPath, const FlowOptions& flow);

// mpm apply FILE: a desired state (YAML) reached in one transaction; --check only reports.
class ApplyCommand : public Command {
  public:
    ApplyCommand()
        : Command("apply",
                  "Bring the system to the state a YAML file describes, in one transaction") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    std::string file_;
    FlowOptions flow_;
};

// mpm lock SPEC... / mpm lock --check FILE
class LockCommand : public Command {
  public:
    LockCommand()
        : Command("lock",
                  "Write what installing packages would take as a lockfile (rpms.lock.yaml)") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    ExitCode check(Context& ctx);
    std::vector<std::string> specs_, arches_, modules_;
    std::string output_, check_;
};

class HistoryCommand : public Command {
  public:
    HistoryCommand() : Command("history", "Show or undo past transactions") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    CLI::App *list_ = nullptr, *info_ = nullptr, *undo_ = nullptr;
    std::string id_ = "last";
    std::vector<std::string> listIds_;  // history list ID...
};

class ModuleCommand : public Command {
  public:
    ModuleCommand() : Command("module", "Module streams") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    ExitCode list(Context& ctx);
    ExitCode info(Context& ctx);
    ExitCode provides(Context& ctx);
    CLI::App *list_ = nullptr, *info_ = nullptr, *provides_ = nullptr, *enable_ = nullptr,
             *disable_ = nullptr, *reset_ = nullptr, *install_ = nullptr, *remove_ = nullptr,
             *switch_ = nullptr;
    bool enabled_ = false, disabled_ = false, installed_ = false, all_ = false;
    bool profileInfo_ = false, removeAll_ = false;
    std::vector<std::string> names_;
    FlowOptions flow_;
};

// mpm group summary|list|info|install|remove|upgrade|mark: comps groups and environments.
class GroupCommand : public Command {
  public:
    GroupCommand()
        : Command("group", "Comps groups and environments (dnf group)", {"groups", "grp"}) {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    ExitCode list(Context& ctx);
    ExitCode info(Context& ctx);
    ExitCode summary(Context& ctx);
    CLI::App *summary_ = nullptr, *list_ = nullptr, *info_ = nullptr, *install_ = nullptr,
             *remove_ = nullptr, *upgrade_ = nullptr, *mark_ = nullptr, *markInstall_ = nullptr,
             *markRemove_ = nullptr;
    bool hidden_ = false, installed_ = false, available_ = false, ids_ = false;
    bool withOptional_ = false;
    std::vector<std::string> patterns_;
    FlowOptions flow_;
};

// mpm rebuilddb: mpm.sqlite rebuilt from what can still be read.
class RebuilddbCommand : public Command {
  public:
    RebuilddbCommand()
        : Command("rebuilddb", "Rebuild mpm's database from what can still be read of it") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
};

// mpm check: dnf check's problems in the installed system.
class CheckCommand : public Command {
  public:
    CheckCommand() : Command("check", "Find problems in the installed system (as dnf check)") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    bool dependencies_ = false, duplicates_ = false, conflicts_ = false;
};

// mpm mark install|remove SPEC...
class MarkCommand : public Command {
  public:
    MarkCommand() : Command("mark", "Change why packages are installed (dnf mark)") {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    CLI::App *install_ = nullptr, *remove_ = nullptr, *group_ = nullptr;
    std::vector<std::string> specs_;
};

// mpm __complete -- WORD...: candidates for the bash completion (hidden).
class CompleteCommand : public Command {
  public:
    CompleteCommand() : Command("__complete", "") {}
    bool needsEveryCommand() const override { return true; }
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    const CLI::App* app_ = nullptr;
    std::vector<std::string> words_;
};

class CheckUpdateCommand : public Command {
  public:
    CheckUpdateCommand()
        : Command("check-update", "List available upgrades; exit status 100 when there are some",
                  {"check-upgrade"}) {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    std::vector<std::string> specs_;
    AdvisoryOptions advisory_;
};

// mpm updateinfo [summary|list|info]: the advisories that concern the installed packages.
class UpdateinfoCommand : public Command {
  public:
    UpdateinfoCommand()
        : Command("updateinfo", "Show advisories about installed packages", {"upif"}) {}
    ExitCode run(Context& ctx) override;

  private:
    void declareArguments(CLI::App* cmd) override;
    std::vector<std::string> words_;  // [summary|list|info] [available|installed|...] SPEC...
    bool summary_ = false, list_ = false, info_ = false;
    bool available_ = false, installed_ = false, updates_ = false, all_ = false;
    bool withCve_ = false, withBz_ = false;
    AdvisoryOptions advisory_;
};

}  // namespace mpm::cli
