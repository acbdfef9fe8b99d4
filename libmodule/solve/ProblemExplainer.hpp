// Turns libsolv's problems into sentences: which package and dependency is in the way, which
// module stream hides what would fix it and the command that changes that, and the option
// that lets mpm remove what is in the way. libsolv's own rule text stays for -v.
#pragma once

#include <string>

#include "common/Error.hpp"
#include "solv/Solver.hpp"

namespace mpm::base {
class Sack;
}
namespace mpm::module {
class Modules;
}

namespace mpm::solve {

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

class ProblemExplainer {
  public:
    ProblemExplainer(const base::Sack& sack, const module::Modules* modules)
        : sack_(sack), modules_(modules) {}
    // Every problem of a failed solve, in words.
    SolveError explain(const solv::Solver& solver, bool allowErasing) const;
    // Why modular filtering hides this package and how to get it; empty when it does not.
    std::string whyHidden(Id package) const;

  private:
    // "...; foo-2.0 belongs to stream foo:2, but foo:1 is the default. To use it: ..." when a
    // rule is about a package or dependency that only hidden packages would satisfy.
    std::string explainModular(int type, Id source, Id dep) const;
    const base::Sack& sack_;
    const module::Modules* modules_;
};

}  // namespace mpm::solve
