#include "libmodule/Goal.hpp"

#include <unistd.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "libmodule/History.hpp"
#include "libmodule/Modules.hpp"
#include "libmodule/PackageFilter.hpp"

#include "solv/libsolv.hpp"

namespace mpm {

namespace {

struct SolverFree {
    void operator()(::Solver* s) const noexcept { solver_free(s); }
};
struct TransactionFree {
    void operator()(::Transaction* t) const noexcept { transaction_free(t); }
};

}  // namespace

const char* stepKindName(StepKind kind) {
    switch (kind) {
        case StepKind::Install:
            return "Install";
        case StepKind::Upgrade:
            return "Upgrade";
        case StepKind::Downgrade:
            return "Downgrade";
        case StepKind::Reinstall:
            return "Reinstall";
        case StepKind::Remove:
            return "Remove";
    }
    return "?";
}

Goal::Goal(Sack& sack) : sack_(sack) {}

void Goal::addJobs(const std::string& spec, int how, bool installedOnly) {
    ::Pool* pool = sack_.raw();
    solv::Queue sel;
    int flags = SELECTION_NAME | SELECTION_PROVIDES | SELECTION_GLOB | SELECTION_DOTARCH |
                SELECTION_REL | SELECTION_CANON | SELECTION_FILELIST;
    if (installedOnly) flags |= SELECTION_INSTALLED_ONLY;
    selection_make(pool, sel.raw(), spec.c_str(), flags);
    if (!sel.empty() && !installedOnly && pool->considered) {
        // Only hidden packages match? Modular filtering says by which stream and how to get it.
        solv::Queue pkgs;
        selection_solvables(pool, sel.raw(), pkgs.raw());
        bool anyVisible = false;
        Id hidden = 0;
        for (Id p : pkgs) {
            anyVisible = anyVisible || sack_.considered(p) ||
                         pool_id2solvable(pool, p)->repo == pool->installed;
            if (!hidden && hiddenByModules(sack_, p)) hidden = p;
        }
        if (!anyVisible && hidden)
            throw SolveError("cannot install '" + spec +
                             "': " + sack_.modules()->whyHidden(sack_.package(hidden)));
    }
    if (sel.empty()) {
        throw Error(installedOnly
                        ? "no installed package matches '" + spec + "'"
                        : "no package matches '" + spec + "' (see mpm list, mpm repolist)");
    }
    // selection_make does not look at the considered map: an install must not pick (or, with
    // best=True, insist on) a package that excludes or modular filtering hide.
    if (pool->considered && (how & SOLVER_JOBMASK) == SOLVER_INSTALL) {
        solv::Queue pkgs, visible;
        selection_solvables(pool, sel.raw(), pkgs.raw());
        for (Id p : pkgs)
            if (sack_.considered(p) || pool_id2solvable(pool, p)->repo == pool->installed)
                visible.push_back(p);
        if (visible.size() != pkgs.size()) {
            if (visible.empty())
                throw Error("no package matches '" + spec +
                            "' (excluded by excludepkgs/includepkgs)");
            jobs_.push_back(how | SOLVER_SOLVABLE_ONE_OF);
            jobs_.push_back(pool_queuetowhatprovides(pool, visible.raw()));
            return;
        }
    }
    for (int i = 0; i < sel.size(); i += 2) {
        jobs_.push_back(sel[i] | how);
        jobs_.push_back(sel[i + 1]);
    }
}

void Goal::install(const std::string& spec) {
    if (spec.ends_with(".rpm") && access(spec.c_str(), F_OK) == 0) {
        Id p = sack_.addLocalPackage(spec);
        sack_.finalize();  // the new solvable must be indexed before solving
        jobs_.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE);
        jobs_.push_back(p);
        return;
    }
    addJobs(spec, SOLVER_INSTALL, false);
}

void Goal::installForModule(const std::string& spec) {
    const int first = jobs_.size();
    addJobs(spec, SOLVER_INSTALL, false);
    for (int i = first; i < jobs_.size(); i += 2) moduleJobs_.insert(i);
}

