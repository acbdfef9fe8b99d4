// The stream selection and the packages modular filtering hides, kept from the last run that
// made them from the same inputs: a warm query then neither solves the module streams again nor
// compares 28,000 packages with the artifacts (about 20 M instructions, an eighth of a query).
// The key is everything the two depend on, spelled out in full and compared exactly: mpm's
// format and libsolv's version, the merged module metadata (its cache key: every repo with modules,
// its repomd digest and priority), the platform, the architecture, every module state, and each
// loaded repository's id, repomd digest, package count and module_hotfixes. The hidden packages are
// stored by their position in their repository, so installing packages (which moves every Id after
// @System) does not invalidate it. A file that is damaged, or made from anything else, is not used.
#pragma once

#include <optional>
#include <string>

#include "libmodule/module/StreamSelector.hpp"
#include "solv/Map.hpp"

namespace mpm::base {
class Sack;
}

namespace mpm::module {

class SelectionCache {
  public:
    struct Entry {
        ModuleSelection selection;
        std::optional<solv::Map> hidden;  // nullopt: no module metadata, nothing is filtered
    };

    SelectionCache(const base::Sack& sack, const ModuleMetadata& md, const Platform& platform,
                   const ModuleStates& states);

    // The entry made from exactly these inputs, with pointers into `md`'s streams and Ids of
    // the sack's pool; nullopt when there is none (or no key: metadata made in memory).
    std::optional<Entry> read() const;
    // Keeps `entry` for the next run. A cache that cannot be written only costs speed.
    void write(const Entry& entry) const;

  private:
    const base::Sack& sack_;
    const ModuleMetadata& md_;
    std::string key_, path_;
};

}  // namespace mpm::module
