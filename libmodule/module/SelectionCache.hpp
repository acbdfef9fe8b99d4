// The stream selection and the packages modular filtering hides, kept from the last run that
// made them from the same inputs: a warm query then neither decodes the module metadata nor
// solves the module streams again nor compares 28,000 packages with the artifacts (28 M of a
// query's 173 M instructions on the benchmark). The key is everything these depend
// on, spelled out in full and compared exactly: mpm's format and libsolv's version, the merged
// module metadata (its cache key: every repo with modules, its repomd digest and priority), the
// platform, the architecture, every module state, and each loaded repository's id, repomd
// digest, package count and module_hotfixes. Builds are kept as their index in the merged
// metadata, hidden packages by their position in their repository (installing packages moves
// every Id after @System, and does not invalidate it), and which stream in use lists each
// package (ActiveListing) the same way. A damaged file is not used.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "libmodule/module/ModuleStates.hpp"
#include "libmodule/module/Platform.hpp"
#include "solv/Map.hpp"

namespace mpm::base {
class Sack;
}

namespace mpm::module {

// What is kept: everything a run that never decodes the module metadata needs from it.
struct KeptSelection {
    std::map<std::string, uint64_t> chosen;  // module -> index of its build in the metadata
    std::vector<uint64_t> active;            // indexes of the active builds
    std::vector<std::string> problems;       // the selection's
    // What loading said about the metadata (invalid documents) and the platform: said again.
    std::vector<std::string> metadataWarnings, platformWarnings;
    // Some enabled stream has an end-of-life notice (modulemd-obsoletes), in force now or later:
    // the report, which depends on the date, needs the metadata.
    bool endOfLifeNotices = false;
    // The name of every binary package some build lists, sorted: whether a package may belong
    // to a module is then known without decoding the metadata.
    std::vector<std::string> modularNames;
    std::optional<solv::Map> hidden;  // nullopt: nothing is filtered
    // Which stream in use lists each package (ActiveListing's form), read when an install asks.
    std::string activeListing;
};

class SelectionCache {
  public:
    // `metadataKey`: ModuleMetadata::keyOf(sack); empty means nothing is kept.
    SelectionCache(const base::Sack& sack, const std::string& metadataKey, const Platform& platform,
                   const ModuleStates& states);

    // What was kept for exactly these inputs, with the hidden packages as Ids of the sack's pool.
    std::optional<KeptSelection> read() const;
    // Keeps `kept` for the next run. A cache that cannot be written only costs speed.
    void write(const KeptSelection& kept) const;
    // Whether write() keeps anything (there is module metadata to key it by).
    bool keeps() const { return !key_.empty(); }

  private:
    const base::Sack& sack_;
    std::string key_, path_;
};

}  // namespace mpm::module
