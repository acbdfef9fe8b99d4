#include "libmodule/lockfile/LockedPackages.hpp"

#include <unistd.h>

#include <filesystem>

#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "repodata/Checksum.hpp"
#include "repodata/MetadataCache.hpp"

namespace fs = std::filesystem;

namespace mpm::lockfile {

namespace {

using Mode = repodata::PackageLocks::Mode;

struct Digest {
    std::string type, hex;
};

// "sha256:HEX" (the lock's form); a lock without a checksum cannot be verified.
Digest digestOf(const LockedPackage& p) {
    const size_t colon = p.checksum.find(':');
    Digest d;
    if (colon != std::string::npos) d = {p.checksum.substr(0, colon), p.checksum.substr(colon + 1)};
    if (d.hex.empty() || !repodata::Checksum::isKnownType(d.type))
        throw Error("the lock gives " + p.fileName() + " no checksum mpm can verify ('" +
                    p.checksum + "'); lock it again with mpm lock");
    return d;
}

bool matches(const std::string& path, const Digest& d) {
    return repodata::Checksum::ofFile(path, d.type) == d.hex;
}

}  // namespace

const repodata::RepoConfig* LockedPackages::repoConfig(const std::string& id) const {
    for (const auto& r : config_.repos)
        if (r.id == id) return &r;
    return nullptr;
}

std::string LockedPackages::cachePath(const LockedPackage& p) const {
    if (const repodata::RepoConfig* repo = repoConfig(p.repoid))
        return repodata::MetadataCache(config_.cacheDir(), 1).repoDir(*repo) + "/packages/" +
               p.fileName();
    return config_.cacheDir() + "/locked/packages/" + p.fileName();
}

std::vector<LockedFile> LockedPackages::fetch(const LockedArch& arch,
                                              const repodata::DownloadProgress& progress) {
    std::vector<LockedFile> out;
    std::vector<std::string> tampered, missing;
    std::vector<repodata::DownloadRequest> requests;
    for (const auto& p : arch.packages) {
        const Digest digest = digestOf(p);
        LockedFile file{&p, {}};
        // Files the user or the repository holds: used as they are, or refused.
        std::vector<std::string> given;
        if (!dir_.empty()) given.push_back(dir_ + "/" + p.fileName());
        if (p.url.starts_with("file://")) given.push_back(p.url.substr(7));
        for (const auto& path : given) {
            if (access(path.c_str(), R_OK) != 0) continue;
            if (!matches(path, digest)) {
                tampered.push_back(path);
                file.path = path;
                break;
            }
            file.path = path;
            break;
        }
        if (file.path.empty()) {
            const std::string cached = cachePath(p);
            if (access(cached.c_str(), R_OK) == 0) {
                locks_.lock(cached, Mode::Shared, true);  // waits for a download in progress
                if (matches(cached, digest))
                    file.path = cached;
                else
                    locks_.unlock(cached);  // a stale or broken copy: downloaded again
            }
        }
        if (file.path.empty()) {
            if (cacheOnly_ || p.url.starts_with("file://")) {
                missing.push_back(p.nevra());
            } else {
                repodata::DownloadRequest req;
                req.urls = {p.url};
                req.checksumType = digest.type;
                req.checksum = digest.hex;
                req.expectedSize = p.size ? static_cast<int64_t>(p.size) : -1;
                req.resume = true;
                if (const repodata::RepoConfig* repo = repoConfig(p.repoid))
                    req.options = repodata::transferOptions(*repo);
                req.dest = cachePath(p);
                std::error_code ec;
                fs::create_directories(fs::path(req.dest).parent_path(), ec);
                if (!locks_.lock(req.dest, Mode::Exclusive, false)) {
                    // Another process downloads it right now: a private copy, not a wait.
                    if (!private_) private_ = std::make_unique<TempDir>("mpm-locked");
                    req.dest = private_->path() + "/" + p.fileName();
                }
                file.path = req.dest;
                requests.push_back(std::move(req));
            }
        }
        out.push_back(std::move(file));
    }
    if (!tampered.empty())
        throw Error(
            "these files do not match the lock's checksums (changed since the lock was "
            "made, or from another build): " +
            join(tampered, ", ") + "; nothing was installed");
    if (!missing.empty())
        throw Error(std::string(cacheOnly_ ? "-C downloads nothing, and these locked packages are"
                                           : "these locked packages are") +
                    " in no local directory or cache: " + join(missing, ", ") +
                    (dir_.empty() ? "; put them in a directory named with --downloaddir" : "") +
                    "; nothing was installed");
    repodata::Downloader downloader(config_.main.max_parallel_downloads);
    if (progress && !requests.empty()) downloader.onProgress(progress);
    const auto outcomes = downloader.run(requests);
    std::vector<std::string> failed;
    for (size_t i = 0; i < outcomes.size(); ++i) {
        if (!outcomes[i].ok) failed.push_back(outcomes[i].error);
        if (requests[i].dest.starts_with(config_.cacheDir())) locks_.downgrade(requests[i].dest);
    }
    if (!failed.empty())
        throw DownloadError("cannot download locked packages: " + join(failed, "; ") +
                            "; nothing was installed");
    return out;
}

}  // namespace mpm::lockfile
