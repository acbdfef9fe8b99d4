#include "libmodule/db/ModuleState.hpp"

#include "common/EnumNames.hpp"

namespace mpm::db {

namespace {

constexpr EnumNames<ModuleStatus, 3> kNames({{
    {ModuleStatus::Unset, "available"},
    {ModuleStatus::Enabled, "enabled"},
    {ModuleStatus::Disabled, "disabled"},
}});

}  // namespace

const char* moduleStatusName(ModuleStatus status) {
    return kNames.name(status);
}

std::optional<ModuleStatus> parseModuleStatus(const std::string& name) {
    return kNames.parse(name);
}

}  // namespace mpm::db
