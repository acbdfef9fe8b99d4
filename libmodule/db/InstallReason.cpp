#include "libmodule/db/InstallReason.hpp"

#include <utility>

namespace mpm::db {

namespace {

constexpr std::pair<InstallReason, const char*> kNames[] = {
    {InstallReason::User, "user"},
    {InstallReason::Module, "module"},
    {InstallReason::Dependency, "dependency"},
    {InstallReason::WeakDependency, "weak-dependency"},
};

}  // namespace

const char* reasonName(InstallReason reason) {
    for (const auto& [r, name] : kNames)
        if (r == reason) return name;
    return "?";
}

std::optional<InstallReason> parseReason(const std::string& name) {
    for (const auto& [r, n] : kNames)
        if (name == n) return r;
    return std::nullopt;
}

}  // namespace mpm::db
