#include "libmodule/solve/TransactionPlan.hpp"

#include "libmodule/base/Sack.hpp"

namespace mpm::solve {

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

const char* removalCauseName(RemovalCause cause) {
    switch (cause) {
        case RemovalCause::User:
            return "user";
        case RemovalCause::Dependent:
            return "dependent";
        case RemovalCause::UnusedDependency:
            return "unused-dependency";
        case RemovalCause::InstallOnlyLimit:
            return "installonly-limit";
    }
    return "?";
}

const char* PlanStep::why() const {
    return kind == StepKind::Remove ? removalCauseName(cause) : db::reasonName(reason);
}

uint64_t TransactionPlan::downloadSize(const base::Sack& sack) const {
    uint64_t total = 0;
    for (const auto& s : steps)
        if (s.kind != StepKind::Remove) total += sack.package(s.package).downloadSize();
    return total;
}

}  // namespace mpm::solve
