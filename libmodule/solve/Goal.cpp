#include "libmodule/solve/Goal.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "solv/libsolv.hpp"

#include "common/Strings.hpp"
#include "libmodule/base/PackageQuery.hpp"

namespace mpm::solve {

namespace {

// libsolv's selection_make, also for dnf's E:N-V-R.A form (what repoquery --envra prints),
// which libsolv does not read: tried as N-E:V-R.A when the spec as given matches nothing.
int selectSpec(::Pool* pool, ::Queue* sel, const char* spec, int flags) {
    const int found = selection_make(pool, sel, spec, flags);
    if (sel->count) return found;
    const std::string s = spec;
    const size_t colon = s.find(':');
    if (colon == 0 || colon == std::string::npos || s.find_first_not_of("0123456789") != colon)
        return found;
    const std::string rest = s.substr(colon + 1);
    const size_t releaseDash = rest.rfind('-');
    const size_t versionDash = releaseDash == std::string::npos || releaseDash == 0
                                   ? std::string::npos
                                   : rest.rfind('-', releaseDash - 1);
    if (versionDash == std::string::npos || versionDash == 0) return found;
    const std::string canonical =
        rest.substr(0, versionDash + 1) + s.substr(0, colon + 1) + rest.substr(versionDash + 1);
    return selection_make(pool, sel, canonical.c_str(), flags);
}

}  // namespace

Goal::Goal(base::Sack& sack, module::Modules* modules)
    : sack_(sack), modules_(modules), explainer_(sack, modules) {
    sack_.indexProvides();  // specs are matched by what packages provide, then solved
}

void Goal::addJobs(const std::string& spec, int how, bool installedOnly) {
    ::Pool* pool = sack_.raw();
    // dnf's precedence: a spec is a package name (or NEVRA) if any name matches, else a
    // provide, else a file; "*greet*" must not also pick every file with greet in its path.
    const int only = installedOnly ? SELECTION_INSTALLED_ONLY : 0;
    solv::Queue sel;
    bool byName = true;
    selectSpec(pool, sel.raw(), spec.c_str(),
               SELECTION_NAME | SELECTION_GLOB | SELECTION_DOTARCH | SELECTION_REL |
                   SELECTION_CANON | only);
    if (sel.empty()) {
        byName = false;
        selectSpec(pool, sel.raw(), spec.c_str(),
                   SELECTION_PROVIDES | SELECTION_GLOB | SELECTION_DOTARCH | SELECTION_REL |
                       SELECTION_FILELIST | only);
    }
    if (!sel.empty() && !installedOnly && pool->considered) {
        // Only hidden packages match? Modular filtering says by which stream and how to get it.
        solv::Queue pkgs;
        selection_solvables(pool, sel.raw(), pkgs.raw());
        const bool anyVisible = std::any_of(pkgs.begin(), pkgs.end(), [&](Id p) {
            return sack_.considered(p) || pool_id2solvable(pool, p)->repo == pool->installed;
        });
        // (Explaining reads the module metadata: only when there is something to explain.)
        Id hidden = 0;
        if (!anyVisible) {
            std::vector<Id> explained;
            for (Id p : pkgs)
                if (!explainer_.whyHidden(p).empty()) explained.push_back(p);
            if (!explained.empty()) hidden = bestHidden(explained);
        }
        if (!anyVisible && hidden) {
            SolveError e("cannot install '" + spec + "': " + explainer_.whyHidden(hidden));
            e.addFact("package", sack_.package(hidden).fullNevra());
            if (modules_) e.addFact("stream", modules_->streamOf(sack_.package(hidden)));
            throw e;
        }
    }
    if (sel.empty()) {
        if (installedOnly) throw Error("no installed package matches '" + spec + "'");
        if (const std::string arch = otherArchitecture(spec); !arch.empty())
            throw Error("cannot install '" + spec + "': the repositories have it only for " + arch +
                        ", which does not fit this system's " + sack_.config().arch +
                        " (--forcearch=" + arch + " builds a root for " + arch + ")");
        const std::string noRepo = sack_.config().noRepositoryReason();
        Error e("no package matches '" + spec + "'" +
                (noRepo.empty() ? " (see mpm list, mpm repolist)" : ": " + noRepo));
        e.addFact("package", spec);
        throw e;
    }
    // selection_make does not look at the considered map: an install must not pick (or, with
    // best=True, insist on) a package that excludes or modular filtering hide.
    if (pool->considered && (how & SOLVER_JOBMASK) == SOLVER_INSTALL) {
        solv::Queue pkgs, visible;
        selection_solvables(pool, sel.raw(), pkgs.raw());
        // A profile of the stream in use wants that stream's package: an installed build of
        // another stream (its repository copy is hidden now; a switch-to replacing it, down
        // as well as up) is no candidate.
        auto otherStream = [&](Id installed) {
            const ::Solvable* is = pool_id2solvable(pool, installed);
            return std::any_of(pkgs.begin(), pkgs.end(), [&](Id q) {
                const ::Solvable* s = pool_id2solvable(pool, q);
                return s->repo != pool->installed && !sack_.considered(q) && s->name == is->name &&
                       s->evr == is->evr && s->arch == is->arch;
            });
        };
        for (Id p : pkgs) {
            const bool installed = pool_id2solvable(pool, p)->repo == pool->installed;
            if (installed && forModuleProfile_ && otherStream(p)) continue;
            if (sack_.considered(p) || installed) visible.push_back(p);
        }
        if (visible.size() != pkgs.size()) {
            if (visible.empty())
                throw Error("no package matches '" + spec +
                            "' (excluded by excludepkgs/includepkgs)");
            jobs_.push_back(how | SOLVER_SOLVABLE_ONE_OF);
            jobs_.push_back(pool_queuetowhatprovides(pool, visible.raw()));
            return;
        }
    }
    if ((how & SOLVER_JOBMASK) == SOLVER_INSTALL && byName && !hasGlob(spec) &&
        !forModuleProfile_) {
        if (solv::Queue candidates = withObsoleters(spec, sel); !candidates.empty()) {
            jobs_.push_back(how | SOLVER_SOLVABLE_ONE_OF);
            jobs_.push_back(pool_queuetowhatprovides(pool, candidates.raw()));
            return;
        }
    }
    if ((how & SOLVER_JOBMASK) == SOLVER_INSTALL && byName && hasGlob(spec)) {
        // A name glob installs the best version of every name it matches, as dnf does (one
        // job per name; libsolv's selection would ask for every matching version at once).
        solv::Queue pkgs;
        selection_solvables(pool, sel.raw(), pkgs.raw());
        std::map<Id, solv::Queue> byNameId;
        for (Id p : pkgs)
            if (!pool->considered || sack_.considered(p) ||
                pool_id2solvable(pool, p)->repo == pool->installed)
                byNameId[pool_id2solvable(pool, p)->name].push_back(p);
        for (auto& [name, candidates] : byNameId) {
            jobs_.push_back(how | SOLVER_SOLVABLE_ONE_OF);
            jobs_.push_back(pool_queuetowhatprovides(pool, candidates.raw()));
        }
        return;
    }
    for (int i = 0; i < sel.size(); i += 2) {
        jobs_.push_back(sel[i] | how);
        jobs_.push_back(sel[i + 1]);
    }
}

solv::Queue Goal::withObsoleters(const std::string& spec, const solv::Queue& selection) const {
    ::Pool* pool = sack_.raw();
    solv::Queue nameOnly, pkgs, out, sel = selection;
    selectSpec(pool, nameOnly.raw(), spec.c_str(), SELECTION_NAME);  // dnf: a bare name
    if (nameOnly.empty()) return out;
    selection_solvables(pool, sel.raw(), pkgs.raw());
    for (Id p : pkgs)  // one installed: an install of it replaces nothing
        if (pool_id2solvable(pool, p)->repo == pool->installed) return out;
    if (!obsoleting_)
        obsoleting_ = sack_.visiblePackagesWhere(
            [pool](const ::Solvable* s) { return s->obsoletes && s->repo != pool->installed; });
    std::vector<Id> obsoleters;
    for (Id a : *obsoleting_) {
        const ::Solvable* s = pool_id2solvable(pool, a);
        if (std::any_of(pkgs.begin(), pkgs.end(), [&](Id p) {
                const ::Solvable* old = pool_id2solvable(pool, p);
                return old->name != s->name && base::obsoletes(pool, s, old);
            }))
            obsoleters.push_back(a);
    }
    if (obsoleters.empty()) return out;
    for (Id p : pkgs)
        if (!pool->considered || sack_.considered(p)) out.push_back(p);
    for (Id a : obsoleters) out.push_back(a);
    return out;
}

std::string Goal::otherArchitecture(const std::string& name) const {
    ::Pool* pool = sack_.raw();
    const Id id = pool_str2id(pool, name.c_str(), 0);
    if (!id) return {};
    Id p;
    ::Solvable* s;
    FOR_POOL_SOLVABLES(p) {
        s = pool_id2solvable(pool, p);
        if (s->name != id || s->repo == pool->installed || s->arch == ARCH_SRC ||
            s->arch == ARCH_NOSRC || s->arch == ARCH_NOARCH)
            continue;
        const bool fits = !pool->id2arch || (s->arch <= pool->lastarch && pool->id2arch[s->arch]);
        if (!fits) return pool_id2str(pool, s->arch);
    }
    return {};
}

Id Goal::localPackage(const std::string& spec) {
    if (!spec.ends_with(".rpm")) return 0;
    if (access(spec.c_str(), F_OK) == 0) {
        const Id p = sack_.addLocalPackage(spec);
        sack_.finalize();  // the new solvable must be indexed before solving
        return p;
    }
    if (spec.find("://") != std::string::npos)
        throw Error("cannot use " + spec +
                    ": mpm takes package files by path, not by URL; download it and give its "
                    "path");
    // A path to a package file (as dnf takes one): no package of the repositories is meant.
    if (spec.find('/') != std::string::npos)
        throw Error("cannot read package file " + spec + ": " + std::strerror(errno));
    return 0;
}

std::string Goal::notInstalled(Id p) const {
    ::Pool* pool = sack_.raw();
    const ::Solvable* s = pool_id2solvable(pool, p);
    std::string out =
        sack_.package(p).name() + "." + pool_id2str(pool, s->arch) + " is not installed";
    if (pool->installed) {
        Id q;
        ::Solvable* is;
        FOR_REPO_SOLVABLES(pool->installed, q, is) {
            if (is->name == s->name) return out + " (installed: " + sack_.package(q).nevra() + ")";
        }
    }
    return out;
}

std::vector<Id> Goal::installedLike(Id p) const {
    ::Pool* pool = sack_.raw();
    const ::Solvable* s = pool_id2solvable(pool, p);
    std::vector<Id> out;
    if (!pool->installed) return out;
    Id q;
    ::Solvable* is;
    FOR_REPO_SOLVABLES(pool->installed, q, is) {
        if (is->name == s->name && base::archesMeet(is, s)) out.push_back(q);
    }
    return out;
}

void Goal::install(const std::string& spec) {
    if (const Id p = localPackage(spec)) {
        jobs_.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE);
        jobs_.push_back(p);
        return;
    }
    if (!skipBroken_) {
        addJobs(spec, SOLVER_INSTALL, false);
        return;
    }
    // --skip-broken leaves out a name that matches nothing too, as dnf does.
    if (matchingAny(spec, false).empty()) {
        nothingToDo_.push_back("no package matches '" + spec + "': left out (--skip-broken)");
        return;
    }
    addJobs(spec, SOLVER_INSTALL, false);
}

