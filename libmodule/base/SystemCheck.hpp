// What `mpm check` finds wrong in the installed system, as dnf check does: requirements no
// installed package provides, conflicts between installed packages, and duplicates (one name
// and arch installed twice, installonly packages aside).
#pragma once

#include <string>
#include <vector>

#include "libmodule/base/Sack.hpp"

namespace mpm::base {

enum class CheckKind { Dependencies, Conflicts, Duplicates };

struct SystemProblem {
    CheckKind kind;
    std::string package;           // name-evr.arch
    std::string detail;            // the requirement, the conflicting package, the duplicate
    std::string sentence() const;  // dnf's words: "hello-2.0-1.noarch has missing requires of …"
};

// Sorted as dnf sorts its lines. The sack must hold @System (available repos do not matter).
std::vector<SystemProblem> checkSystem(const Sack& sack, const std::vector<CheckKind>& kinds);

}  // namespace mpm::base
