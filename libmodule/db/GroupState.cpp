#include "libmodule/db/GroupState.hpp"

#include "common/EnumNames.hpp"

namespace mpm::db {

namespace {

constexpr EnumNames<CompsKind, 2> kNames({{
    {CompsKind::Group, "group"},
    {CompsKind::Environment, "environment"},
}});

}  // namespace

const char* compsKindName(CompsKind kind) {
    return kNames.name(kind);
}

std::optional<CompsKind> parseCompsKind(const std::string& name) {
    return kNames.parse(name);
}

const char* groupActionName(const GroupChange& change) {
    return change.removed ? "remove" : change.wasInstalled ? "upgrade" : "install";
}

GroupChange groupChangeFrom(const std::string& action, InstalledGroup group) {
    return {std::move(group), action == "remove", action == "upgrade"};
}

}  // namespace mpm::db