void Goal::installLocked(const std::vector<LockedFile>& files,
                         std::vector<db::ModuleState> modules) {
    ::Pool* pool = sack_.raw();
    for (const auto& f : files) {
        const Id p = sack_.addLocalPackage(f.path, f.origin);
        const base::Package pkg = sack_.package(p);
        // The checksum proved the file is the one locked; a name or version that disagrees
        // means the lock was edited by hand.
        if (!f.nevra.empty() && pkg.nevra() != f.nevra)
            throw Error("the lock calls " + f.path + " " + f.nevra + ", but it is " + pkg.nevra() +
                        ": the lock was edited; make it again with mpm lock");
        givenReasons_[p] = f.reason;
        // Already installed in this very version: nothing to do for it (not a reinstall).
        bool installed = false;
        if (pool->installed) {
            Id q;
            ::Solvable* s;
            FOR_REPO_SOLVABLES(pool->installed, q, s) {
                const ::Solvable* l = pkg.solvable();
                installed =
                    installed || (s->name == l->name && s->evr == l->evr && s->arch == l->arch);
            }
        }
        if (installed) continue;
        jobs_.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE);
        jobs_.push_back(p);
    }
    sack_.finalize();  // once for all of them
    lockedModules_ = std::move(modules);
}

void Goal::installForModule(const std::string& spec) {
    const int first = jobs_.size();
    forModuleProfile_ = true;
    try {
        addJobs(spec, SOLVER_INSTALL, false);
    } catch (...) {
        forModuleProfile_ = false;
        throw;
    }
    forModuleProfile_ = false;
    for (int i = first; i < jobs_.size(); i += 2) moduleJobs_.insert(i);
}

