#include "libmodule/db/GroupState.hpp"

#include "common/EnumNames.hpp"
#include "common/Strings.hpp"

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

InstalledGroup storedGroup(const std::string& kind, std::string id, std::string name,
                           const std::string& packageTypes) {
    InstalledGroup g;
    g.kind = parseCompsKind(kind).value_or(CompsKind::Group);
    g.id = std::move(id);
    g.name = std::move(name);
    for (const auto& t : splitList(packageTypes, ",")) g.packageTypes.insert(t);
    return g;
}

const char* groupActionName(const GroupChange& change) {
    return change.removed ? "remove" : change.wasInstalled ? "upgrade" : "install";
}

GroupChange groupChangeFrom(const std::string& action, InstalledGroup group) {
    return {std::move(group), action == "remove", action == "upgrade"};
}

}  // namespace mpm::db