void Goal::remove(const std::string& spec) {
    const bool clean = sack_.config().main.clean_requirements_on_remove;
    addJobs(spec, SOLVER_ERASE | (clean ? SOLVER_CLEANDEPS : 0), true);
}

void Goal::upgrade(const std::string& spec) {
    addJobs(spec, SOLVER_UPDATE, true);
}

void Goal::upgradeAll() {
    jobs_.push_back(SOLVER_UPDATE | SOLVER_SOLVABLE_ALL);
    jobs_.push_back(0);
}

std::vector<Id> Goal::installedMatching(const std::string& spec) {
    ::Pool* pool = sack_.raw();
    solv::Queue sel, pkgs;
    selection_make(pool, sel.raw(), spec.c_str(),
                   SELECTION_NAME | SELECTION_GLOB | SELECTION_DOTARCH | SELECTION_CANON |
                       SELECTION_INSTALLED_ONLY);
    selection_solvables(pool, sel.raw(), pkgs.raw());
    if (pkgs.empty()) throw Error("no installed package matches '" + spec + "'");
    return {pkgs.begin(), pkgs.end()};
}

void Goal::downgrade(const std::string& spec) {
    ::Pool* pool = sack_.raw();
    for (Id inst : installedMatching(spec)) {
        ::Solvable* is = pool_id2solvable(pool, inst);
        Id best = 0;
        for (Id p : sack_.visiblePackages()) {
            ::Solvable* s = pool_id2solvable(pool, p);
            if (s->repo == pool->installed || s->name != is->name || s->arch != is->arch) continue;
            if (pool_evrcmp(pool, s->evr, is->evr, EVRCMP_COMPARE) >= 0) continue;
            if (!best ||
                pool_evrcmp(pool, s->evr, pool_id2solvable(pool, best)->evr, EVRCMP_COMPARE) > 0)
                best = p;
        }
        if (!best)
            throw Error("no version of " + sack_.package(inst).name() + " lower than " +
                        sack_.package(inst).evr() + " is available in the enabled repositories");
        jobs_.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE);
        jobs_.push_back(best);
    }
}

void Goal::reinstall(const std::string& spec) {
    ::Pool* pool = sack_.raw();
    for (Id inst : installedMatching(spec)) {
        ::Solvable* is = pool_id2solvable(pool, inst);
        Id same = 0;
        for (Id p : sack_.visiblePackages()) {
            ::Solvable* s = pool_id2solvable(pool, p);
            if (s->repo != pool->installed && s->name == is->name && s->evr == is->evr &&
                s->arch == is->arch) {
                same = p;
                break;
            }
        }
        if (!same)
            throw Error(sack_.package(inst).nevra() +
                        " is not available in any enabled repository, so it cannot be reinstalled");
        jobs_.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE);
        jobs_.push_back(same);
    }
}

void Goal::undo(const HistoryTransaction& t) {
    ::Pool* pool = sack_.raw();
    auto findByNevra = [&](const std::string& nevra, bool installed) -> Id {
        for (Id p : sack_.visiblePackages()) {
            const bool isInstalled = pool_id2solvable(pool, p)->repo == pool->installed;
            if (isInstalled == installed && sack_.package(p).nevra() == nevra) return p;
        }
        return 0;
    };
    std::set<std::string> comingBack;  // names whose old version is reinstalled
    for (const auto& item : t.items) {
        if (item.action != "Remove" && item.action != "Replaced") continue;
        if (findByNevra(item.nevra, true)) continue;  // already there again
        Id p = findByNevra(item.nevra, false);
        if (!p)
            throw Error("cannot undo transaction " + std::to_string(t.id) + ": " + item.nevra +
                        " is no longer available in any enabled repository");
        comingBack.insert(sack_.package(p).name());
        jobs_.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE);
        jobs_.push_back(p);
    }
    for (const auto& item : t.items) {
        if (item.action == "Remove" || item.action == "Replaced") continue;
        Id p = findByNevra(item.nevra, true);
        // Gone already, or replaced by bringing its old version back.
        if (!p || comingBack.count(sack_.package(p).name())) continue;
        jobs_.push_back(SOLVER_ERASE | SOLVER_SOLVABLE);
        jobs_.push_back(p);
    }
}

