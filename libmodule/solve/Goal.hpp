// What the user asked for (install, remove, upgrade, module profiles), turned into libsolv
// jobs and solved into a TransactionPlan; a request that cannot be met is explained in words.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "libmodule/base/Sack.hpp"
#include "libmodule/comps/GroupRequest.hpp"
#include "libmodule/db/History.hpp"
#include "libmodule/module/ModuleRequest.hpp"
#include "libmodule/module/Modules.hpp"
#include "libmodule/solve/ProblemExplainer.hpp"
#include "libmodule/solve/TransactionPlan.hpp"
#include "solv/Queue.hpp"
#include "solv/Solver.hpp"

namespace mpm::solve {

class Goal {
  public:
    // `modules`: the modularity of this run, or null when module metadata was not loaded.
    Goal(base::Sack& sack, module::Modules* modules);
    // Each throws Error when a spec matches nothing ("no package matches 'foo'").
    // A spec naming an .rpm file installs that file.
    void install(const std::string& spec);
    void remove(const std::string& spec);
    // dnf's `remove`: a spec no installed package matches is noted in the plan (notInstalled)
    // instead of failing, so removing what is already gone succeeds.
    void removeIfInstalled(const std::string& spec);
    // dnf's `autoremove SPEC`: removes them with the dependencies nothing else needs
    // (whatever clean_requirements_on_remove says); one not installed is noted, as in remove.
    void removeWithUnneeded(const std::string& spec);
    void upgrade(const std::string& spec);
    // dnf's state=latest: installed packages the spec matches are upgraded, and when none is
    // installed the spec is installed.
    void installOrUpgrade(const std::string& spec);
    // A desired state's `present`: the installed packages a spec without a version matches
    // stay as they are (made the user's), where install would upgrade them; otherwise install.
    void keepOrInstall(const std::string& spec);
    // Whether an installed package matches the spec in any form (name, provide, file).
    bool matchesInstalled(const std::string& spec) const {
        return !matchingAny(spec, true).empty();
    }
    // The names of the packages (installed or available) the spec matches in any form.
    std::set<std::string> namesMatching(const std::string& spec) const;
    // Whether the spec names a version (name-version, a NEVRA) rather than packages by name.
    bool namesVersion(const std::string& spec) const;
    // A desired state's "absent" for what is not installed: packages the spec matches must not
    // come in with this transaction (libsolv's erase job on uninstalled packages), so a state
    // that asks for them elsewhere fails instead of flipping between runs.
    void forbid(const std::string& spec);
    void upgradeAll();
    // Upgrades (of upgradeAll, upgrade SPEC) go only to these packages: the versions an
    // advisory filter allows (upgrade --security). Packages with no allowed version stay.
    void limitUpgradesTo(const std::vector<Id>& allowed) {
        upgradeLimit_.emplace(allowed.begin(), allowed.end());
    }
    // The newest available version lower than the installed one.
    // A package already at the lowest available version is noted in the plan (nothingToDo),
    // as dnf says it, not refused.
    void downgrade(const std::string& spec);
    // The same version again, from a repository.
    void reinstall(const std::string& spec);
    // Every installed package to the version the enabled repositories have (up or down), or
    // those `specs` match (dnf's distro-sync SPEC...).
    void distroSync(const std::vector<std::string>& specs = {});
    // Removes dependencies that no package installed by the user needs any more.
    // Something asked for that is so already (a module profile not installed), for the plan.
    void noteNothingToDo(std::string sentence) { nothingToDo_.push_back(std::move(sentence)); }
    void autoremove() { autoremove_ = true; }
    // The inverse of a recorded transaction: what it installed goes, what it removed or
    // replaced comes back (in the exact version), the groups it installed are forgotten and
    // those it removed recorded again. Throws Error when a version is not available.
    void undo(const db::HistoryTransaction& transaction);
    // The package jobs of a module request. Packages installed for a profile get the reason
    // "module" (dnf's "group"), so `module remove` may take them away again while plain
    // installs stay the user's.
    void addModuleJobs(const std::vector<module::ModuleJob>& jobs);
    // The package jobs of a group request, as dnf runs them: each package name the groups list
    // is installed when a repository has it (a name none has is a warning, not a failure), a
    // conditional one only together with what it depends on; new packages get the reason
    // "group". What removed groups brought goes, unless a package that stays needs it (then it
    // stays as a dependency). The group records are stored with the transaction.
    void addGroupJobs(const comps::GroupJobs& jobs);
    // An upgrade of everything: with module_obsoletes, enabled streams at their end of life
    // move to their successors first (nothing happens without module metadata or the option).
    void followModuleObsoletes();
    // A locked install (install --from-lock): each file is installed with the reason the lock
    // recorded, and the lock's module states are set. Load no repository for it: with only
    // these files and the installed packages to choose from, nothing else can be solved in,
    // and a lock that is not complete for this root fails naming what is missing.
    struct LockedFile {
        std::string path, origin;  // origin: the repository it was locked from
        std::string nevra;         // what the lock says the file is (name-evr.arch)
        db::InstallReason reason = db::InstallReason::Dependency;
    };
    void installLocked(const std::vector<LockedFile>& files, std::vector<db::ModuleState> modules);
    void allowErasing(bool allow) { allowErasing_ = allow; }
    // Requested packages that cannot be installed are left out instead of failing everything.
    void skipBroken(bool skip) { skipBroken_ = skip; }

