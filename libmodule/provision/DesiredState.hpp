// A desired state, as `mpm apply` reads it from YAML: which packages are present, at the
// latest version or absent, which module streams are enabled (with which profiles), disabled
// or reset, which groups are installed or not, and which repositories this run uses. Reading
// checks the whole document; nothing here looks at a system.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/Error.hpp"

namespace mpm::provision {

enum class PackageState { Present, Latest, Absent };
const char* packageStateName(PackageState state);

struct PackageEntry {
    std::string spec;  // dnf's grammar: name, name-version, NEVRA, glob, provide, file, @module
    PackageState state = PackageState::Present;
    int line = 0;
};

enum class ModuleGoal { Enabled, Disabled, Reset };
const char* moduleGoalName(ModuleGoal goal);  // "enabled", "disabled", "reset"

struct ModuleEntry {
    std::string name;
    ModuleGoal state = ModuleGoal::Enabled;
    std::string stream;                 // Enabled: empty for the enabled or default stream
    std::vector<std::string> profiles;  // Enabled: installed (others are left as they are)
    int line = 0;
};

struct GroupEntry {
    std::string id;            // a group or environment id (or a glob), without "@" or "^"
    bool environment = false;  // written "^id": only environments
    bool present = true;
    int line = 0;
    std::string spec() const { return (environment ? "^" : "") + id; }
};

struct DesiredState {
    std::string source;  // the file's name, for messages about its lines
    std::vector<PackageEntry> packages;
    std::vector<ModuleEntry> modules;
    std::vector<GroupEntry> groups;
    // repos: enable/disable, as --enablerepo/--disablerepo for this run only (true: enable).
    std::vector<std::pair<bool, std::string>> repoToggles;

    // Throws Error "NAME:LINE: what is wrong" for anything that is not a desired state.
    static DesiredState parse(const std::string& text, const std::string& name);
    // "NAME:LINE: what", the form of every complaint about a line of the file.
    Error errorAt(int line, const std::string& what) const;
};

}  // namespace mpm::provision
