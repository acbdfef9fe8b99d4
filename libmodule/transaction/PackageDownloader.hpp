// Local, checksum-verified RPM files for every package a plan installs: packages of file://
// repos are used where they are, RPM files named on the command line as they are, and the rest
// are downloaded (parallel, resumed, mirror failover) into the package cache or a directory.
// The cache may be shared by processes building other roots: a file one of them is
// downloading is waited for, not fetched twice, and none deletes a file another uses.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/TempDir.hpp"
#include "libmodule/base/Sack.hpp"
#include "libmodule/solve/TransactionPlan.hpp"
#include "repodata/Downloader.hpp"
#include "repodata/PackageCache.hpp"

namespace mpm::transaction {

class PackageDownloader {
  public:
    explicit PackageDownloader(const base::Sack& sack) : sack_(sack) {}
    PackageDownloader(const PackageDownloader&) = delete;
    PackageDownloader& operator=(const PackageDownloader&) = delete;
    // Keeps what it downloaded (a failed transaction is retried without downloading again).
    ~PackageDownloader() {
        try {
            releaseCache(true);
        } catch (...) {  // closing the lock files releases the locks anyway
        }
    }

    // -C: a package that is neither cached nor in a local repository is an error, not a
    // download.
    void setCacheOnly(bool cacheOnly) { cacheOnly_ = cacheOnly; }
    // Package id -> file. `dir` empty: the repo's package cache. Throws DownloadError.
    std::map<Id, std::string> download(const solve::TransactionPlan& plan,
                                       const std::string& dir = "",
                                       const repodata::DownloadProgress& progress = {});
    // Lets go of the cached packages download() used; `keep` false (keepcache=0, after
    // success) deletes those it downloaded itself and no other process uses (files that were
    // in the cache before stay: another build, or a -C run, may count on them).
    void releaseCache(bool keep);

  private:
    // The file of a package a file:// repository holds, verified; empty when there is none.
    std::string inLocalRepo(const base::Package& pkg, const base::LoadedRepo& repo) const;
    // Another process was downloading these: wait for each, use its file, or fetch what it
    // failed to get.
    std::vector<repodata::DownloadRequest> awaitOthers(std::vector<repodata::DownloadRequest> busy);

    const base::Sack& sack_;
    // Cache files in use, each locked shared (see repodata/PackageCache.hpp).
    struct Held {
        std::string file;
        bool downloaded = false;  // by this process
    };
    repodata::PackageLocks locks_;
    std::vector<Held> held_;
    std::unique_ptr<TempDir> private_;  // for a file another process holds and failed to fetch
    bool cacheOnly_ = false;
};

}  // namespace mpm::transaction