    base::Sack& sack() { return sack_; }
    module::Modules* modules() { return modules_; }

    // Throws SolveError with an explanation.
    TransactionPlan resolve();

  private:
    void addJobs(const std::string& spec, int how, bool installedOnly);
    void installForModule(const std::string& spec);
    void addJob(Id how, Id what) {
        jobs_.push_back(how);
        jobs_.push_back(what);
    }
    std::vector<Id> installedMatching(const std::string& spec);
    // Packages (installed ones only, or any) a spec matches in any form (name, provide,
    // file); empty when none.
    std::vector<Id> matchingAny(const std::string& spec, bool installedOnly) const;
    std::vector<std::string> notInstalled_;
    std::vector<std::string> nothingToDo_;
    std::optional<std::set<Id>> upgradeLimit_;
    std::vector<std::string> warnings_;
    // Comps: the package names groups install (new ones get the reason "group"), what removed
    // groups brought, and the group records.
    std::set<Id> groupNames_;
    std::set<int> groupJobs_;  // indexes into jobs_ of jobs installing a group's packages
    std::set<Id> groupRemovals_;
    std::vector<Id> keptGroupPackages_;  // of groupRemovals_, those something still needs
    std::vector<db::GroupChange> groupChanges_;
    std::vector<db::InstalledGroup> groupsFromDnf_;
    // Visible packages (installed or available) named `name`.
    std::vector<Id> visibleNamed(Id name) const;
    bool forModuleProfile_ = false;  // addJobs for a module profile's package (installForModule)
    // The architecture of an available package named `name` that this system cannot install
    // (another arch than the pool's); empty when there is none.
    std::string otherArchitecture(const std::string& name) const;
    // resolve()'s phases.
    solv::Queue solverJobs();
    void configure(solv::Solver& solver) const;
    void solve(solv::Solver& solver, solv::Queue& jobs);
    bool limitInstallOnly(const solv::Solver& solver, solv::Queue& jobs);
    // A spec naming a package file (./x.rpm, /srv/x.rpm): its package, added to the pool; 0 for
    // any other spec. Throws Error for a URL or a file that cannot be read.
    Id localPackage(const std::string& spec);
    // The installed packages of the name and a compatible arch of `p`.
    std::vector<Id> installedLike(Id p) const;
    // "bar.i686 is not installed (installed: bar-0.5-1.x86_64)", for a package file's refusal.
    std::string notInstalled(Id p) const;
    // Of packages modular filtering hides, the one whose stream a refusal suggests.
    Id bestHidden(const std::vector<Id>& hidden) const;
    // A distro-sync keeps installed packages whose name the repositories have only hidden.
    void keepHiddenOrphans(solv::Queue& jobs) const;
    void targetVisibleUpdates(solv::Queue& jobs);
    std::vector<std::string> skippedInstalls(const solv::Solver& solver) const;
    // For an install of a bare name whose packages are not installed: those packages and the
    // visible ones that obsolete them (dnf's candidates: "install oldapp" installs the newapp
    // that obsoletes it; libsolv prefers the obsoleting one). Empty when none obsoletes them.
    solv::Queue withObsoleters(const std::string& spec, const solv::Queue& selection) const;
    // Without best (or with --skip-broken): the newest versions an upgrade asked for that the
    // solve left out (their dependencies are broken), which dnf lists as skipped.
    std::vector<std::string> upgradesLeftOut(const solv::Solver& solver) const;
    // The reason of a new package the user did not name, from what it replaces or, for an
    // install-only package, the version installed (see readPlan).
    void inheritReason(PlanStep& step, bool obsoletes) const;
    TransactionPlan readPlan(const solv::Solver& solver);
    void enableStreamsOfInstalls(TransactionPlan& plan);

    base::Sack& sack_;
    module::Modules* modules_;
    ProblemExplainer explainer_;
    solv::Queue jobs_;
    std::set<int> moduleJobs_;  // indexes into jobs_ of jobs installing for a module profile
    std::set<Id> limitErased_;  // installed versions removed for installonly_limit
    // Visible available packages that obsolete something, made when first needed.
    mutable std::optional<std::vector<Id>> obsoleting_;
    std::set<Id> unneeded_;  // installed packages autoremove found nothing needs
    // New packages whose reason is known already: a lock's, or the one history recorded for a
    // package an undo brings back.
    std::map<Id, db::InstallReason> givenReasons_;
    std::vector<db::ModuleState> lockedModules_;
    bool allowErasing_ = false;
    bool autoremove_ = false;
    bool skipBroken_ = false;
};

}  // namespace mpm::solve
