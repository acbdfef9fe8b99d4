#include "repodata/CacheCleaner.hpp"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <set>

#include "common/Error.hpp"
#include "common/FileLock.hpp"
#include "common/Privilege.hpp"
#include "repodata/PackageCache.hpp"

namespace fs = std::filesystem;

namespace mpm::repodata {

namespace {

// What remove_all took; a file that cannot go is an error, not a count of -1.
size_t removeAll(const fs::path& p) {
    std::error_code ec;
    const auto n = fs::remove_all(p, ec);
    if (!ec) return static_cast<size_t>(n);
    if (const std::string r = needsRootReason(ec.value(), p.string(), "cleaning the cache");
        !r.empty())
        throw Error(r);
    throw Error("cannot remove " + p.string() + ": " + ec.message());
}

// One repository's cache directory, cleaned around what other processes hold: its metadata
// only while no refresh runs (the refresh lock, taken without waiting), a generation only when
// no process uses it, a package only when no process downloads or installs it.
class RepoDirCleaner {
  public:
    RepoDirCleaner(const fs::path& dir, CleanResult& result) : dir_(dir), result_(result) {}

    void clean(CleanKind kind) {
        const bool metadata = kind != CleanKind::Packages;
        if (kind == CleanKind::All || kind == CleanKind::Packages) packages();
        if (!metadata) return;
        FileLock refresh;
        try {
            refresh =
                FileLock::tryAcquire((dir_ / ".refresh.lock").string(), FileLock::Mode::Exclusive);
        } catch (const std::exception&) {
        }
        if (!refresh.held()) {
            ++result_.inUse;  // being refreshed right now
            return;
        }
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dir_, ec)) {
            const std::string name = entry.path().filename().string();
            if (name == "packages" || name == ".refresh.lock" || name == ".packages.lock") continue;
            switch (kind) {
                case CleanKind::All:
                case CleanKind::Metadata:
                    if (name.starts_with("gen-"))
                        generation(entry.path(), false);
                    else
                        remove(entry.path());
                    break;
                case CleanKind::DbCache:
                    if (name.starts_with("gen-")) generation(entry.path(), true);
                    break;
                case CleanKind::ExpireCache:
                    if (name == "last-check") remove(entry.path());
                    break;
                case CleanKind::Packages:
                    break;
            }
        }
        if (kind == CleanKind::All || kind == CleanKind::Metadata) {
            refresh.removeFile();
            refresh.release();
            fs::remove(dir_, ec);  // only when nothing is left in it
        }
    }

  private:
    void remove(const fs::path& p) { result_.removed += removeAll(p); }

    // `solvOnly`: the .solv caches (rebuilt from the XML on next use), else all of it.
    void generation(const fs::path& gen, bool solvOnly) {
        FileLock lock;
        try {
            lock = FileLock::tryAcquire((gen / ".lock").string(), FileLock::Mode::Exclusive);
        } catch (const std::exception&) {
        }
        if (!lock.held()) {
            ++result_.inUse;
            return;
        }
        if (solvOnly) {
            for (const char* cache :
                 {"primary.solv", "info.solvx", "filelists.solvx", "comps.solv", "repomd.solv"}) {
                remove(gen / cache);
                remove(gen / (std::string(cache) + ".crc"));  // its fingerprint
            }
        } else {
            remove(gen);
        }
    }

    void packages() {
        const fs::path dir = dir_ / "packages";
        std::error_code ec;
        std::set<std::string> files;  // NAME.rpm, also for a NAME.rpm.part alone
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            std::string file = entry.path().string();
            if (file.ends_with(".part")) file.resize(file.size() - 5);
            files.insert(file);
        }
        for (const auto& file : files) {
            if (removeCachedPackage(file))
                ++result_.removed;
            else
                ++result_.inUse;
        }
        fs::remove(dir, ec);  // when empty
        removeUnusedPackageLocks(dir_.string());
    }

    fs::path dir_;
    CleanResult& result_;
};

}  // namespace

CleanResult cleanCache(const std::string& cacheRoot, CleanKind kind) {
    CleanResult result;
    std::error_code ec;
    if (fs::exists(cacheRoot, ec) && access(cacheRoot.c_str(), W_OK) != 0)
        if (const std::string r = needsRootReason(errno, cacheRoot, "cleaning the cache");
            !r.empty())
            throw Error(r);
    for (const auto& entry : fs::directory_iterator(cacheRoot, ec)) {
        if (entry.is_directory()) {
            RepoDirCleaner(entry.path(), result).clean(kind);
            continue;
        }
        // The merged module metadata and the @System caches are derived, like the .solv files
        // (replaced by rename: a reader has the old one open or reads the next).
        const std::string name = entry.path().filename().string();
        const bool derived =
            (name.starts_with("modules-") && (name.ends_with(".bin") || name.ends_with(".cbor"))) ||
            (name.starts_with("system-") &&
             (name.ends_with(".solv") || name.ends_with(".solv.crc")));
        if (kind == CleanKind::All ||
            (derived && (kind == CleanKind::DbCache || kind == CleanKind::Metadata)))
            result.removed += removeAll(entry.path());
    }
    return result;
}

}  // namespace mpm::repodata
