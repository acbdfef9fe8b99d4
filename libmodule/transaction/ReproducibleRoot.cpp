#include "libmodule/transaction/ReproducibleRoot.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include "common/SourceDate.hpp"
#include "libmodule/base/SystemRepo.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/db/Sqlite.hpp"
#include "libmodule/rpm/RpmDb.hpp"
#include "libmodule/rpm/RpmHeader.hpp"
#include "libmodule/transaction/RootPath.hpp"

namespace fs = std::filesystem;

namespace mpm::transaction {

namespace {

// Every mount point below `root` (bind mounts of the host's directories included: they share
// the root's device, so comparing devices alone would not stop at them).
std::set<std::string> mountPointsBelow(const fs::path& root) {
    std::set<std::string> out;
    std::ifstream in("/proc/self/mountinfo");
    std::string line;
    const std::string prefix = root.string() + "/";
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string id, parent, device, source, point;
        if (!(fields >> id >> parent >> device >> source >> point)) continue;
        // Octal escapes for space, tab, newline and backslash, as the kernel writes them.
        std::string path;
        for (size_t i = 0; i < point.size(); ++i) {
            const auto octal = [&](size_t k) { return point[k] >= '0' && point[k] <= '7'; };
            if (point[i] == '\\' && i + 3 < point.size() && octal(i + 1) && octal(i + 2) &&
                octal(i + 3)) {
                path += static_cast<char>((point[i + 1] - '0') * 64 + (point[i + 2] - '0') * 8 +
                                          (point[i + 3] - '0'));
                i += 3;
            } else {
                path += point[i];
            }
        }
        if (path.starts_with(prefix)) out.insert(fs::path(path).lexically_normal().string());
    }
    return out;
}

// The regular files the RPM database records as installed, by host path (their directories
// resolved as staging resolves them), with the mtime their package gives them: times as
// reproducible as the packages, which rpm -V checks.
std::unordered_map<std::string, int64_t> packageFileTimes(const repodata::Config& config,
                                                          const fs::path& root) {
    std::unordered_map<std::string, int64_t> out;
    auto db = rpm::RpmDb::openForReading(config.installroot, base::rpmDbPath(config));
    if (!db) return out;
    RootResolver resolver(root.string());  // the real path the tree is walked by
    db->forEachPackage([&](unsigned, Header header) {
        for (const auto& f : rpm::RpmHeader::of(header).package.files) {
            if (!S_ISREG(f.mode) || !f.inPlace()) continue;
            try {
                out[resolver.resolve(f.path)] = f.mtime;
            } catch (const Error&) {  // a path that cannot be in the root is clamped
            }
        }
    });
    return out;
}

struct Clamp {
    dev_t device;
    std::set<std::string> skip;  // the cache, mount points
    int64_t epoch;
    std::unordered_map<std::string, int64_t> packageTimes;  // left as their packages have them

    // Sets every mtime past the epoch under `dir` to it, not following symlinks.
    void below(const fs::path& dir) const {
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::path& p = it->path();
            if (skip.count(p.string())) continue;
            struct stat st {};
            if (lstat(p.c_str(), &st) != 0 || st.st_dev != device) continue;
            if (S_ISDIR(st.st_mode)) below(p);  // before its own mtime
            at(p, st);
        }
    }
    void at(const fs::path& p, const struct stat& st) const {
        if (st.st_mtime < epoch || (st.st_mtime == epoch && st.st_mtim.tv_nsec == 0)) return;
        if (S_ISREG(st.st_mode) && st.st_mtim.tv_nsec == 0)
            if (auto it = packageTimes.find(p.string());
                it != packageTimes.end() && it->second == st.st_mtime)
                return;
        const struct timespec times[2] = {{0, UTIME_OMIT}, {static_cast<time_t>(epoch), 0}};
        utimensat(AT_FDCWD, p.c_str(), times, AT_SYMLINK_NOFOLLOW);
    }
};

}  // namespace

void settleReproducibleRoot(const repodata::Config& config) {
    const auto epoch = sourceDateEpoch();
    // Only a root being built: a SOURCE_DATE_EPOCH left in a shell must not rewrite the times
    // of the running system's files.
    if (!epoch || config.installroot.empty() || config.installroot == "/") return;
    // Both databases rewritten from their live rows and left in rollback-journal mode: readers
    // (mpm's queries, rpm -q) then create no -wal/-shm files beside them, and the root stays
    // as it is; a writer turns WAL on again when it opens them.
    if (auto db = db::InstalledDb::openForReading(config.persistDir())) {
        db.reset();
        db::InstalledDb::openForWriting(config.persistDir())->compact();
    }
    const std::string rpmdb = config.rootPath(base::rpmDbPath(config)) + "/rpmdb.sqlite";
    if (fs::exists(rpmdb)) db::settleAtRest(rpmdb);
    // The directory itself, where the root is given as a link to it (a link's own time and
    // device are the host's): mount points are listed and devices compared by real paths.
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(config.installroot, ec);
    struct stat st {};
    if (ec || lstat(root.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return;
    Clamp clamp{st.st_dev, mountPointsBelow(root), *epoch, packageFileTimes(config, root)};
    clamp.skip.insert(fs::weakly_canonical(config.cacheDir(), ec).string());
    clamp.below(root);
    clamp.at(root, st);
}

}  // namespace mpm::transaction
