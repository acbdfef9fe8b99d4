// dnf's install and upgrade grammar over a Goal: plain specs, "@module[:stream][/profile]",
// "@group" and "@^environment", shared by install, upgrade, swap, lock and apply.
#pragma once

#include <string>
#include <vector>

#include "libmodule/solve/Goal.hpp"

namespace mpm::solve {

// dnf's rule for "@name" (given without the "@"): a module when module metadata has a module of
// that name (or the spec has a stream or profile), else a comps group or environment;
// "^name" is always an environment.
bool namesModule(Goal& g, const std::string& spec);

// What `install SPEC...` asks of a goal, with `enableStreams` (NAME:STREAM) enabled first.
void installSpecs(Goal& g, const std::vector<std::string>& specs,
                  const std::vector<std::string>& enableStreams = {});

// What `upgrade SPEC...` asks: "@group" and "@^environment" are group upgrades, as dnf takes
// them; the rest packages.
void upgradeSpecs(Goal& g, const std::vector<std::string>& specs);

}  // namespace mpm::solve
