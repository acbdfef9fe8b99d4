// One repository's comps metadata as groups and environments, read from what libsolv's comps
// reader made of it (repodata/CompsSolv).
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
