// RAII over libsolv's Solver and Transaction (solver_free / transaction_free), with the few
// calls business code makes; raw() is the escape hatch for the rest.
#pragma once

#include "solv/libsolv.hpp"

#include <string>

#include "solv/Queue.hpp"

namespace mpm::solv {

class Solver {
  public:
    explicit Solver(::Pool* pool) : solver_(solver_create(pool)) {}
    Solver(const Solver&) = delete;
    Solver& operator=(const Solver&) = delete;
    ~Solver() { solver_free(solver_); }

    ::Solver* raw() const { return solver_; }
    void setFlag(int flag, bool on) { solver_set_flag(solver_, flag, on ? 1 : 0); }
    // Returns the number of problems (0: solved).
    int solve(Queue& jobs) { return solver_solve(solver_, jobs.raw()); }
    int problemCount() const { return solver_problem_count(solver_); }
    // libsolv's one-line account of a problem (1-based).
    std::string problemText(Id problem) const { return solver_problem2str(solver_, problem); }
    Queue problemRules(Id problem) const {
        Queue rules;
        solver_findallproblemrules(solver_, problem, rules.raw());
        return rules;
    }
    // Positive: installed after solving; negative: not; 0: undecided.
    int decisionLevel(Id p) const { return solver_get_decisionlevel(solver_, p); }
    bool installs(Id p) const { return decisionLevel(p) > 0; }
    Queue decisions() const {
        Queue q;
        solver_get_decisionqueue(solver_, q.raw());
        return q;
    }
    // Installed packages nothing the user installed needs any more.
    Queue unneeded() const {
        Queue q;
        solver_get_unneeded(solver_, q.raw(), 0);
        return q;
    }
    // SOLVER_REASON_* for a decided package.
    int reasonFor(Id p) const {
        Id info = 0;
        return solver_describe_decision(solver_, p, &info);
    }

  private:
    ::Solver* solver_;
};

// The ordered transaction a solved Solver describes.
class Transaction {
  public:
    explicit Transaction(const Solver& solver) : trans_(solver_create_transaction(solver.raw())) {
        transaction_order(trans_, 0);
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction() { transaction_free(trans_); }

    ::Transaction* raw() const { return trans_; }
    // Every package the transaction touches, in installation order.
    const Id* begin() const { return trans_->steps.elements; }
    const Id* end() const { return trans_->steps.elements + trans_->steps.count; }
    // SOLVER_TRANSACTION_* of a step, as `mode` reports it.
    Id type(Id p, int mode) const { return transaction_type(trans_, p, mode); }
    // The installed packages a new package replaces (upgrade, downgrade, obsoletes).
    Queue replaced(Id p) const {
        Queue q;
        transaction_all_obs_pkgs(trans_, p, q.raw());
        return q;
    }

  private:
    ::Transaction* trans_;
};

}  // namespace mpm::solv
