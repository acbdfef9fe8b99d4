// Modularity for one mpm run: the merged module metadata, the user's module state, the
// platform, and the active builds the StreamSelector chose from them — plus the indexes that
// modular filtering and the explanations need (which builds list a package). Bound to the
// Sack it filters: every selection hands the packages it hides to that Sack. A run whose
// selection was kept (SelectionCache) decodes the metadata only when something asks for it.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "libmodule/base/Package.hpp"
#include "libmodule/module/ActiveListing.hpp"
#include "libmodule/module/ArtifactIndex.hpp"
#include "libmodule/module/ModuleMetadata.hpp"
#include "libmodule/module/ModuleStates.hpp"
#include "libmodule/module/Platform.hpp"
#include "libmodule/module/SelectionCache.hpp"
#include "libmodule/module/StreamSelector.hpp"

namespace mpm::base {
class Sack;
}

namespace mpm::module {

// "name-epoch:version-release.arch" with the epoch always present (artifacts may omit it).
std::string normalizeArtifact(const std::string& nevra);

class Modules {
  public:
    // Module metadata of the sack's repos, state from the database (or dnf's files), the
    // platform, and the selection, whose filtering the sack applies from its next finalize().
    // Warnings (invalid documents, streams that cannot be used) go to the sack. `early`: the
    // metadata's parse, when a refresh started it (ModuleMetadata::parseEarly).
    static std::unique_ptr<Modules> load(base::Sack& sack, ModuleParse* early = nullptr);

    const ModuleMetadata& metadata() const {
        ready();
        return md_;
    }
    const Platform& platform() const { return platform_; }
    const ModuleStates& states() const { return states_; }
    // The states as loaded, before any command changed them.
    const ModuleStates& originalStates() const { return original_; }
    const ModuleSelection& selection() const {
        ready();
        return selection_;
    }
    const StreamSelector& selector() const {
        ready();
        return selector_;
    }

    // Chooses again for other states (a module command); filtering follows on the sack's next
    // finalize(). Returns the problems of the new selection.
    const std::vector<std::string>& setStates(const ModuleStates& states);
    // A stream an install puts in use for good (Goal::enableStreamsOfInstalls: one
    // streamListing gave), enabled for changes() when its module has no state: it is in use
    // already, so the selection stays the one the plan was resolved with (choosing again for
    // the same streams cost a warm nodejs resolve 4%); the next run chooses for the new states.
    void enableInUse(const StreamName& inUse);
    // What changed since load, to be written with the transaction.
    std::vector<ModuleState> changes() const { return ModuleStates::changes(original_, states_); }
    // After a run that changed the root: keeps the enabled streams' active builds
    // (ModuleFailsafe) for runs whose repositories lack them.
    void keepFailsafe() const;
    // After a run that changed the root: stores the states this run took from dnf's files
    // (ModuleStates::fromDnf) as mpm's own, where the run did not store a change of its own.
    void storeDnfChoices() const;
    // The modules whose state this run took from dnf's files.
    const std::set<std::string>& takenFromDnf() const { return original_.fromDnf(); }

    // Every build (any repo) that lists this package.
    std::vector<const ModuleStream*> buildsListing(Id package) const;
    // The stream of the first active build (in metadata order) listing this package; nullopt
    // when none does. Answered from the kept selection, while it is the one in use, for a
    // package of a loaded repository: without decoding the metadata.
    std::optional<StreamName> streamListing(Id package) const;
    // A name some build lists a binary package of. Answered from the kept selection while the
    // metadata is not decoded (a plan of plain packages then never decodes it).
    bool isModularName(Id name) const;
    // Whether isModularName answers from the kept selection's names, without decoding the
    // metadata or indexing its artifacts (there are builds, then).
    bool knowsModularNames() const;
    // Every build's artifacts, by the pool's name Ids: built on first use (commands that read no
    // package, module list and info, never need it), again when packages brought new strings.
    const ArtifactIndex& artifacts() const;
    bool isActive(const ModuleStream* build) const {
        ready();
        return activeSet_.count(build) > 0;
    }
    // The active build listing a package of this name, if any.
    const ModuleStream* activeBuildWithName(const std::string& name) const;
    // Names of the active builds' packages (indexed on first use: module list and info never
    // need it).
    const std::unordered_map<std::string, const ModuleStream*>& activeByName() const;
    // Builds of name:stream (any version or context).
    std::vector<const ModuleStream*> builds(const std::string& name,
                                            const std::string& stream = "") const;
    // The stream in use: enabled, else the selected one (default or dependency), else empty.
    std::string activeStream(const std::string& name) const;
    // Enabled streams at their end of life (modulemd-obsoletes in force), one sentence each.
    std::vector<std::string> endOfLifeReport() const;
    // Why modular filtering hides a package, as a sentence with the command that fixes it.
    std::string whyHidden(const base::Package& pkg) const;
    // The stream a package belongs to, or else the active stream whose package of the same
    // name hides it: "nodejs:20"; empty when neither.
    std::string streamOf(const base::Package& pkg) const;

  private:
    Modules(base::Sack& sack, Platform platform, ModuleStates states);
    // Chooses for the current states and hands the sack what to hide.
    void select();
    // The selection of the states as loaded, when none was kept (SelectionCache): decodes the
    // metadata, selects, and keeps the result for the next run.
    KeptSelection select(ModuleParse* early, const SelectionCache& cache);
    // A kept selection is used without the metadata (a query needs only what it hides): the
    // metadata is decoded, and the kept builds found in it, when something first asks.
    void ready() const;
    // The set of active builds (each selection); their names are indexed when first asked.
    void indexActive() const;
    bool anyEnabled() const;
    // The kept builds of enabled streams no loaded repository has, added to the metadata.
    void addFailsafe(std::vector<std::string>& warnings) const;

    base::Sack& sack_;
    mutable ModuleMetadata md_;
    mutable std::optional<KeptSelection> pending_;  // a kept selection, until ready()
    // The kept selection's ActiveListing: encoded until an install asks, then read (nullopt
    // when it did not fit); neither once the selection is made again.
    mutable std::optional<std::string> listingBytes_;
    mutable std::optional<ActiveListing> listing_;
    std::vector<std::string> modularNames_;  // a kept selection's (sorted; empty when made now)
    Platform platform_;
    ModuleStates original_, states_;
    StreamSelector selector_;
    mutable ModuleSelection selection_;
    mutable std::optional<ArtifactIndex> artifacts_;
    mutable int scans_ = 0;  // buildsListing without the index
    int filteredOver_ = -1;  // the packages (pool size) the sack's filtering was made over
    mutable std::unordered_set<const ModuleStream*> activeSet_;
    mutable std::optional<std::unordered_map<std::string, const ModuleStream*>> activeByName_;
    bool followObsoletes_ = false;  // module_obsoletes: upgrades move to successors
};

}  // namespace mpm::module