void Goal::remove(const std::string& spec) {
    const bool clean = sack_.config().main.clean_requirements_on_remove;
    addJobs(spec, SOLVER_ERASE | (clean ? SOLVER_CLEANDEPS : 0), true);
}

void Goal::removeIfInstalled(const std::string& spec) {
    if (matchingAny(spec, true).empty())
        notInstalled_.push_back(spec);
    else
        remove(spec);
}

void Goal::removeWithUnneeded(const std::string& spec) {
    if (matchingAny(spec, true).empty())
        notInstalled_.push_back(spec);
    else
        addJobs(spec, SOLVER_ERASE | SOLVER_CLEANDEPS, true);
}

void Goal::upgrade(const std::string& spec) {
    // A package file (dnf's "upgrade ./x.rpm"): when it is newer than the installed one, or
    // obsoletes installed packages.
    if (const Id p = localPackage(spec)) {
        ::Pool* pool = sack_.raw();
        const base::Package pkg = sack_.package(p);
        const auto installed = installedLike(p);
        if (installed.empty()) {
            if (base::PackageQuery::installedObsoletedBy(sack_, p).empty())
                throw Error(notInstalled(p) + ", so " + spec + " cannot upgrade it (mpm install " +
                            spec + " installs it)");
        } else {
            for (Id i : installed)
                if (base::compareEvr(pool, p, i) <= 0) {
                    nothingToDo_.push_back(pkg.nevra() + " is not newer than the installed " +
                                           sack_.package(i).nevra() + ": nothing to upgrade");
                    return;
                }
        }
        jobs_.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE);
        jobs_.push_back(p);
        return;
    }
    // A version the spec names ("upgrade hello-3.0", dnf's upgrade-to): that version when it is
    // newer than the installed one; nothing to do, said, when it is not (dnf's answer).
    if (matchingAny(spec, true).empty()) {
        ::Pool* pool = sack_.raw();
        solv::Queue sel, pkgs, newer;
        selectSpec(pool, sel.raw(), spec.c_str(),
                   SELECTION_NAME | SELECTION_GLOB | SELECTION_DOTARCH | SELECTION_CANON);
        selection_solvables(pool, sel.raw(), pkgs.raw());
        Id older = 0;
        for (Id p : pkgs) {
            if (!sack_.considered(p)) continue;
            for (Id i : matchingAny(sack_.package(p).name(), true)) {
                if (pool_evrcmp(pool, pool_id2solvable(pool, p)->evr,
                                pool_id2solvable(pool, i)->evr, EVRCMP_COMPARE) > 0)
                    newer.push_back(p);
                else
                    older = i;
            }
        }
        if (!newer.empty()) {
            jobs_.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE_ONE_OF);
            jobs_.push_back(pool_queuetowhatprovides(pool, newer.raw()));
            return;
        }
        if (older) {
            nothingToDo_.push_back(spec + " is not newer than the installed " +
                                   sack_.package(older).nevra() + ": nothing to upgrade");
            return;
        }
        // A version no repository has of a package that is installed ("upgrade hello-9.0"):
        // not "no installed package matches", which the installed hello contradicts.
        if (pkgs.empty())
            for (size_t dash = spec.rfind('-'); dash != std::string::npos && dash > 0;
                 dash = spec.rfind('-', dash - 1))
                if (const auto installed = matchingAny(spec.substr(0, dash), true);
                    !installed.empty())
                    throw Error("no version of " + spec.substr(0, dash) + " matches '" + spec +
                                "' (installed: " + sack_.package(installed.front()).nevra() +
                                "; mpm list --showduplicates " + spec.substr(0, dash) +
                                " lists the versions there are)");
    }
    addJobs(spec, SOLVER_UPDATE, true);
}

void Goal::installOrUpgrade(const std::string& spec) {
    if (matchesInstalled(spec))
        upgrade(spec);
    else
        install(spec);
}

void Goal::keepOrInstall(const std::string& spec) {
    if (!namesVersion(spec)) {
        const std::vector<Id> installed = matchingAny(spec, true);
        if (!installed.empty()) {
            solv::Queue q;
            for (Id p : installed) q.push_back(p);
            jobs_.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE_ONE_OF);
            jobs_.push_back(pool_queuetowhatprovides(sack_.raw(), q.raw()));
            return;
        }
    }
    install(spec);
}

std::set<std::string> Goal::namesMatching(const std::string& spec) const {
    std::set<std::string> names;
    for (Id p : matchingAny(spec, false))
        names.insert(pool_id2str(sack_.raw(), pool_id2solvable(sack_.raw(), p)->name));
    return names;
}

bool Goal::namesVersion(const std::string& spec) const {
    ::Pool* pool = sack_.raw();
    solv::Queue byName, canonical;
    selectSpec(pool, byName.raw(), spec.c_str(),
               SELECTION_NAME | SELECTION_GLOB | SELECTION_DOTARCH | SELECTION_PROVIDES |
                   SELECTION_FILELIST);
    if (!byName.empty()) return false;
    selectSpec(pool, canonical.raw(), spec.c_str(),
               SELECTION_NAME | SELECTION_GLOB | SELECTION_DOTARCH | SELECTION_CANON);
    return !canonical.empty();
}

