#include "libmodule/transaction/PackageDownloader.hpp"

#include <unistd.h>

#include <filesystem>

#include "common/Error.hpp"
#include "common/Interrupt.hpp"
#include "repodata/Checksum.hpp"
#include "repodata/MetadataCache.hpp"

namespace fs = std::filesystem;

namespace mpm::transaction {

namespace {

std::string fileUrl(const std::string& base, const std::string& location) {
    return base + (base.ends_with('/') ? "" : "/") + location;
}

// A file whose checksum is the one the metadata names (no checksum named: any file).
bool matches(const std::string& file, const base::Package& pkg) {
    const std::string type = pkg.checksumType();
    return type.empty() || repodata::Checksum::ofFile(file, type) == pkg.checksum();
}

}  // namespace

std::string PackageDownloader::inLocalRepo(const base::Package& pkg,
                                           const base::LoadedRepo& repo) const {
    for (const auto& base : repo.metadata.baseUrls) {
        if (!base.starts_with("file://")) continue;
        const std::string local = fileUrl(base.substr(7), pkg.location());
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
    std::vector<repodata::DownloadRequest> requests;
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
        if (access(dest.c_str(), R_OK) == 0 && !pkg.checksumType().empty() && matches(dest, pkg)) {
            out[step.package] = dest;  // already in the cache
            continue;
        }
        repodata::DownloadRequest req;
        for (const auto& base : repo->metadata.baseUrls)
            req.urls.push_back(fileUrl(base, pkg.location()));
        req.dest = dest;
        req.checksumType = pkg.checksumType();
        req.checksum = pkg.checksum();
        req.expectedSize = pkg.downloadSize() ? static_cast<int64_t>(pkg.downloadSize()) : -1;
        req.resume = true;
        req.options = repodata::transferOptions(*repo->config);
        if (dir.empty()) cached_.push_back(dest);
        requests.push_back(std::move(req));
        out[step.package] = dest;
    }
    repodata::Downloader downloader(sack_.config().main.max_parallel_downloads);
    if (progress && !requests.empty()) downloader.onProgress(progress);
    const auto outcomes = downloader.run(requests);
    throwIfInterrupted("downloading packages");
    std::string errors;
    for (const auto& o : outcomes)
        if (!o.ok) errors += (errors.empty() ? "" : "; ") + o.error;
    if (!errors.empty()) throw DownloadError("cannot download packages: " + errors);
    return out;
}

void PackageDownloader::dropCachedDownloads() {
    for (const auto& f : cached_) unlink(f.c_str());
    cached_.clear();
}

}  // namespace mpm::transaction
