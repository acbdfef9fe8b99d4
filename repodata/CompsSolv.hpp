// One repository's comps metadata (group_gz, else group) as libsolv's comps reader makes it
// ("group:ID" and "environment:ID" solvables in a scratch pool), cached as comps.solv in the
// metadata generation: parsed once, when the generation is made, and read from the cache after.
#pragma once

#include "repodata/MetadataCache.hpp"
#include "solv/libsolv.hpp"

namespace mpm::repodata {

class CompsSolv {
  public:
    // Parses the comps XML of `md` (if it has any) and writes comps.solv into md.genDir.
    // Throws std::runtime_error naming the problem: damaged comps never replace good metadata.
    static void build(const RepoMetadata& md);
    // Adds the comps solvables of `md` to `repo` (a repo of a pool of its own), from
    // comps.solv when it is valid, else from the XML (writing the cache). False when the
    // repository has no comps. Throws RepoError naming the repository.
    static bool load(::Repo* repo, const RepoMetadata& md);
};

}  // namespace mpm::repodata
