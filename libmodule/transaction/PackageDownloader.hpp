// Local, checksum-verified RPM files for every package a plan installs: packages of file://
// repos are used where they are, RPM files named on the command line as they are, and the rest
// are downloaded (parallel, resumed, mirror failover) into the package cache or a directory.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "libmodule/base/Sack.hpp"
#include "libmodule/solve/TransactionPlan.hpp"
#include "repodata/Downloader.hpp"

namespace mpm::transaction {

class PackageDownloader {
  public:
    explicit PackageDownloader(const base::Sack& sack) : sack_(sack) {}

    // Package id -> file. `dir` empty: the repo's package cache. Throws DownloadError.
    std::map<Id, std::string> download(const solve::TransactionPlan& plan,
                                       const std::string& dir = "",
                                       const repodata::DownloadProgress& progress = {});
    // Deletes the packages download() put into the cache (keepcache=0, after success).
    void dropCachedDownloads();

  private:
    // The file of a package a file:// repository holds, verified; empty when there is none.
    std::string inLocalRepo(const base::Package& pkg, const base::LoadedRepo& repo) const;

    const base::Sack& sack_;
    std::vector<std::string> cached_;  // files download() wrote into the package cache
};

}  // namespace mpm::transaction