void Goal::forbid(const std::string& spec) {
    ::Pool* pool = sack_.raw();
    solv::Queue available;
    for (Id p : matchingAny(spec, false))
        if (pool_id2solvable(pool, p)->repo != pool->installed) available.push_back(p);
    if (available.empty()) return;
    jobs_.push_back(SOLVER_ERASE | SOLVER_SOLVABLE_ONE_OF);
    jobs_.push_back(pool_queuetowhatprovides(pool, available.raw()));
}

std::vector<Id> Goal::matchingAny(const std::string& spec, bool installedOnly) const {
    solv::Queue sel, pkgs;
    selectSpec(sack_.raw(), sel.raw(), spec.c_str(),
               SELECTION_NAME | SELECTION_PROVIDES | SELECTION_GLOB | SELECTION_DOTARCH |
                   SELECTION_REL | SELECTION_CANON | SELECTION_FILELIST |
                   (installedOnly ? SELECTION_INSTALLED_ONLY : 0));
    selection_solvables(sack_.raw(), sel.raw(), pkgs.raw());
    return {pkgs.begin(), pkgs.end()};
}

void Goal::upgradeAll() {
    jobs_.push_back(SOLVER_UPDATE | SOLVER_SOLVABLE_ALL);
    jobs_.push_back(0);
}

std::vector<Id> Goal::installedMatching(const std::string& spec) {
    ::Pool* pool = sack_.raw();
    solv::Queue sel, pkgs;
    selectSpec(pool, sel.raw(), spec.c_str(),
               SELECTION_NAME | SELECTION_GLOB | SELECTION_DOTARCH | SELECTION_CANON |
                   SELECTION_INSTALLED_ONLY);
    selection_solvables(pool, sel.raw(), pkgs.raw());
    if (pkgs.empty()) throw Error("no installed package matches '" + spec + "'");
    return {pkgs.begin(), pkgs.end()};
}

void Goal::downgrade(const std::string& spec) {
    ::Pool* pool = sack_.raw();
    if (const Id p = localPackage(spec)) {
        const base::Package pkg = sack_.package(p);
        const auto installed = installedLike(p);
        if (installed.empty())
            throw Error(notInstalled(p) + ", so " + spec + " cannot downgrade it");
        if (!std::all_of(installed.begin(), installed.end(),
                         [&](Id i) { return base::compareEvr(pool, p, i) < 0; })) {
            nothingToDo_.push_back(pkg.nevra() + " is not older than the installed " +
                                   sack_.package(installed.front()).nevra() +
                                   ": nothing to downgrade");
            return;
        }
        jobs_.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE);
        jobs_.push_back(p);
        return;
    }
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
        if (!best) {
            // dnf's answer: said, and nothing to do for it (not a failure).
            nothingToDo_.push_back("no version of " + sack_.package(inst).name() + " lower than " +
                                   sack_.package(inst).evr() +
                                   " is available in the enabled repositories: nothing to "
                                   "downgrade");
            continue;
        }
        jobs_.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE);
        jobs_.push_back(best);
    }
}

void Goal::reinstall(const std::string& spec) {
    ::Pool* pool = sack_.raw();
    if (const Id p = localPackage(spec)) {  // the installed version, from this file
        const ::Solvable* s = pool_id2solvable(pool, p);
        const auto installed = installedLike(p);
        if (std::none_of(installed.begin(), installed.end(), [&](Id i) {
                const ::Solvable* is = pool_id2solvable(pool, i);
                return is->evr == s->evr && is->arch == s->arch;
            }))
            throw Error(sack_.package(p).nevra() + " is not installed" +
                        (installed.empty()
                             ? std::string()
                             : " (installed: " + sack_.package(installed.front()).nevra() + ")") +
                        ", so " + spec + " cannot reinstall it");
        jobs_.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE);
        jobs_.push_back(p);
        return;
    }
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

void Goal::undo(const db::HistoryTransaction& t) {
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
        if (item.action != db::HistoryAction::Remove && item.action != db::HistoryAction::Replaced)
            continue;
        if (findByNevra(item.nevra, true)) continue;  // already there again
        Id p = findByNevra(item.nevra, false);
        if (!p) {
            // Still there, but hidden (another stream is in use now): said with its fix.
            for (Id q = 2; q < pool->nsolvables; ++q) {
                const ::Solvable* s = pool_id2solvable(pool, q);
                if (!s->repo || s->repo == pool->installed || sack_.considered(q) ||
                    sack_.package(q).nevra() != item.nevra)
                    continue;
                if (const std::string why = explainer_.whyHidden(q); !why.empty())
                    throw Error("cannot undo transaction " + std::to_string(t.id) + ": " + why);
            }
            throw Error("cannot undo transaction " + std::to_string(t.id) + ": " + item.nevra +
                        " is no longer available in any enabled repository");
        }
        comingBack.insert(sack_.package(p).name());
        givenReasons_[p] = item.reason;  // back as it was (a group's package stays the group's)
        jobs_.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE);
        jobs_.push_back(p);
    }
    for (const auto& item : t.items) {
        if (item.action == db::HistoryAction::Remove || item.action == db::HistoryAction::Replaced)
            continue;
        Id p = findByNevra(item.nevra, true);
        if (!p) {  // gone already: said, as dnf says it (an empty plan said nothing of why)
            nothingToDo_.push_back(item.nevra + ", which transaction " + std::to_string(t.id) +
                                   " brought, is no longer installed: nothing to undo for it");
            continue;
        }
        // Replaced by bringing its old version back.
        if (comingBack.count(sack_.package(p).name())) continue;
        jobs_.push_back(SOLVER_ERASE | SOLVER_SOLVABLE);
        jobs_.push_back(p);
    }
    // A group it installed is forgotten, one it removed recorded again.
    for (const auto& g : t.groups)
        if (!g.wasInstalled) groupChanges_.push_back({g.group, !g.removed, false});
}

