// What the user chose for each module: a stream enabled (with the profiles installed from
// it), the module disabled, or nothing (defaults apply). Kept in the installed-system
// database and changed in the same database transaction as the packages.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mpm {

enum class ModuleStatus { Unset, Enabled, Disabled };
const char* moduleStatusName(ModuleStatus status);  // "available", "enabled", "disabled"

struct ModuleState {
    std::string name;
    ModuleStatus status = ModuleStatus::Unset;
    std::string stream;              // when Enabled
    std::set<std::string> profiles;  // installed profiles of `stream`
    bool operator==(const ModuleState&) const = default;
};

class InstalledDb;

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

}  // namespace mpm
