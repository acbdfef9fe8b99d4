// The installed system as libsolv's @System repo, loaded from the installed-system database.
#pragma once

#include <string>
#include <unordered_map>

#include "libmodule/db/InstallReason.hpp"
#include "repodata/Config.hpp"
#include "solv/Pool.hpp"

namespace mpm::base {

// What libsolv does not keep about an installed package.
struct InstalledInfo {
    int64_t dbId = 0;
    std::string fromRepo;  // the repo it was installed from
    db::InstallReason reason = db::InstallReason::User;
};
using InstalledInfos = std::unordered_map<Id, InstalledInfo>;

// Creates @System from var/lib/mpm/mpm.sqlite (empty when nothing was ever installed) and
// makes it the pool's installed repo.
::Repo* loadSystemRepo(solv::Pool& pool, const repodata::Config& config, InstalledInfos& infos);

}  // namespace mpm::base
