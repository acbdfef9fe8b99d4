#include "libmodule/transaction/PackageDownloader.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>

#include "common/Error.hpp"
#include "common/Interrupt.hpp"
#include "repodata/Checksum.hpp"
#include "repodata/MetadataCache.hpp"
#include "repodata/PackageCache.hpp"

namespace fs = std::filesystem;

namespace mpm::transaction {

namespace {

using Mode = repodata::PackageLocks::Mode;

// A file whose checksum is the one the metadata names (no checksum named: any file).
bool matches(const std::string& file, const base::Package& pkg) {
    const std::string type = pkg.checksumType();
    return type.empty() || repodata::Checksum::ofFile(file, type) == pkg.checksum();
}

}  // namespace

std::string PackageDownloader::inLocalRepo(const base::Package& pkg,
                                           const base::LoadedRepo& repo) const {
    for (const auto& url : pkg.urls(repo.metadata.baseUrls)) {
        if (!url.starts_with("file://")) continue;
        const std::string local = url.substr(7);
        if (access(local.c_str(), R_OK) != 0) continue;
        if (!matches(local, pkg))
            throw Error("package " + local +
                        " does not match the checksum in the repository metadata (" +
                        pkg.checksumType() + "); the repository is damaged or out of sync");
        return local;
    }
    return {};
}

std::map<Id, std::string> PackageDownloader::download(const solve::TransactionPlan& plan,
                                                      const std::string& dir,
                                                      const repodata::DownloadProgress& progress) {
    std::map<Id, std::string> out;
    std::vector<repodata::DownloadRequest> requests, busy;
    std::vector<Held> fetching;  // exclusive locks of the cache files being downloaded
    repodata::MetadataCache cache(sack_.config().cacheDir(), 1);
    for (const auto& step : plan.steps) {
        if (step.kind == solve::StepKind::Remove) continue;
        const base::Package pkg = sack_.package(step.package);
        if (std::string local = sack_.localFile(step.package); !local.empty()) {
            out[step.package] = local;  // given on the command line
            continue;
        }
        const base::LoadedRepo* repo = sack_.repo(pkg.repoId());
        if (!repo) throw Error("package " + pkg.nevra() + " has no repository to download it from");
        // A local repository's file is used in place, once verified.
        if (dir.empty())
            if (std::string local = inLocalRepo(pkg, *repo); !local.empty()) {
                out[step.package] = local;
                continue;
            }
        const std::string destDir = dir.empty() ? cache.repoDir(*repo->config) + "/packages" : dir;
        const std::string dest = destDir + "/" + fs::path(pkg.location()).filename().string();
        repodata::DownloadRequest req;
        req.urls = pkg.urls(repo->metadata.baseUrls);
        req.dest = dest;
        req.checksumType = pkg.checksumType();
        req.checksum = pkg.checksum();
        req.expectedSize = pkg.downloadSize() ? static_cast<int64_t>(pkg.downloadSize()) : -1;
        req.resume = true;
        req.options = repodata::transferOptions(*repo->config);
        out[step.package] = dest;
        const bool cached = dir.empty();
        if (cached) {
            std::error_code ec;
            fs::create_directories(destDir, ec);
            if (!locks_.lock(dest, Mode::Exclusive, false)) {  // another process is fetching it
                busy.push_back(std::move(req));
                continue;
            }
        }
        const bool there = access(dest.c_str(), R_OK) == 0;
        if (there && !pkg.checksumType().empty() && matches(dest, pkg)) {
            if (cached) {  // already in the cache
                locks_.downgrade(dest);
                held_.push_back({dest, false});
            }
            continue;
        }
        if (cacheOnly_) {
            if (cached) locks_.unlock(dest);
            if (there)
                throw DownloadError(
                    "package " + pkg.nevra() + " in the cache (" + dest +
                    (pkg.checksumType().empty()
                         ? ") cannot be verified (the repository states no checksum)"
                         : ") does not match the repository's checksum") +
                    ", and -C (--cacheonly) downloads nothing; run without -C to fetch it again");
            throw DownloadError("package " + pkg.nevra() +
                                " is not in the cache and -C (--cacheonly) downloads nothing; run "
                                "without -C, with keepcache=1 to keep packages for offline runs");
        }
        if (cached) fetching.push_back({dest, true});
        requests.push_back(std::move(req));
    }
    // Made only when something is fetched: it loads libcurl (3.5 ms), which packages that are
    // all cached or in local repositories never need.
    std::optional<repodata::Downloader> downloader;
    std::vector<repodata::DownloadOutcome> outcomes;
    if (!requests.empty()) {
        downloader.emplace(sack_.config().main.max_parallel_downloads);
        if (progress) downloader->onProgress(progress);
        outcomes = downloader->run(requests);
    }
    // Each file is complete or gone: others may use it now.
    for (auto& f : fetching) {
        locks_.downgrade(f.file);
        held_.push_back(std::move(f));
    }
    throwIfInterrupted(requests.empty() ? "preparing the transaction" : "downloading packages");
    if (const std::string errors = repodata::describeFailures(requests, outcomes); !errors.empty())
        throw DownloadError("cannot download packages: " + errors);

    // What others were fetching: theirs once they are done, or ours when they failed.
    requests = awaitOthers(std::move(busy));
    if (requests.empty()) return out;
    if (cacheOnly_)
        throw DownloadError("package file " + requests.front().dest +
                            " is not in the cache and -C (--cacheonly) downloads nothing");
    if (!private_) private_ = std::make_unique<TempDir>("mpm-packages");
    for (auto& req : requests) {
        const auto it = std::find_if(out.begin(), out.end(),
                                     [&](const auto& kv) { return kv.second == req.dest; });
        req.dest = private_->path() + "/" + fs::path(req.dest).filename().string();
        if (it != out.end()) it->second = req.dest;
    }
    if (!downloader) downloader.emplace(sack_.config().main.max_parallel_downloads);
    if (const std::string errors = repodata::describeFailures(requests, downloader->run(requests));
        !errors.empty())
        throw DownloadError("cannot download packages: " + errors);
    return out;
}

std::vector<repodata::DownloadRequest> PackageDownloader::awaitOthers(
    std::vector<repodata::DownloadRequest> busy) {
    std::vector<repodata::DownloadRequest> missing;
    for (auto& req : busy) {
        // Shared: granted once the downloader has its file complete (or has given up).
        locks_.lock(req.dest, Mode::Shared, true);
        const bool good = access(req.dest.c_str(), R_OK) == 0 &&
                          (req.checksumType.empty() ||
                           repodata::Checksum::ofFile(req.dest, req.checksumType) == req.checksum);
        if (good) {
            held_.push_back({req.dest, false});
        } else {
            locks_.unlock(req.dest);
            missing.push_back(std::move(req));  // fetched privately: waiting again could deadlock
        }
    }
    return missing;
}

void PackageDownloader::releaseCache(bool keep) {
    for (const auto& h : held_) {
        if (!keep && h.downloaded && locks_.tryExclusive(h.file)) unlink(h.file.c_str());
        locks_.unlock(h.file);
    }
    held_.clear();
}

}  // namespace mpm::transaction
