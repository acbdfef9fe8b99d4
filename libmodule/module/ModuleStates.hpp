// What the user chose for every module (db::ModuleState each): read from the database, or
// once from dnf's etc/dnf/modules.d when mpm has stored none yet, and changed by module
// commands in memory until the transaction stores them with its packages.
#pragma once

#include <map>
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
    // (and stored with the next change): a user moving from dnf keeps them. `warnings` gets a
    // line for every dnf file that cannot be read.
    static ModuleStates load(const std::string& persistDir, const std::string& installroot,
                             std::vector<std::string>& warnings);
    // dnf's modules.d files of an installroot (empty when there are none).
    static std::vector<ModuleState> readDnfState(const std::string& installroot,
                                                 std::vector<std::string>& warnings);

    // The state of `name` (Unset when the user never chose).
    ModuleState get(const std::string& name) const;
    void set(const ModuleState& state);
    const std::map<std::string, ModuleState>& all() const { return states_; }
    // Whether the states came from dnf's files and are not in mpm's database yet.
    bool importedFromDnf() const { return imported_; }

    // States that differ between two sets (for writing only what changed).
    static std::vector<ModuleState> changes(const ModuleStates& before, const ModuleStates& after);

  private:
    std::map<std::string, ModuleState> states_;  // Unset entries are not kept
    bool imported_ = false;
};

}  // namespace mpm::module
