#include "libmodule/db/ModuleState.hpp"

#include <utility>

namespace mpm::db {

namespace {

constexpr std::pair<ModuleStatus, const char*> kNames[] = {
    {ModuleStatus::Unset, "available"},
    {ModuleStatus::Enabled, "enabled"},
    {ModuleStatus::Disabled, "disabled"},
};

}  // namespace

const char* moduleStatusName(ModuleStatus status) {
    for (const auto& [s, name] : kNames)
        if (s == status) return name;
    return "?";
}

std::optional<ModuleStatus> parseModuleStatus(const std::string& name) {
    for (const auto& [s, n] : kNames)
        if (name == n) return s;
    return std::nullopt;
}

}  // namespace mpm::db
