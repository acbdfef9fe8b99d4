// The advisories of the loaded repositories, read from what libsolv's updateinfo reader made
// of each one's updateinfo (repodata/UpdateinfoSolv).
#pragma once

#include <string>
#include <vector>

#include "libmodule/advisory/Advisory.hpp"
#include "libmodule/base/Sack.hpp"

namespace mpm::advisory {

struct LoadedAdvisories {
    std::vector<Advisory> advisories;
    // Repositories that offer advisories their cached metadata lacks (made by an mpm before
    // advisories), one sentence each with the command that fetches them.
    std::vector<std::string> notes;
};

class AdvisoryLoader {
  public:
    // Throws RepoError when a repository's advisories are damaged.
    static LoadedAdvisories load(const base::Sack& sack);
};

}  // namespace mpm::advisory
