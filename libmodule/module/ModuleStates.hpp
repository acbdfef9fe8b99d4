// What the user chose for every module (db::ModuleState each): read from the database, or
// once from dnf's etc/dnf/modules.d when mpm has stored none yet, and changed by module
// commands in memory until the transaction stores them with its packages.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "libmodule/db/ModuleState.hpp"

namespace mpm::module {

// The states are stored by the database layer, which owns their type.
using db::ModuleState;
using db::ModuleStatus;

class ModuleStates {
  public:
    // Reads the states from the database under persistDir. When mpm has never stored any and the
    // installroot has dnf's etc/dnf/modules.d/*.module files, their choices are taken instead
    // (and stored after the next run that changes the root): a user moving from dnf keeps them.
    // Otherwise the files dnf changed since mpm kept them in step (DnfModuleFiles) override
    // mpm's states. `warnings` gets a line for every dnf file that cannot be read.
    static ModuleStates load(const std::string& persistDir, const std::string& installroot,
                             std::vector<std::string>& warnings);

    // The state of `name` (Unset when the user never chose).
    ModuleState get(const std::string& name) const;
    void set(const ModuleState& state);
    const std::map<std::string, ModuleState>& all() const { return states_; }
    // Modules whose state came from dnf's files and is not in mpm's database yet.
    const std::set<std::string>& fromDnf() const { return fromDnf_; }

    // States that differ between two sets (for writing only what changed).
    static std::vector<ModuleState> changes(const ModuleStates& before, const ModuleStates& after);

  private:
    std::map<std::string, ModuleState> states_;  // Unset entries are not kept
    std::set<std::string> fromDnf_;
};

}  // namespace mpm::module
