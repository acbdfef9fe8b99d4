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

}  // namespace mpm::db
