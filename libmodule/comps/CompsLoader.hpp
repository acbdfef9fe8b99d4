// One repository's comps metadata (group_gz, else group) as groups and environments, parsed by
// libsolv's comps reader and cached as comps.solv in the metadata generation it came from.
#pragma once

#include <optional>
#include <vector>

#include "libmodule/comps/Comps.hpp"
#include "repodata/MetadataCache.hpp"

namespace mpm::comps {

struct ParsedComps {
    std::vector<Group> groups;
    std::vector<Environment> environments;
};

class CompsLoader {
  public:
    // Nothing when the repository has no comps metadata. Throws RepoError when it is damaged.
    static std::optional<ParsedComps> read(const repodata::RepoMetadata& md);
};

}  // namespace mpm::comps
