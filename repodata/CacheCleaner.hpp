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

struct CleanResult {
    size_t removed = 0;  // files and directories
    size_t inUse = 0;    // left alone: another mpm uses (or refreshes) them right now
};

// Cleaning while other processes use the cache is safe: what they hold stays.
CleanResult cleanCache(const std::string& cacheRoot, CleanKind kind);

}  // namespace mpm::repodata