// After a successful solve: where more versions of an install-only package would be installed
// than installonly_limit allows, adds jobs erasing the oldest installed ones (never one the
// transaction itself installs). Returns whether it added any, i.e. whether to solve again.
bool Goal::limitInstallOnly(::Solver* solver, solv::Queue& jobs) {
    ::Pool* pool = sack_.raw();
    const int limit = sack_.config().main.installonly_limit;
    std::map<Id, std::set<Id>> versions;  // name -> versions installed after the transaction
    for (const auto& name : sack_.config().main.installonlypkgs) {
        Id what = pool_str2id(pool, name.c_str(), 0);
        if (!what) continue;
        Id p, pp;
        FOR_PROVIDES(p, pp, what)
        if (solver_get_decisionlevel(solver, p) > 0)
            versions[pool_id2solvable(pool, p)->name].insert(p);
    }
    bool added = false;
    for (auto& [name, set] : versions) {
        if (static_cast<int>(set.size()) <= limit) continue;
        std::vector<Id> ids(set.begin(), set.end());
        std::sort(ids.begin(), ids.end(), [&](Id a, Id b) { return compareEvr(pool, a, b) < 0; });
        int excess = static_cast<int>(ids.size()) - limit;
        for (Id id : ids) {
            if (excess == 0) break;
            if (pool_id2solvable(pool, id)->repo != pool->installed) continue;
            jobs.push_back(SOLVER_ERASE | SOLVER_SOLVABLE);
            jobs.push_back(id);
            limitErased_.insert(id);
            added = true;
            --excess;
        }
    }
    return added;
}

// libsolv's "best" rules look past the considered map: with best=True, an update whose newest
// version is hidden (another module stream, an excluded package) fails or is silently skipped.
// So update jobs name their candidates, as dnf's upgrade does: the visible packages that are
// newer than (or obsolete) an installed package the job covers.
void Goal::targetVisibleUpdates(solv::Queue& jobs) {
    ::Pool* pool = sack_.raw();
    if (!pool->installed) return;
    solv::Queue out;
    std::vector<Id> available;
    for (Id p : sack_.visiblePackages())
        if (pool_id2solvable(pool, p)->repo != pool->installed) available.push_back(p);
    for (int i = 0; i < jobs.size(); i += 2) {
        const Id how = jobs[i], what = jobs[i + 1];
        if ((how & SOLVER_JOBMASK) != SOLVER_UPDATE) {
            out.push_back(how);
            out.push_back(what);
            continue;
        }
        solv::Queue one{how, what}, targets;
        selection_solvables(pool, one.raw(), targets.raw());
        std::set<Id> installed;
        for (Id p : targets)
            if (pool_id2solvable(pool, p)->repo == pool->installed) installed.insert(p);
        solv::Queue candidates;
        for (Id a : available) {
            ::Solvable* as = pool_id2solvable(pool, a);
            bool updates = false;
            for (Id inst : installed) {
                ::Solvable* is = pool_id2solvable(pool, inst);
                if (as->name == is->name &&
                    pool_evrcmp(pool, as->evr, is->evr, EVRCMP_COMPARE) > 0) {
                    updates = true;
                    break;
                }
                if (as->obsoletes) {
                    Id* obs = as->repo->idarraydata + as->obsoletes;
                    for (; *obs; ++obs)
                        if (pool_match_nevr(pool, is, *obs)) updates = true;
                    if (updates) break;
                }
            }
            if (updates) candidates.push_back(a);
        }
        if (candidates.empty()) continue;  // nothing newer is visible: nothing to do
        out.push_back(SOLVER_UPDATE | SOLVER_SOLVABLE_ONE_OF | SOLVER_TARGETED |
                      (how & ~(SOLVER_JOBMASK | SOLVER_SELECTMASK)));
        out.push_back(pool_queuetowhatprovides(pool, candidates.raw()));
    }
    jobs = std::move(out);
}

