// Loads a repository's metadata into a libsolv pool: from its .solv cache when that is valid,
// else from primary + filelists XML (writing the caches for next time).
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

#include "repodata/MetadataCache.hpp"
#include "repodata/RepoConfig.hpp"
#include "solv/Pool.hpp"

namespace mpm::repodata {

// Metadata refused for its size (metadata_size_limit, metadata_text_limit): nothing a fresh
// download mends, unlike damage; the message says which limit to raise for the repository.
class MetadataLimitError : public std::runtime_error {
  public:
    MetadataLimitError(const std::string& repoid, const std::string& what,
                       const std::string& exceeded)
        : std::runtime_error(what + " metadata is refused: " + exceeded +
                             " (metadata_size_limit, metadata_text_limit); if its metadata is "
                             "that large on purpose, raise them for it: --setopt=" +
                             repoid + ".metadata_size_limit=SIZE, --setopt=" + repoid +
                             ".metadata_text_limit=SIZE") {}
};

// Adds to `repo` (a repo of a pool of its own) what `parse` reads of one more metadata file of
// `md` (comps, updateinfo): from the cache `cachePath` when it carries `stamp`, else parsed
// anew, writing the cache (one that cannot be written costs the next run a parse). `parse`
// throws MetadataLimitError or std::runtime_error; this throws RepoError naming the
// repository.
void loadStampedOrParse(::Repo* repo, const RepoMetadata& md, const std::string& cachePath,
                        const std::string& stamp, const std::function<void(::Repo*)>& parse);

class RepoLoader {
  public:
    // Parses the XML of `md` into a scratch pool and writes the caches (primary.solv,
    // info.solvx, filelists.solvx, comps.solv) into md.genDir. Throws
    // std::runtime_error naming the broken file; used to validate metadata before it is trusted.
    static void buildSolv(const RepoMetadata& md);
    // Adds the repo to `pool` (name = repo id, priority and cost applied). Throws RepoError.
    // `cacheProblem`: why the .solv caches could not be written, when they could not.
    static ::Repo* load(solv::Pool& pool, const RepoConfig& cfg, const RepoMetadata& md,
                        std::string* cacheProblem = nullptr);
    // Writes primary.solv again with the file provides the pool has added to `repo`, once they
    // include `files` it did not record yet (solv::recordFileProvides): the next run's index
    // skips this repo's file lists. Quiet when it cannot write: that costs speed only.
    static void keepFileProvides(::Repo* repo, const RepoMetadata& md, const solv::Queue& files);
};

}  // namespace mpm::repodata
