// `mpm clean`: removes what the cache holds, by kind, for every repo directory in the cache
// (also repos no longer configured, as dnf does).
#pragma once

#include <cstddef>
#include <string>

namespace mpm::repodata {

enum class CleanKind {
    All,          // everything under cachedir
    Metadata,     // metadata generations, mirror lists and stamps (packages stay)
    Packages,     // downloaded packages
    DbCache,      // .solv/.solvx files only: rebuilt from XML on next use
    ExpireCache,  // only the "last checked" stamps: the next run re-checks every repo
};

// Returns how many files and directories were removed.
size_t cleanCache(const std::string& cacheRoot, CleanKind kind);

}  // namespace mpm::repodata
