// Why a package is installed: what rpm has no place for and mpm keeps (as dnf does).
#pragma once

#include <optional>
#include <string>

namespace mpm::db {

enum class InstallReason {
    User,            // named by the user
    Module,          // brought in by a module profile (dnf records it as "group")
    Group,           // brought in by a comps group or environment
    Dependency,      // needed by another package
    WeakDependency,  // recommended or supplemented by another package
    External,        // installed by another tool (rpm, dnf): mpm did not choose it
};

// "user", "module", "group", "dependency", "weak-dependency", "external": what the database,
// --json and history say.
const char* reasonName(InstallReason reason);
std::optional<InstallReason> parseReason(const std::string& name);
// Never an unused dependency that autoremove may take: installed on purpose, or by a tool
// whose reasons mpm does not know.
inline bool chosenByUser(InstallReason r) {
    return r == InstallReason::User || r == InstallReason::Module || r == InstallReason::Group ||
           r == InstallReason::External;
}

}  // namespace mpm::db
