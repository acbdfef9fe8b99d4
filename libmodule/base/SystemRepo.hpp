// The installed system as libsolv's @System repo, read from the root's RPM database (what rpm,
// dnf and mpm installed alike) through a .solv cache keyed by the database's change marker, so
// a warm run reads no header; with what mpm's own database knows beyond the headers (why each
// package is installed, where it came from).
#pragma once

#include <string>
#include <unordered_map>

#include "libmodule/db/InstallReason.hpp"
#include "repodata/Config.hpp"
#include "solv/Pool.hpp"

namespace mpm::base {

// What libsolv does not keep about an installed package.
struct InstalledInfo {
    unsigned rpmdbId = 0;  // the header's instance in the RPM database
    std::string fromRepo;  // the repo mpm installed it from; empty when mpm did not install it
    db::InstallReason reason = db::InstallReason::External;
};
using InstalledInfos = std::unordered_map<Id, InstalledInfo>;

// The root's RPM database path (inside the root) for this configuration.
std::string rpmDbPath(const repodata::Config& config);

// The cache file about the RPM database in `hostDir` with this extension (".solv": @System): a
// cache directory shared by many roots holds one per root, named after the database's path.
std::string systemCacheFile(const repodata::Config& config, const std::string& hostDir,
                            const std::string& extension);

// dnf's $releasever of the root when nothing names one (RpmDb::distributionReleasever: 9 for
// a RHEL 9.3 whose os-release says 9.3); empty without an RPM database or such a package.
// Kept beside @System's cache, keyed by the database's change marker, so that a run loads
// librpm for it only after the database changed.
std::string systemReleasever(const repodata::Config& config);

// Where @System's .solv cache is, and what it was made from; empty path: no cache.
struct SystemCache {
    std::string path, stamp;
    // How this run got the installed packages: headers read from the RPM database (all of them
    // without a cache, those the cache of an earlier state of the database lacks otherwise) and
    // packages kept from a cache.
    size_t headersRead = 0, kept = 0;
};

// Creates @System (empty when the root has no RPM database) and makes it the pool's installed
// repo; `cache` says which cache it came from (or went to). Packages mpm's database says nothing
// about get the reason External. A damaged mpm database leaves every reason unknown, said in
// `warnings` (the packages come from the RPM database all the same).
::Repo* loadSystemRepo(solv::Pool& pool, const repodata::Config& config, InstalledInfos& infos,
                       std::vector<std::string>& warnings, SystemCache& cache);
// Writes @System's cache again with the file provides the pool has added to it, once they
// include `files` it did not record yet (solv::recordFileProvides). Quiet when it cannot.
void keepSystemFileProvides(::Repo* repo, const SystemCache& cache, const solv::Queue& files);

}  // namespace mpm::base
