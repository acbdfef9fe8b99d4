#include "libmodule/solve/ProblemExplainer.hpp"

#include "libmodule/base/Sack.hpp"
#include "libmodule/module/ModularFilter.hpp"
#include "libmodule/module/Modules.hpp"

namespace mpm::solve {

std::string ProblemExplainer::whyHidden(Id package) const {
    if (!modules_ || !module::hiddenByModules(sack_, *modules_, package)) return {};
    return modules_->whyHidden(sack_.package(package));
}

std::string ProblemExplainer::explainModular(int type, Id source, Id dep) const {
    if (!modules_) return {};
    if (type == SOLVER_RULE_PKG_NOT_INSTALLABLE && source) return whyHidden(source);
    if ((type != SOLVER_RULE_PKG_NOTHING_PROVIDES_DEP && type != SOLVER_RULE_PKG_REQUIRES) || !dep)
        return {};
    sack_.indexProvides();
    ::Pool* pool = sack_.raw();
    Id p, pp;
    FOR_PROVIDES(p, pp, dep) {
        if (const std::string why = whyHidden(p); !why.empty())
            return sack_.package(source).nevra() + " needs " + pool_dep2str(pool, dep) + "; " + why;
    }
    return {};
}

SolveError ProblemExplainer::explain(const solv::Solver& solver, bool allowErasing) const {
    std::string text, rawRules;
    bool installedInWay = false, best = false;
    const int count = solver.problemCount();
    for (Id problem = 1; problem <= count; ++problem) {
        std::string sentence;
        bool modular = false;
        for (Id rule : solver.problemRules(problem)) {
            Id source, target, dep;
            const SolverRuleinfo type = solver_ruleinfo(solver.raw(), rule, &source, &target, &dep);
            // libsolv's own sentences name package and dependency ("nothing provides libfoo
            // >= 2 needed by bar-1.0-1.noarch"); keep the informative ones, once each.
            if (type == SOLVER_RULE_JOB || type == SOLVER_RULE_UPDATE) continue;
            best = best || type == SOLVER_RULE_BEST;
            if (type == SOLVER_RULE_PKG_REQUIRES && source && sack_.isInstalled(source))
                installedInWay = true;
            std::string s = solver_problemruleinfo2str(solver.raw(), type, source, target, dep);
            rawRules += "  " + s + "\n";
            // A module is in the way: that explanation alone says it all.
            if (const std::string why = explainModular(type, source, dep); !why.empty()) {
                if (!modular) sentence.clear();
                modular = true;
                s = why;
            } else if (modular) {
                continue;
            } else if (type == SOLVER_RULE_PKG_NOT_INSTALLABLE && source &&
                       !sack_.considered(source)) {
                // libsolv says "is disabled"; what disabled it is the user's filter.
                s = "package " + sack_.package(source).nevra() +
                    " is filtered out by excludepkgs/includepkgs (-x, --exclude; "
                    "--disableexcludes=all lifts them)";
            }
            if (sentence.find(s) == std::string::npos)
                sentence += (sentence.empty() ? "" : "; ") + s;
        }
        if (sentence.empty()) sentence = solver.problemText(problem);
        text += (text.empty() ? "" : "\n  ") + sentence;
    }
    if (!allowErasing && (installedInWay || text.find("conflict") != std::string::npos))
        text += " (--allowerasing lets mpm remove the installed packages in the way)";
    else if (best)
        text += " (--nobest takes the newest version that can be installed, or leaves it out)";
    return SolveError(count == 1 ? "the request cannot be satisfied: " + text
                                 : "the request cannot be satisfied:\n  " + text,
                      rawRules);
}

}  // namespace mpm::solve