void Goal::distroSync() {
    jobs_.push_back(SOLVER_DISTUPGRADE | SOLVER_SOLVABLE_ALL);
    jobs_.push_back(0);
}

uint64_t TransactionPlan::downloadSize(const Sack& sack) const {
    uint64_t total = 0;
    for (const auto& s : steps)
        if (s.kind != StepKind::Remove) total += sack.package(s.package).downloadSize();
    return total;
}

TransactionPlan Goal::resolve() {
    ::Pool* pool = sack_.raw();
    std::unique_ptr<::Solver, SolverFree> solver(solver_create(pool));
    const auto& main = sack_.config().main;
    // Removing a package removes what depends on it (as dnf does); otherwise installed
    // packages stay unless --allowerasing.
    bool erasing = false;
    for (int i = 0; i < jobs_.size(); i += 2)
        erasing = erasing || (jobs_[i] & SOLVER_JOBMASK) == SOLVER_ERASE;
    solver_set_flag(solver.get(), SOLVER_FLAG_ALLOW_UNINSTALL, allowErasing_ || erasing ? 1 : 0);
    solver_set_flag(solver.get(), SOLVER_FLAG_IGNORE_RECOMMENDED, main.install_weak_deps ? 0 : 1);
    solver_set_flag(solver.get(), SOLVER_FLAG_BEST_OBEY_POLICY, 1);
    solver_set_flag(solver.get(), SOLVER_FLAG_ALLOW_VENDORCHANGE, 1);
    solver_set_flag(solver.get(), SOLVER_FLAG_YUM_OBSOLETES, 1);
    solv::Queue jobs = jobs_;
    // What the user installed on purpose is never an "unused dependency".
    for (const auto& [id, info] : sack_.installedInfos())
        if (info.reason == "user" || info.reason == "module") {
            jobs.push_back(SOLVER_USERINSTALLED | SOLVER_SOLVABLE);
            jobs.push_back(id);
        }
    // Install-only packages (kernels): every version is kept, up to installonly_limit.
    for (const auto& name : main.installonlypkgs) {
        jobs.push_back(SOLVER_MULTIVERSION | SOLVER_SOLVABLE_PROVIDES);
        jobs.push_back(pool_str2id(pool, name.c_str(), 1));
    }
    if (pool->considered) targetVisibleUpdates(jobs);
    // --skip-broken makes install jobs weak; a forced "best" rule would not be, so it goes.
    if (main.best && !skipBroken_)
        for (int i = 0; i < jobs.size(); i += 2)
            if ((jobs[i] & SOLVER_JOBMASK) == SOLVER_INSTALL ||
                (jobs[i] & SOLVER_JOBMASK) == SOLVER_UPDATE)
                jobs.raw()->elements[i] |= SOLVER_FORCEBEST;

    if (autoremove_) {
        // Solve what is asked, then ask libsolv which installed packages nothing needs.
        solver_solve(solver.get(), jobs.raw());
        solv::Queue unneeded;
        solver_get_unneeded(solver.get(), unneeded.raw(), 0);
        for (Id p : unneeded) {
            jobs.push_back(SOLVER_ERASE | SOLVER_SOLVABLE);
            jobs.push_back(p);
        }
    }
    if (skipBroken_)
        for (int i = 0; i < jobs.size(); i += 2)
            if ((jobs[i] & SOLVER_JOBMASK) == SOLVER_INSTALL)
                jobs.raw()->elements[i] |= SOLVER_WEAK;
    // One solve; a second only when the result exceeds installonly_limit.
    int problems = solver_solve(solver.get(), jobs.raw());
    if (problems == 0 && main.installonly_limit > 0 && limitInstallOnly(solver.get(), jobs))
        problems = solver_solve(solver.get(), jobs.raw());
    if (problems != 0) {
        std::string text, rawRules;
        bool installedInWay = false;
        const int count = solver_problem_count(solver.get());
        for (Id problem = 1; problem <= count; ++problem) {
            solv::Queue rules;
            solver_findallproblemrules(solver.get(), problem, rules.raw());
            std::string sentence;
            bool modular = false;
            for (Id rule : rules) {
                Id source, target, dep;
                SolverRuleinfo type = solver_ruleinfo(solver.get(), rule, &source, &target, &dep);
                // libsolv's own sentences name package and dependency ("nothing provides libfoo
                // >= 2 needed by bar-1.0-1.noarch"); keep the informative ones, once each.
                if (type == SOLVER_RULE_JOB || type == SOLVER_RULE_UPDATE) continue;
                if (type == SOLVER_RULE_PKG_REQUIRES && source &&
                    pool_id2solvable(pool, source)->repo == pool->installed)
                    installedInWay = true;
                std::string s = solver_problemruleinfo2str(solver.get(), type, source, target, dep);
                rawRules += "  " + s + "\n";
                // A module is in the way: that explanation alone says it all.
                if (const std::string why = explainModular(type, source, dep); !why.empty()) {
                    if (!modular) sentence.clear();
                    modular = true;
                    s = why;
                } else if (modular) {
                    continue;
                }
                if (sentence.find(s) == std::string::npos)
                    sentence += (sentence.empty() ? "" : "; ") + s;
            }
            if (sentence.empty()) sentence = solver_problem2str(solver.get(), problem);
            text += (text.empty() ? "" : "\n  ") + sentence;
        }
        if (!allowErasing_ && (installedInWay || text.find("conflict") != std::string::npos))
            text += " (--allowerasing lets mpm remove the installed packages in the way)";
        throw SolveError(count == 1 ? "the request cannot be satisfied: " + text
                                    : "the request cannot be satisfied:\n  " + text,
                         rawRules);
    }

    TransactionPlan plan;
    if (skipBroken_) {
        // An install job none of whose candidates ends up installed was skipped.
        for (int i = 0; i < jobs_.size(); i += 2) {
            if ((jobs_[i] & SOLVER_JOBMASK) != SOLVER_INSTALL) continue;
            solv::Queue one{jobs_[i], jobs_[i + 1]}, pkgs;
            selection_solvables(pool, one.raw(), pkgs.raw());
            bool fulfilled = false;
            for (Id p : pkgs)
                fulfilled = fulfilled || solver_get_decisionlevel(solver.get(), p) > 0;
            if (!fulfilled && !pkgs.empty()) plan.skipped.push_back(sack_.package(pkgs[0]).nevra());
        }
    }
    std::unique_ptr<::Transaction, TransactionFree> trans(solver_create_transaction(solver.get()));
    transaction_order(trans.get(), 0);
    // What the user named: the candidates of the install and upgrade jobs.
    solv::Queue named, forModule;
    for (int i = 0; i < jobs_.size(); i += 2) {
        const Id how = jobs_[i] & SOLVER_JOBMASK;
        if (how != SOLVER_INSTALL && how != SOLVER_ERASE) continue;
        solv::Queue one{jobs_[i], jobs_[i + 1]}, pkgs;
        selection_solvables(pool, one.raw(), pkgs.raw());
        for (Id p : pkgs) {
            if (moduleJobs_.count(i)) {
                forModule.push_back(p);
                continue;
            }
            named.push_back(p);
            const InstalledInfo* info = sack_.installedInfo(p);
            if (how == SOLVER_INSTALL && info && info->reason != "user" &&
                solver_get_decisionlevel(solver.get(), p) > 0)
                plan.markUser.push_back(p);
        }
    }
    const int mode = SOLVER_TRANSACTION_SHOW_ACTIVE | SOLVER_TRANSACTION_SHOW_ALL |
                     SOLVER_TRANSACTION_SHOW_OBSOLETES | SOLVER_TRANSACTION_CHANGE_IS_REINSTALL;
    for (int i = 0; i < trans->steps.count; ++i) {
        Id p = trans->steps.elements[i];
        Id type = transaction_type(trans.get(), p, mode);
        ::Solvable* s = pool_id2solvable(pool, p);
        const bool isInstalled = s->repo == pool->installed;
        PlanStep step{StepKind::Install, p, {}, ""};
        switch (type) {
            case SOLVER_TRANSACTION_INSTALL:
                step.kind = StepKind::Install;
                break;
            case SOLVER_TRANSACTION_UPGRADE:
            case SOLVER_TRANSACTION_OBSOLETES:
                step.kind = StepKind::Upgrade;
                break;
            case SOLVER_TRANSACTION_DOWNGRADE:
                step.kind = StepKind::Downgrade;
                break;
            case SOLVER_TRANSACTION_REINSTALL:
                step.kind = StepKind::Reinstall;
                break;
            case SOLVER_TRANSACTION_ERASE:
                step.kind = StepKind::Remove;
                break;
            default:
                continue;  // the installed side of an upgrade: reported with its new package
        }
        if (isInstalled && step.kind != StepKind::Remove) continue;
        if (step.kind == StepKind::Remove) {
            Id ruleInfo = 0;
            const int reason = solver_describe_decision(solver.get(), p, &ruleInfo);
            step.reason = limitErased_.count(p)                     ? "installonly-limit"
                          : named.contains(p)                       ? "user"
                          : reason == SOLVER_REASON_CLEANDEPS_ERASE ? "unused-dependency"
                                                                    : "dependent";
        } else {
            solv::Queue replaced;
            transaction_all_obs_pkgs(trans.get(), p, replaced.raw());
            step.replaces.assign(replaced.begin(), replaced.end());
            Id ruleInfo = 0;
            const int reason = solver_describe_decision(solver.get(), p, &ruleInfo);
            step.reason = named.contains(p)                 ? "user"
                          : forModule.contains(p)           ? "module"
                          : reason == SOLVER_REASON_WEAKDEP ? "weak-dependency"
                                                            : "dependency";
            // An upgrade keeps the reason the package had.
            if (!step.replaces.empty())
                if (const InstalledInfo* info = sack_.installedInfo(step.replaces.front()))
                    step.reason = info->reason;
        }
        plan.steps.push_back(std::move(step));
    }
    enableStreamsOfInstalls(plan);
    return plan;
}

