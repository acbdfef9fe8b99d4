#include "libmodule/lockfile/LockedPackages.hpp"

#include <unistd.h>

#include <cctype>
#include <filesystem>

#include "common/Error.hpp"
#include "common/Interrupt.hpp"
#include "common/Secrets.hpp"
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

// file:// URLs may spell characters as %XX (a space in a directory name).
std::string percentDecoded(const std::string& path) {
    std::string out;
    for (size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '%' && i + 2 < path.size() &&
            std::isxdigit(static_cast<unsigned char>(path[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(path[i + 2]))) {
            out += static_cast<char>(std::stoi(path.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += path[i];
        }
    }
    return out;
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

void LockedPackages::copyInto(const std::vector<LockedFile>& files, const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    for (const auto& f : files) {
        const fs::path dest = fs::path(dir) / f.package->fileName();
        if (fs::equivalent(f.path, dest, ec)) continue;
        // whole or not at all: a copy beside it, renamed
        const fs::path part = dest.string() + ".part";
        if (!fs::copy_file(f.path, part, fs::copy_options::overwrite_existing, ec) ||
            (fs::rename(part, dest, ec), ec)) {
            fs::remove(part);
            throw Error("cannot put " + f.package->fileName() + " in " + dir + ": " + ec.message() +
                        "; nothing was installed");
        }
    }
}

std::vector<LockedFile> LockedPackages::fetch(const LockedArch& arch,
                                              const repodata::DownloadProgress& progress) {
    std::vector<LockedFile> out;
    std::vector<std::string> tampered, missing;
    std::vector<repodata::DownloadRequest> requests, busy;
    std::vector<size_t> busyIndex;  // into out, for each of `busy`
    for (const auto& p : arch.packages) {
        const Digest digest = digestOf(p);
        LockedFile file{&p, {}};
        // Files the user or the repository holds: used as they are, or refused. A directory
        // may hold them flat or as Hermeto lays them out (ARCH/REPOID/FILE).
        std::vector<std::string> given;
        if (!dir_.empty()) {
            given.push_back(dir_ + "/" + p.fileName());
            given.push_back(dir_ + "/" + arch.arch + "/" + p.repoid + "/" + p.fileName());
        }
        if (p.url.starts_with("file://")) given.push_back(percentDecoded(p.url.substr(7)));
        for (const auto& path : given) {
            if (access(path.c_str(), R_OK) != 0) continue;
            if (!matches(path, digest)) {
                // a stale or broken copy in the directory (an interrupted prefetch): the lock's
                // own is fetched instead when it can be; otherwise the lock refuses it
                const bool inDir = !dir_.empty() && path.starts_with(dir_ + "/");
                if (inDir && !cacheOnly_ && !p.url.starts_with("file://")) {
                    warnings_.push_back(path + " does not match the lock's checksum: " +
                                        p.fileName() + " is downloaded again");
                    continue;
                }
                tampered.push_back(path);
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
                // A lock keeps no password ("alice:***@"): the repository's configuration,
                // when it is configured here, has it.
                if (const repodata::RepoConfig* repo = repoConfig(p.repoid))
                    for (const auto& base : repo->baseurl)
                        if (const std::string shown = secrets::redact(base);
                            shown != base && p.url.starts_with(shown))
                            req.urls = {base + p.url.substr(shown.size())};
                req.checksumType = digest.type;
                req.checksum = digest.hex;
                req.expectedSize = p.size ? static_cast<int64_t>(p.size) : -1;
                req.resume = true;
                if (const repodata::RepoConfig* repo = repoConfig(p.repoid))
                    req.options = repodata::transferOptions(*repo);
                req.dest = cachePath(p);
                std::error_code ec;
                fs::create_directories(fs::path(req.dest).parent_path(), ec);
                file.path = req.dest;
                if (locks_.lock(req.dest, Mode::Exclusive, false)) {
                    requests.push_back(std::move(req));
                } else {  // another process downloads it right now: waited for after ours
                    busyIndex.push_back(out.size());
                    busy.push_back(std::move(req));
                }
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
    std::vector<std::string> failed;
    auto run = [&](const std::vector<repodata::DownloadRequest>& batch) {
        const auto outcomes = downloader.run(batch);
        throwIfInterrupted("downloading locked packages");
        for (size_t i = 0; i < outcomes.size(); ++i)
            if (!outcomes[i].ok) failed.push_back(outcomes[i].error);
    };
    run(requests);
    for (const auto& r : requests) locks_.downgrade(r.dest);  // complete, or gone
    // What others were fetching: theirs once they are done, else fetched privately (waiting
    // again while holding locks could deadlock).
    std::vector<repodata::DownloadRequest> retry;
    for (size_t i = 0; i < busy.size(); ++i) {
        locks_.lock(busy[i].dest, Mode::Shared, true);
        if (access(busy[i].dest.c_str(), R_OK) == 0 &&
            repodata::Checksum::ofFile(busy[i].dest, busy[i].checksumType) == busy[i].checksum)
            continue;
        locks_.unlock(busy[i].dest);
        if (!private_) private_ = std::make_unique<TempDir>("mpm-locked");
        busy[i].dest = private_->path() + "/" + fs::path(busy[i].dest).filename().string();
        out[busyIndex[i]].path = busy[i].dest;
        retry.push_back(busy[i]);
    }
    run(retry);
    if (!failed.empty())
        throw DownloadError("cannot download locked packages: " + join(failed, "; ") +
                            "; nothing was installed");
    return out;
}

}  // namespace mpm::lockfile
