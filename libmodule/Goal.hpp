// What the user asked for (install, remove, upgrade), solved by libsolv into a plan: which
// packages are installed, upgraded, downgraded, reinstalled or removed, and why each is there.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "common/Error.hpp"
#include "libmodule/ModuleState.hpp"
#include "libmodule/Sack.hpp"
#include "solv/libsolv.hpp"

namespace mpm {

// The request cannot be satisfied; the message explains it in words.
class SolveError : public Error {
  public:
    using Error::Error;
    SolveError(const std::string& message, std::string rules)
        : Error(message), rules_(std::move(rules)) {}
    // libsolv's own account of the problem, rule by rule (shown with -v).
    const std::string& rules() const { return rules_; }

  private:
    std::string rules_;
};

enum class StepKind { Install, Upgrade, Downgrade, Reinstall, Remove };
// "Install", "Upgrade", ...: the word history records and the CLI shows.
const char* stepKindName(StepKind kind);

struct PlanStep {
    StepKind kind;
    Id package;                // the package installed (or, for Remove, the one removed)
    std::vector<Id> replaces;  // installed packages this step replaces (upgrade, obsoletes)
    std::string reason;        // user, module, dependency, weak-dependency (for what is installed)
};

struct TransactionPlan {
    std::vector<PlanStep> steps;  // in libsolv's transaction order
    // Installed packages the user named in an install: from now on they are the user's (dnf
    // does the same), so removing what needed them no longer removes them.
    std::vector<Id> markUser;
    // With --skip-broken: requested packages left out, each with the reason.
    std::vector<std::string> skipped;
    // Module states this transaction changes (written with its packages).
    std::vector<ModuleState> moduleChanges;
    bool empty() const { return steps.empty() && markUser.empty() && moduleChanges.empty(); }
    uint64_t downloadSize(const Sack& sack) const;
};

class Goal {
  public:
    explicit Goal(Sack& sack);
    // Each throws Error when a spec matches nothing ("no package matches 'foo'").
    // A spec naming an .rpm file installs that file.
    void install(const std::string& spec);
    // Installs for a module profile: what it brings gets the reason "module" (dnf's "group"),
    // so `module remove` may take it away again while plain installs stay the user's.
    void installForModule(const std::string& spec);
    void remove(const std::string& spec);
    void upgrade(const std::string& spec);
    void upgradeAll();
    // The newest available version lower than the installed one.
    void downgrade(const std::string& spec);
    // The same version again, from a repository.
    void reinstall(const std::string& spec);
    // Every installed package to the version the enabled repositories have (up or down).
    void distroSync();
    // Removes dependencies that no package installed by the user needs any more.
    void autoremove() { autoremove_ = true; }
    // The inverse of a recorded transaction: what it installed goes, what it removed or
    // replaced comes back (in the exact version). Throws Error when a version is not available.
    void undo(const struct HistoryTransaction& transaction);
    void allowErasing(bool allow) { allowErasing_ = allow; }
    // Requested packages that cannot be installed are left out instead of failing everything.
    void skipBroken(bool skip) { skipBroken_ = skip; }

    // A job on one package or name, for requests that pick packages themselves (modules).
    void addJob(Id how, Id what) {
        jobs_.push_back(how);
        jobs_.push_back(what);
    }
    Sack& sack() { return sack_; }

    // Throws SolveError with an explanation.
    TransactionPlan resolve();

  private:
    void addJobs(const std::string& spec, int how, bool installedOnly);

    Sack& sack_;
    solv::Queue jobs_;
    std::set<int> moduleJobs_;  // indexes into jobs_ of installForModule's jobs
    bool allowErasing_ = false;
    bool autoremove_ = false;
    bool skipBroken_ = false;
    std::vector<Id> installedMatching(const std::string& spec);
    bool limitInstallOnly(::Solver* solver, solv::Queue& jobs);
    void enableStreamsOfInstalls(TransactionPlan& plan);
    void targetVisibleUpdates(solv::Queue& jobs);
    std::string explainModular(int type, Id source, Id dep) const;
    std::set<Id> limitErased_;
};

}  // namespace mpm