// A package of a stream that is in use only because it is the default (or a dependency) makes
// that stream enabled when it is installed, as dnf does: the choice then lasts.
void Goal::enableStreamsOfInstalls(TransactionPlan& plan) {
    Modules* modules = sack_.modules();
    if (!modules || modules->metadata().streams().empty()) return;
    ModuleStates states = modules->states();
    for (const auto& step : plan.steps) {
        if (step.kind == StepKind::Remove) continue;
        for (const ModuleStream* b :
             modules->buildsListing(sack_.package(step.package).fullNevra())) {
            if (!modules->isActive(b)) continue;
            ModuleState st = states.get(b->name);
            if (st.status != ModuleStatus::Unset) break;
            st.status = ModuleStatus::Enabled;
            st.stream = b->stream;
            states.set(st);
            break;
        }
    }
    if (!(states.all() == modules->states().all())) modules->setStates(states);
    plan.moduleChanges = modules->changes();
}

// "...; foo-2.0 belongs to stream foo:2, but foo:1 is the default. To use it: ..." when the
// dependency is only provided by packages modular filtering hides.
std::string Goal::explainModular(int type, Id source, Id dep) const {
    if (!sack_.modules()) return {};
    if (type == SOLVER_RULE_PKG_NOT_INSTALLABLE && source && hiddenByModules(sack_, source))
        return sack_.modules()->whyHidden(sack_.package(source));
    if ((type != SOLVER_RULE_PKG_NOTHING_PROVIDES_DEP && type != SOLVER_RULE_PKG_REQUIRES) || !dep)
        return {};
    ::Pool* pool = sack_.raw();
    Id p, pp;
    FOR_PROVIDES(p, pp, dep)
    if (hiddenByModules(sack_, p))
        return sack_.package(source).nevra() + " needs " + pool_dep2str(pool, dep) + "; " +
               sack_.modules()->whyHidden(sack_.package(p));
    return {};
}

}  // namespace mpm