// After a successful solve: where more versions of an install-only package would be installed
// than installonly_limit allows, adds jobs erasing the oldest installed ones (never one the
// transaction itself installs). Returns whether it added any, i.e. whether to solve again.
bool Goal::limitInstallOnly(const solv::Solver& solver, solv::Queue& jobs) {
    ::Pool* pool = sack_.raw();
    const int limit = sack_.config().main.installonly_limit;
    std::map<Id, std::set<Id>> versions;  // name -> versions installed after the transaction
    for (const auto& name : sack_.config().main.installonlypkgs) {
        Id what = pool_str2id(pool, name.c_str(), 0);
        if (!what) continue;
        Id p, pp;
        FOR_PROVIDES(p, pp, what)
        if (solver.installs(p)) versions[pool_id2solvable(pool, p)->name].insert(p);
    }
    bool added = false;
    for (auto& [name, set] : versions) {
        if (static_cast<int>(set.size()) <= limit) continue;
        std::vector<Id> ids(set.begin(), set.end());
        std::sort(ids.begin(), ids.end(),
                  [&](Id a, Id b) { return base::compareEvr(pool, a, b) < 0; });
        int excess = static_cast<int>(ids.size()) - limit;
        bool erased = false;
        std::vector<Id> kept;
        for (Id id : ids) {
            if (excess == 0 || pool_id2solvable(pool, id)->repo != pool->installed) {
                kept.push_back(id);
                continue;
            }
            jobs.push_back(SOLVER_ERASE | SOLVER_SOLVABLE);
            jobs.push_back(id);
            limitErased_.insert(id);
            erased = true;
            --excess;
        }
        // The versions that stay are held, as libdnf holds them: without that, the solve
        // again could satisfy the update jobs by installing nothing (the erased version was
        // what an update of it would have replaced), erasing one kernel for none.
        if (!erased) continue;
        added = true;
        for (Id id : kept) {
            jobs.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE);
            jobs.push_back(id);
        }
    }
    return added;
}

// libsolv's "best" rules look past the considered map: with best=True, an update whose newest
// version is hidden (another module stream, an excluded package) fails or is silently skipped.
// So update jobs name their candidates, as dnf's upgrade does: the visible packages that are
// newer than (or obsolete) an installed package the job covers.
void Goal::keepHiddenOrphans(solv::Queue& jobs) const {
    ::Pool* pool = sack_.raw();
    bool dup = false;
    for (int i = 0; i < jobs.size(); i += 2)
        dup = dup || (jobs[i] & SOLVER_JOBMASK) == SOLVER_DISTUPGRADE;
    if (!dup || !pool->installed) return;
    // libsolv takes an installed package whose name the repositories have as one to replace by
    // them, hidden or not, and fails when every candidate is hidden (a stream's package kept by
    // its failsafe copy, an excluded name); as no repository has anything for it, it stays, as
    // an orphan stays. Only what nothing visible replaces (by name or obsoletes).
    std::set<Id> namesVisible, namesHidden;
    std::vector<const ::Solvable*> obsoleters;
    for (Id p = 2; p < pool->nsolvables; ++p) {
        const ::Solvable* s = pool_id2solvable(pool, p);
        if (!s->repo || s->repo == pool->installed) continue;
        if (sack_.considered(p)) {
            namesVisible.insert(s->name);
            if (s->obsoletes) obsoleters.push_back(s);
        } else {
            namesHidden.insert(s->name);
        }
    }
    Id p;
    ::Solvable* s;
    FOR_REPO_SOLVABLES(pool->installed, p, s) {
        if (namesVisible.count(s->name) || !namesHidden.count(s->name)) continue;
        if (std::any_of(obsoleters.begin(), obsoleters.end(),
                        [&](const ::Solvable* o) { return base::obsoletes(pool, o, s); }))
            continue;
        jobs.push_back(SOLVER_LOCK | SOLVER_SOLVABLE);
        jobs.push_back(p);
    }
}

void Goal::targetVisibleUpdates(solv::Queue& jobs) {
    ::Pool* pool = sack_.raw();
    if (!pool->installed) return;
    bool anyUpdate = false;  // (the visible packages are listed only for one)
    for (int i = 0; i < jobs.size(); i += 2)
        anyUpdate = anyUpdate || (jobs[i] & SOLVER_JOBMASK) == SOLVER_UPDATE;
    if (!anyUpdate) return;
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
                if (base::obsoletes(pool, as, is)) {
                    updates = true;
                    break;
                }
            }
            if (updates && (!upgradeLimit_ || upgradeLimit_->count(a))) candidates.push_back(a);
        }
        if (candidates.empty()) continue;  // nothing newer is visible: nothing to do
        out.push_back(SOLVER_UPDATE | SOLVER_SOLVABLE_ONE_OF | SOLVER_TARGETED |
                      (how & ~(SOLVER_JOBMASK | SOLVER_SELECTMASK)));
        out.push_back(pool_queuetowhatprovides(pool, candidates.raw()));
    }
    jobs = std::move(out);
}

void Goal::distroSync(const std::vector<std::string>& specs) {
    if (specs.empty()) {
        jobs_.push_back(SOLVER_DISTUPGRADE | SOLVER_SOLVABLE_ALL);
        jobs_.push_back(0);
    }
    for (const auto& spec : specs) addJobs(spec, SOLVER_DISTUPGRADE, true);
}

void Goal::addModuleJobs(const std::vector<module::ModuleJob>& jobs) {
    for (const auto& job : jobs) {
        switch (job.kind) {
            case module::ModuleJob::Kind::InstallForProfile:
                try {
                    installForModule(job.spec);
                } catch (const Error&) {
                    throw module::ModuleError("profile " + job.profile + " lists " + job.spec +
                                              ", which no enabled repository has");
                }
                break;
            case module::ModuleJob::Kind::Install:
                addJob(SOLVER_INSTALL | SOLVER_SOLVABLE, job.package);
                break;
            case module::ModuleJob::Kind::Remove:
                addJob(SOLVER_ERASE | SOLVER_SOLVABLE | (job.cleanDeps ? SOLVER_CLEANDEPS : 0),
                       job.package);
                break;
        }
    }
}

