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
    // Adds the advisories of `md` to `repo` (a repo of a pool of its own), from
    // updateinfo.solv when it is valid, else from the XML (writing the cache). False when the
    // repository has none, or its generation lacks them (RepoMetadata::lacks). Throws RepoError
    // naming the repository when they are damaged.
    static bool load(::Repo* repo, const RepoMetadata& md);
};

}  // namespace mpm::repodata
