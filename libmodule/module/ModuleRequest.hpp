// What the module commands ask for (enable, disable, reset, install, remove, switch-to), checked
// against the metadata and the user's current choices, turned into new module states and the
// package jobs they need. Nothing is written here, and nothing is solved: the states travel
// with the transaction plan, and the jobs go to the goal (solve::Goal::addModuleJobs).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "libmodule/module/ModuleSpec.hpp"
#include "libmodule/module/Modules.hpp"
#include "solv/libsolv.hpp"

namespace mpm::base {
class Sack;
}

namespace mpm::module {

// One package job a module request needs.
struct ModuleJob {
    enum class Kind {
        InstallForProfile,  // install `spec`, a package a profile lists (reason "module")
        Install,            // install this package (a switch's replacement)
        Remove,             // remove this installed package
    };
    Kind kind = Kind::Install;
    std::string spec;        // InstallForProfile
    std::string profile;     // InstallForProfile: "name:stream/profile", for messages
    Id package = 0;          // Install, Remove
    bool cleanDeps = false;  // Remove: dependencies nothing else needs go too
};

class ModuleRequest {
  public:
    ModuleRequest(base::Sack& sack, Modules& modules);

    void enable(const std::string& spec);
    void disable(const std::string& spec);
    void reset(const std::string& spec);
    // No stream: the enabled one, else the default. No profile: the default profiles.
    void install(const std::string& spec);
    // Removes the profile's packages (every installed profile's without one; with `all`, every
    // installed package of the module). The stream stays enabled. A profile that is not
    // installed is noted in nothingToDo().
    void remove(const std::string& spec, bool all);
    void switchTo(const std::string& spec);
    // With module_obsoletes: every enabled stream at its end of life moves to its successor
    // (switched, or the module reset when the obsoletes says so). Returns whether any did.
    bool followObsoletes();

    // Applies the new states (selection and filtering follow), checks that every stream
    // enabled now can be used (ModuleError otherwise), enables the streams they need, and
    // returns the package jobs.
    std::vector<ModuleJob> apply();
    // What was asked for and is so already (a profile removed twice), one sentence each.
    const std::vector<std::string>& nothingToDo() const { return nothingToDo_; }

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
    // apply()'s phases.
    void enableRequiredStreams();
    void checkEnabledUsable(const std::vector<std::string>& problemsBefore) const;
    // An enabled stream this request leaves unusable (a module it needs disabled or switched):
    // said as what the request cannot do, with the command that does it together with that
    // stream's module. Empty when there is none.
    std::string brokenDependent() const;
    void profileJobs(const Pending& job, std::vector<ModuleJob>& out) const;
    void removeJobs(const Pending& job, std::vector<ModuleJob>& out) const;
    void switchJobs(const Pending& job, std::vector<ModuleJob>& out) const;
    // A switch changes which build of another module is in use (one made for the stream it
    // leaves, as EL8's perl-DBD-* have a context per perl stream): that module's installed
    // packages move to the build in use now, as dnf's switch-to moves them.
    void followOtherModules(std::vector<ModuleJob>& out) const;
    std::map<Id, std::vector<Id>> visibleByName() const;
    Id replacementOf(Id installed, const std::map<Id, std::vector<Id>>& visible) const;

    base::Sack& sack_;
    Modules& modules_;
    ModuleStates states_;
    const ModuleStates before_;                        // as the request found them
    std::map<std::string, std::string> chosenBefore_;  // module -> "stream:context" in use
    std::vector<std::string> newlyEnabled_;
    std::vector<std::string> nothingToDo_;
    std::vector<Pending> pending_;
};

}  // namespace mpm::module
