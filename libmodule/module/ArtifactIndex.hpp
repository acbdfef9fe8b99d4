// Every module build's artifacts by the pool's Ids: which package names are modular, and which
// builds list a package (by its name, evr and arch Ids). An artifact whose name, evr or arch no
// string of the pool holds is no package's and is left out, so the index holds only what a
// package can match, and asking about a package is integer lookups: no artifact string is
// normalized, copied or hashed into maps of strings (which cost a warm query of 28,000
// packages with the EL8 module metadata, 11,600 artifacts, about 2 ms).
#pragma once

#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "solv/libsolv.hpp"

namespace mpm::module {

struct ModuleStream;

class ArtifactIndex {
  public:
    ArtifactIndex(const std::vector<ModuleStream>& streams, ::Pool* pool);

    // Whether it still holds all a package can match: a package added since (a local file)
    // with strings new to the pool may complete an artifact's name, evr or arch. (New strings
    // alone, which solving makes, complete nothing a package has.)
    bool current() const {
        return pool_->nsolvables == solvables_ || pool_->ss.nstrings == strings_;
    }
    // A name some build lists a (binary) package of.
    bool isModularName(Id name) const { return names_.count(name) > 0; }
    // The builds listing this package (epoch 0 is spelled with "0:" or without, by packages and
    // artifacts alike); empty when none does.
    const std::vector<const ModuleStream*>& listing(const ::Solvable* s) const;

  private:
    struct Key {
        Id name, evr, arch;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        size_t operator()(const Key& k) const;
    };

    Id id(std::string_view text) const;
    // "name-epoch:version-release.arch"; source artifacts name no binary package.
    void add(std::string_view nevra, const ModuleStream* build);

    ::Pool* pool_;
    int solvables_, strings_;
    std::unordered_set<Id> names_;
    std::unordered_map<Key, std::vector<const ModuleStream*>, KeyHash> packages_;
};

}  // namespace mpm::module
