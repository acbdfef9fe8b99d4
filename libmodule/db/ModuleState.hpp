// What the user chose for one module: a stream enabled (with the profiles installed from it),
// the module disabled, or nothing (defaults apply). Kept in the database and changed in the
// same database transaction as the packages.
#pragma once

#include <optional>
#include <set>
#include <string>

namespace mpm::db {

enum class ModuleStatus { Unset, Enabled, Disabled };
// "available", "enabled", "disabled": what module list, --json and the database say.
const char* moduleStatusName(ModuleStatus status);
std::optional<ModuleStatus> parseModuleStatus(const std::string& name);

struct ModuleState {
    std::string name;
    ModuleStatus status = ModuleStatus::Unset;
    std::string stream;              // when Enabled
    std::set<std::string> profiles;  // installed profiles of `stream`
    bool operator==(const ModuleState&) const = default;
};

}  // namespace mpm::db
