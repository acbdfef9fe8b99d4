// The RPM files of a lock's packages, each checked against the lock's checksum before it is
// used: found in a directory given with --downloaddir, at a file:// URL, or in the package
// cache of the repository the lock names; else downloaded from the lock's URL into that cache
// (kept there: a lock is for rebuilding, offline too). Nothing is downloaded with -C, and
// nothing at all when a package is missing or does not match: every such package is named.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/TempDir.hpp"
#include "libmodule/lockfile/LockFile.hpp"
#include "repodata/Config.hpp"
#include "repodata/Downloader.hpp"
#include "repodata/PackageCache.hpp"

namespace mpm::lockfile {

struct LockedFile {
    const LockedPackage* package = nullptr;
    std::string path;
};

class LockedPackages {
  public:
    LockedPackages(const repodata::Config& config, std::string dir, bool cacheOnly)
        : config_(config), dir_(std::move(dir)), cacheOnly_(cacheOnly) {}

    // One file per package of `arch`, in the lock's order. Throws Error (DownloadError for
    // what could not be downloaded). The files stay usable while this object lives (shared
    // locks in the cache).
    std::vector<LockedFile> fetch(const LockedArch& arch,
                                  const repodata::DownloadProgress& progress = {});
    // --downloadonly --downloaddir DIR: the fetched files are put in `dir` (flat, by their file
    // names; those already there stay), as dnf puts what it downloads. Throws Error.
    static void copyInto(const std::vector<LockedFile>& files, const std::string& dir);
    // What fetch worked around (a file in the directory that did not match, downloaded again).
    const std::vector<std::string>& warnings() const { return warnings_; }

  private:
    // Where the cache keeps this package: the package cache of the configured repository with
    // the lock's repoid, else the cache's own directory for locked packages.
    std::string cachePath(const LockedPackage& p) const;
    const repodata::RepoConfig* repoConfig(const std::string& id) const;

    const repodata::Config& config_;
    std::string dir_;
    bool cacheOnly_;
    std::vector<std::string> warnings_;
    repodata::PackageLocks locks_;
    std::unique_ptr<TempDir> private_;  // for a file another process is downloading right now
};

}  // namespace mpm::lockfile
