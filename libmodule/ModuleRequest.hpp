// What the module commands ask for (enable, disable, reset, install, remove, switch-to), checked
// against the metadata and the user's current choices, turned into new module states and
// package jobs. Nothing is written here: the states travel with the TransactionPlan and are
// stored in the same database transaction as the packages.
#pragma once

#include <string>
#include <vector>

#include "common/Error.hpp"
#include "libmodule/Goal.hpp"
#include "libmodule/Modules.hpp"

namespace mpm {

// A module request that cannot be carried out; the message says why and what to do.
class ModuleError : public Error {
  public:
    using Error::Error;
};

// NAME[:STREAM[:VERSION[:CONTEXT[:ARCH]]]][/PROFILE]
struct ModuleSpec {
    std::string name, stream, version, context, arch, profile;
    std::string text;  // as written
    // Throws ModuleError for "foo:" or "" or "foo/".
    static ModuleSpec parse(const std::string& text);
};

class ModuleRequest {
  public:
    // The sack must have modules loaded (Sack::loadModules).
    explicit ModuleRequest(Goal& goal);

    void enable(const std::string& spec);
    void disable(const std::string& spec);
    void reset(const std::string& spec);
    // No stream: the enabled one, else the default. No profile: the default profiles.
    void install(const std::string& spec);
    // Removes the profile's packages (every installed profile's without one; with `all`, every
    // installed package of the module). The stream stays enabled.
    void remove(const std::string& spec, bool all);
    void switchTo(const std::string& spec);
    // With module_obsoletes: every enabled stream at its end of life moves to its successor
    // (switched, or the module reset when the obsoletes says so). Returns whether any did.
    bool followObsoletes();

    // Applies the new states (selection and filtering follow), checks that every stream
    // enabled now can be used (ModuleError otherwise), enables the streams they need, and adds
    // the package jobs to the goal.
    void apply();

  private:
    struct Pending {
        enum Kind { Install, Remove, Switch } kind;
        ModuleSpec spec;
        std::vector<std::string> profiles;
        bool all = false;
    };
    // The module of `spec`, checked to exist (and its stream and profile, when given).
    void check(const ModuleSpec& spec) const;
    std::string streamFor(const ModuleSpec& spec, const char* verb) const;
    std::vector<std::string> profilesFor(const ModuleSpec& spec, const std::string& stream) const;
    void refuseSwitch(const std::string& name, const std::string& stream) const;
    // Installed packages whose name is a package of module `name` (any stream).
    std::vector<Id> installedOf(const std::string& name) const;

    Goal& goal_;
    Sack& sack_;
    Modules& modules_;
    ModuleStates states_;
    std::vector<std::string> newlyEnabled_;
    std::vector<Pending> pending_;
};

// An upgrade of everything: with module_obsoletes, enabled streams at their end of life move
// to their successors first (nothing happens without module metadata or the option).
void followModuleObsoletes(Goal& goal);

}  // namespace mpm