Id Goal::bestHidden(const std::vector<Id>& hidden) const {
    // The one whose stream to suggest: a stream not at its end of life, the module's default
    // first, then the newest version (pool order put an end-of-life stream first).
    ::Pool* pool = sack_.raw();
    auto rank = [&](Id p) {
        bool isDefault = false, current = true;
        if (modules_) {
            const std::string stream = modules_->streamOf(sack_.package(p));
            const size_t colon = stream.find(':');
            if (colon != std::string::npos) {
                const std::string name = stream.substr(0, colon), st = stream.substr(colon + 1);
                const module::ModuleDefaults* d = modules_->metadata().defaults(name);
                isDefault = d && d->stream == st;
                current = !modules_->metadata().obsoletes(name, st);
            }
        }
        return std::pair{current, isDefault};
    };
    return *std::max_element(hidden.begin(), hidden.end(), [&](Id a, Id b) {
        const auto ra = rank(a), rb = rank(b);
        if (ra != rb) return ra < rb;
        return base::compareEvr(pool, a, b) < 0;
    });
}

std::vector<Id> Goal::visibleNamed(Id name) const {
    ::Pool* pool = sack_.raw();
    std::vector<Id> out;
    Id p, pp;
    FOR_PROVIDES(p, pp, name) {
        const ::Solvable* s = pool_id2solvable(pool, p);
        if (s->name != name || s->arch == ARCH_SRC || s->arch == ARCH_NOSRC) continue;
        if (s->repo == pool->installed || sack_.considered(p)) out.push_back(p);
    }
    return out;
}

void Goal::addGroupJobs(const comps::GroupJobs& jobs) {
    ::Pool* pool = sack_.raw();
    auto noMatch = [&](const std::string& name) {
        warnings_.push_back("no match for group package '" + name +
                            "': no enabled repository has it");
    };
    for (const auto& name : jobs.install) {
        const Id id = pool_str2id(pool, name.c_str(), 0);
        solv::Queue candidates;
        if (id)
            for (Id p : visibleNamed(id)) candidates.push_back(p);
        if (candidates.empty()) {
            noMatch(name);
            continue;
        }
        groupNames_.insert(id);
        groupJobs_.insert(jobs_.size());
        addJob(SOLVER_INSTALL | SOLVER_SOLVABLE_ONE_OF,
               pool_queuetowhatprovides(pool, candidates.raw()));
    }
    for (const auto& [name, condition] : jobs.installIf) {
        const Id id = pool_str2id(pool, name.c_str(), 0);
        if (!id || visibleNamed(id).empty()) {
            noMatch(name);
            continue;
        }
        // dnf asks for the rich dependency "(name if condition)": installed once the
        // condition is (or comes) there.
        const Id dep = pool_parserpmrichdep(pool, ("(" + name + " if " + condition + ")").c_str());
        if (!dep) {
            warnings_.push_back("group package '" + name +
                                "' has a condition mpm cannot read: " + condition);
            continue;
        }
        groupNames_.insert(id);
        groupJobs_.insert(jobs_.size());
        addJob(SOLVER_INSTALL | SOLVER_SOLVABLE_PROVIDES, dep);
    }
    for (const auto& name : jobs.upgrade)
        if (!matchingAny(name, true).empty()) addJobs(name, SOLVER_UPDATE, true);
    groupRemovals_.insert(jobs.remove.begin(), jobs.remove.end());
    for (const auto& c : jobs.changes) groupChanges_.push_back(c);
    if (!jobs.fromDnf.empty()) groupsFromDnf_ = jobs.fromDnf;
    warnings_.insert(warnings_.end(), jobs.warnings.begin(), jobs.warnings.end());
}

void Goal::followModuleObsoletes() {
    if (!modules_ || !sack_.config().main.module_obsoletes) return;
    module::ModuleRequest request(sack_, *modules_);
    if (request.followObsoletes()) addModuleJobs(request.apply());
}

// The jobs of the request plus what every solve needs: what the user installed on purpose is
// never an "unused dependency", install-only packages keep every version, updates aim at what
// is visible, and best/skip-broken set the jobs' strength.
solv::Queue Goal::solverJobs() {
    ::Pool* pool = sack_.raw();
    const auto& main = sack_.config().main;
    solv::Queue jobs = jobs_;
    for (const auto& [id, info] : sack_.installedInfos())
        if (db::chosenByUser(info.reason) && !groupRemovals_.count(id)) {
            jobs.push_back(SOLVER_USERINSTALLED | SOLVER_SOLVABLE);
            jobs.push_back(id);
        }
    for (const auto& name : main.installonlypkgs) {
        jobs.push_back(SOLVER_MULTIVERSION | SOLVER_SOLVABLE_PROVIDES);
        jobs.push_back(pool_str2id(pool, name.c_str(), 1));
    }
    if (pool->considered || upgradeLimit_) targetVisibleUpdates(jobs);
    if (pool->considered) keepHiddenOrphans(jobs);
    // --skip-broken makes install jobs weak; a forced "best" rule would not be, so it goes.
    for (int i = 0; i < jobs.size(); i += 2) {
        const Id how = jobs[i] & SOLVER_JOBMASK;
        if (main.best && !skipBroken_ && (how == SOLVER_INSTALL || how == SOLVER_UPDATE))
            jobs.raw()->elements[i] |= SOLVER_FORCEBEST;
    }
    return jobs;
}

void Goal::configure(solv::Solver& solver) const {
    // Removing a package removes what depends on it (as dnf does); otherwise installed
    // packages stay unless --allowerasing.
    bool erasing = false;
    for (int i = 0; i < jobs_.size(); i += 2)
        erasing = erasing || (jobs_[i] & SOLVER_JOBMASK) == SOLVER_ERASE;
    solver.setFlag(SOLVER_FLAG_ALLOW_UNINSTALL, allowErasing_ || erasing);
    solver.setFlag(SOLVER_FLAG_IGNORE_RECOMMENDED, !sack_.config().main.install_weak_deps);
    solver.setFlag(SOLVER_FLAG_BEST_OBEY_POLICY, true);
    solver.setFlag(SOLVER_FLAG_ALLOW_VENDORCHANGE, true);
    solver.setFlag(SOLVER_FLAG_YUM_OBSOLETES, true);
}

