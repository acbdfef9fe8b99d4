// One repository's advisories (updateinfo) as libsolv's updateinfo reader makes them
// ("patch:ID" solvables in a pool of their own), cached as updateinfo.solv in the metadata
// generation. Parsed when a command first asks for advisories, not at refresh: most runs
// never read them.
#pragma once

#include "repodata/MetadataCache.hpp"
#include "solv/libsolv.hpp"

namespace mpm::repodata {

class UpdateinfoSolv {
  public:
    // Whether the repository offers advisories its cached generation lacks (one an mpm before
    // advisories made, until the next refresh completes it).
    static bool missing(const RepoMetadata& md);
    // Adds the advisories of `md` to `repo` (a repo of a pool of its own), from
    // updateinfo.solv when it is valid, else from the XML (writing the cache). False when the
    // repository has none. Throws RepoError naming the repository when they are damaged.
    static bool load(::Repo* repo, const RepoMetadata& md);
};

}  // namespace mpm::repodata
