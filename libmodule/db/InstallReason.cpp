#include "libmodule/db/InstallReason.hpp"

#include "common/EnumNames.hpp"

namespace mpm::db {

namespace {

constexpr EnumNames<InstallReason, 6> kNames({{
    {InstallReason::User, "user"},
    {InstallReason::Module, "module"},
    {InstallReason::Group, "group"},
    {InstallReason::Dependency, "dependency"},
    {InstallReason::WeakDependency, "weak-dependency"},
    {InstallReason::External, "external"},
}});

}  // namespace

const char* reasonName(InstallReason reason) {
    return kNames.name(reason);
}

std::optional<InstallReason> parseReason(const std::string& name) {
    return kNames.parse(name);
}

}  // namespace mpm::db