// One solve, with two follow-ups when asked: autoremove solves first to learn what nothing
// needs, and a result past installonly_limit is solved again with the oldest versions erased.
void Goal::solve(solv::Solver& solver, solv::Queue& jobs) {
    if (!groupRemovals_.empty()) {
        // What removed groups brought goes when nothing that stays needs it.
        solver.solve(jobs);
        const solv::Queue unneeded = solver.unneeded();
        const bool clean = sack_.config().main.clean_requirements_on_remove;
        for (Id p : groupRemovals_) {
            if (!unneeded.contains(p)) {
                keptGroupPackages_.push_back(p);
                continue;
            }
            jobs.push_back(SOLVER_ERASE | SOLVER_SOLVABLE | (clean ? SOLVER_CLEANDEPS : 0));
            jobs.push_back(p);
        }
    }
    if (autoremove_) {
        solver.solve(jobs);
        for (Id p : solver.unneeded()) {
            jobs.push_back(SOLVER_ERASE | SOLVER_SOLVABLE);
            jobs.push_back(p);
            unneeded_.insert(p);
        }
    }
    if (skipBroken_)
        for (int i = 0; i < jobs.size(); i += 2)
            if ((jobs[i] & SOLVER_JOBMASK) == SOLVER_INSTALL)
                jobs.raw()->elements[i] |= SOLVER_WEAK;
    int problems = solver.solve(jobs);
    if (problems == 0 && sack_.config().main.installonly_limit > 0 &&
        limitInstallOnly(solver, jobs))
        problems = solver.solve(jobs);
    if (problems != 0) throw explainer_.explain(solver, allowErasing_);
}

// With --skip-broken: an install job none of whose candidates ends up installed was skipped.
std::vector<std::string> Goal::skippedInstalls(const solv::Solver& solver) const {
    std::vector<std::string> out;
    ::Pool* pool = sack_.raw();
    for (int i = 0; i < jobs_.size(); i += 2) {
        if ((jobs_[i] & SOLVER_JOBMASK) != SOLVER_INSTALL) continue;
        solv::Queue one{jobs_[i], jobs_[i + 1]}, pkgs;
        selection_solvables(pool, one.raw(), pkgs.raw());
        const bool fulfilled =
            std::any_of(pkgs.begin(), pkgs.end(), [&](Id p) { return solver.installs(p); });
        if (!fulfilled && !pkgs.empty()) out.push_back(sack_.package(pkgs[0]).nevra());
    }
    return out;
}

std::vector<std::string> Goal::upgradesLeftOut(const solv::Solver& solver) const {
    std::vector<std::string> out;
    ::Pool* pool = sack_.raw();
    if ((sack_.config().main.best && !skipBroken_) || !pool->installed) return out;
    // The installed packages the update jobs cover.
    std::set<Id> covered;
    for (int i = 0; i < jobs_.size(); i += 2) {
        if ((jobs_[i] & SOLVER_JOBMASK) != SOLVER_UPDATE) continue;
        if ((jobs_[i] & SOLVER_SELECTMASK) == SOLVER_SOLVABLE_ALL) {
            Id p;
            ::Solvable* s;
            FOR_REPO_SOLVABLES(pool->installed, p, s) covered.insert(p);
            continue;
        }
        solv::Queue one{jobs_[i], jobs_[i + 1]}, pkgs;
        selection_solvables(pool, one.raw(), pkgs.raw());
        for (Id p : pkgs)
            if (pool_id2solvable(pool, p)->repo == pool->installed) covered.insert(p);
    }
    if (covered.empty()) return out;
    base::PackageQuery newest(sack_);
    for (Id c : newest.upgrades().latest().ids()) {
        if (solver.installs(c)) continue;
        const ::Solvable* cs = pool_id2solvable(pool, c);
        const bool asked = std::any_of(covered.begin(), covered.end(), [&](Id p) {
            const ::Solvable* s = pool_id2solvable(pool, p);
            // (an installed package the transaction takes away, replaced by one obsoleting it,
            // needs no upgrade)
            return s->name == cs->name && solver.installs(p) && base::archesMeet(s, cs);
        });
        if (asked) out.push_back(sack_.package(c).nevra());
    }
    return out;
}

