// A comps group or environment the user installed. rpm has no place for it; dnf keeps it in its
// history database. Kept so that `group remove` takes away what the group brought and nothing
// the user asked for by name, and changed in the same database transaction as the packages.
#pragma once

#include <optional>
#include <set>
#include <string>

namespace mpm::db {

enum class CompsKind { Group, Environment };
// "group", "environment": what the database and --json say.
const char* compsKindName(CompsKind kind);
std::optional<CompsKind> parseCompsKind(const std::string& name);

struct InstalledGroup {
    std::string id;
    CompsKind kind = CompsKind::Group;
    std::string name;                    // as the repositories called it when it was installed
    std::set<std::string> packageTypes;  // what was installed of it: "mandatory", "default", ...
    // A group: every package name it listed (all types, as dnf records them); an environment:
    // the ids of its groups.
    std::set<std::string> members;
    bool operator==(const InstalledGroup&) const = default;
};

// What a transaction does to one installed group: records it (new or upgraded) or forgets it.
struct GroupChange {
    InstalledGroup group;
    bool removed = false;
    bool wasInstalled = false;  // recorded again (group upgrade, a second install)
};

// A group as the database stores it (kind and package types as words), without its members.
InstalledGroup storedGroup(const std::string& kind, std::string id, std::string name,
                           const std::string& packageTypes);

// "install", "upgrade" (recorded again) or "remove": what history and --json say.
const char* groupActionName(const GroupChange& change);
// The change history recorded under that word.
GroupChange groupChangeFrom(const std::string& action, InstalledGroup group);

}  // namespace mpm::db