// The solved transaction as plan steps, each with why it is there.
TransactionPlan Goal::readPlan(const solv::Solver& solver) {
    ::Pool* pool = sack_.raw();
    TransactionPlan plan;
    if (skipBroken_) plan.skipped = skippedInstalls(solver);
    plan.upgradesLeftOut = upgradesLeftOut(solver);
    plan.notInstalled = notInstalled_;
    plan.nothingToDo = nothingToDo_;
    // What the user named: the candidates of the install and erase jobs.
    solv::Queue named, forModule;
    for (int i = 0; i < jobs_.size(); i += 2) {
        const Id how = jobs_[i] & SOLVER_JOBMASK;
        if (how != SOLVER_INSTALL && how != SOLVER_ERASE) continue;
        if (groupJobs_.count(i)) continue;  // their packages' reason is "group"
        solv::Queue one{jobs_[i], jobs_[i + 1]}, pkgs;
        selection_solvables(pool, one.raw(), pkgs.raw());
        for (Id p : pkgs) {
            if (moduleJobs_.count(i)) {
                forModule.push_back(p);
                continue;
            }
            named.push_back(p);
            const base::InstalledInfo* info = sack_.installedInfo(p);
            // A package a group or profile brought stays theirs, as dnf keeps it.
            if (how == SOLVER_INSTALL && info && info->reason != db::InstallReason::User &&
                info->reason != db::InstallReason::Group &&
                info->reason != db::InstallReason::Module && solver.installs(p))
                plan.markUser.push_back(p);
        }
    }
    // What removed groups brought leaves as asked for, not as a dependent.
    for (Id p : groupRemovals_) named.push_back(p);
    const solv::Transaction trans(solver);
    const int mode = SOLVER_TRANSACTION_SHOW_ACTIVE | SOLVER_TRANSACTION_SHOW_ALL |
                     SOLVER_TRANSACTION_SHOW_OBSOLETES | SOLVER_TRANSACTION_CHANGE_IS_REINSTALL;
    for (Id p : trans) {
        PlanStep step;
        step.package = p;
        const int type = trans.type(p, mode);
        switch (type) {
            // A package that obsoletes others of other names is installed, replacing them (as
            // dnf shows and records it): an upgrade is of the same name.
            case SOLVER_TRANSACTION_INSTALL:
            case SOLVER_TRANSACTION_OBSOLETES:
                step.kind = StepKind::Install;
                break;
            case SOLVER_TRANSACTION_UPGRADE:
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
        if (sack_.isInstalled(p) && step.kind != StepKind::Remove) continue;
        const int decision = solver.reasonFor(p);
        if (step.kind == StepKind::Remove) {
            const bool unused = unneeded_.count(p) || decision == SOLVER_REASON_CLEANDEPS_ERASE;
            step.cause = limitErased_.count(p) ? RemovalCause::InstallOnlyLimit
                         : named.contains(p)   ? RemovalCause::User
                         : unused              ? RemovalCause::UnusedDependency
                                               : RemovalCause::Dependent;
        } else {
            const solv::Queue replaced = trans.replaced(p);
            step.replaces.assign(replaced.begin(), replaced.end());
            step.reason = named.contains(p)       ? db::InstallReason::User
                          : forModule.contains(p) ? db::InstallReason::Module
                          : groupNames_.count(pool_id2solvable(pool, p)->name)
                              ? db::InstallReason::Group
                          : decision == SOLVER_REASON_WEAKDEP ? db::InstallReason::WeakDependency
                                                              : db::InstallReason::Dependency;
            // As dnf records it: an upgrade, downgrade or reinstall keeps the reason the
            // package had (named or not: reinstall libfoo leaves a dependency one); a package
            // obsoleting others takes the strongest of theirs, and a new version of an
            // install-only package (a kernel an upgrade brings) the reason of the version
            // installed, unless the user named it.
            if (step.kind != StepKind::Install || !named.contains(p))
                inheritReason(step, type == SOLVER_TRANSACTION_OBSOLETES);
        }
        plan.steps.push_back(std::move(step));
    }
    return plan;
}

namespace {

// dnf's order of reasons, from the one autoremove takes first to the one it never takes.
int strength(db::InstallReason reason) {
    switch (reason) {
        case db::InstallReason::WeakDependency:
            return 0;
        case db::InstallReason::Dependency:
            return 1;
        case db::InstallReason::Module:
        case db::InstallReason::Group:
            return 2;
        case db::InstallReason::User:
        case db::InstallReason::External:
            return 3;
    }
    return 0;
}

}  // namespace

void Goal::inheritReason(PlanStep& step, bool obsoletes) const {
    ::Pool* pool = sack_.raw();
    if (!step.replaces.empty()) {
        if (!obsoletes) {
            if (const base::InstalledInfo* info = sack_.installedInfo(step.replaces.front()))
                step.reason = info->reason;
            return;
        }
        for (Id r : step.replaces)
            if (const base::InstalledInfo* info = sack_.installedInfo(r))
                if (strength(info->reason) > strength(step.reason)) step.reason = info->reason;
        return;
    }
    if (!pool->installed) return;
    const ::Solvable* s = pool_id2solvable(pool, step.package);
    Id newest = 0;
    Id p, pp;
    FOR_PROVIDES(p, pp, s->name) {
        const ::Solvable* other = pool_id2solvable(pool, p);
        if (other->repo != pool->installed || other->name != s->name || other->arch != s->arch)
            continue;
        if (!newest || base::compareEvr(pool, p, newest) > 0) newest = p;
    }
    if (newest)
        if (const base::InstalledInfo* info = sack_.installedInfo(newest))
            step.reason = info->reason;
}

TransactionPlan Goal::resolve() {
    solv::Solver solver(sack_.raw());
    configure(solver);
    solv::Queue jobs = solverJobs();
    solve(solver, jobs);
    TransactionPlan plan = readPlan(solver);
    enableStreamsOfInstalls(plan);
    plan.groupChanges = groupChanges_;
    plan.groupsFromDnf = groupsFromDnf_;
    plan.markDependency = keptGroupPackages_;
    plan.warnings = warnings_;
    // A locked install or an undo: the reasons known for new packages (an upgrade keeps its
    // own), and a lock's module states.
    for (auto& step : plan.steps)
        if (auto it = givenReasons_.find(step.package);
            it != givenReasons_.end() && step.replaces.empty())
            step.reason = it->second;
    for (const auto& m : lockedModules_) {
        std::erase_if(plan.moduleChanges,
                      [&](const db::ModuleState& s) { return s.name == m.name; });
        plan.moduleChanges.push_back(m);
    }
    return plan;
}

// A package of a stream that is in use only because it is the default (or a dependency) makes
// that stream enabled when it is installed, as dnf does: the choice then lasts.
void Goal::enableStreamsOfInstalls(TransactionPlan& plan) {
    if (!modules_) return;
    // Only a package some build lists can bring its stream in. A plan of plain packages (most
    // plans) is known to be one from the kept selection, without decoding the module metadata
    // and indexing its artifacts (15 M instructions, 15% of resolving an install of 80).
    std::vector<Id> listed;  // the packages installed whose names some build lists
    for (const auto& step : plan.steps)
        if (step.kind != StepKind::Remove &&
            modules_->isModularName(pool_id2solvable(sack_.raw(), step.package)->name))
            listed.push_back(step.package);
    if (listed.empty() && modules_->knowsModularNames()) {
        plan.moduleChanges = modules_->changes();
        return;
    }
    // (kept names mean there are builds: the metadata is not decoded to know it)
    if (!modules_->knowsModularNames() && modules_->metadata().streams().empty()) return;
    // The stream of the first active build listing each (from the kept selection when it can);
    // a module with a state keeps it.
    for (const Id package : listed)
        if (const auto inUse = modules_->streamListing(package)) modules_->enableInUse(*inUse);
    plan.moduleChanges = modules_->changes();
}

}  // namespace mpm::solve
