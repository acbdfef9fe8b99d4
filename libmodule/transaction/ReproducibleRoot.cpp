#include "libmodule/transaction/ReproducibleRoot.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <filesystem>

#include "common/SourceDate.hpp"
#include "libmodule/base/SystemRepo.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/db/Sqlite.hpp"

namespace fs = std::filesystem;

namespace mpm::transaction {

namespace {

// Sets every mtime past `epoch` under `dir` (not following symlinks, not crossing into other
// filesystems, not into `skip`) to `epoch`.
void clampMtimes(const fs::path& dir, dev_t device, const fs::path& skip, int64_t epoch) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (p == skip) continue;
        struct stat st {};
        if (lstat(p.c_str(), &st) != 0 || st.st_dev != device) continue;
        if (S_ISDIR(st.st_mode)) clampMtimes(p, device, skip, epoch);  // before its own mtime
        if (st.st_mtime < epoch || (st.st_mtime == epoch && st.st_mtim.tv_nsec == 0)) continue;
        const struct timespec times[2] = {{0, UTIME_OMIT}, {static_cast<time_t>(epoch), 0}};
        utimensat(AT_FDCWD, p.c_str(), times, AT_SYMLINK_NOFOLLOW);
    }
}

}  // namespace

void settleReproducibleRoot(const repodata::Config& config) {
    const auto epoch = sourceDateEpoch();
    // Only a root being built: a SOURCE_DATE_EPOCH left in a shell must not rewrite the times
    // of the running system's files.
    if (!epoch || config.installroot.empty() || config.installroot == "/") return;
    if (auto db = db::InstalledDb::openForReading(config.persistDir())) {
        db.reset();
        db::InstalledDb::openForWriting(config.persistDir())->compact();
    }
    // rpm leaves SQLite's -wal and -shm beside its database on purpose (for its readers);
    // the index has random salts in it.
    const std::string rpmdb = config.rootPath(base::rpmDbPath(config)) + "/rpmdb.sqlite";
    if (fs::exists(rpmdb + "-shm") || fs::exists(rpmdb + "-wal")) db::checkpointAndClose(rpmdb);
    const fs::path root = fs::path(config.installroot).lexically_normal();
    struct stat st {};
    if (lstat(root.c_str(), &st) != 0) return;
    clampMtimes(root, st.st_dev, fs::path(config.cacheDir()).lexically_normal(), *epoch);
    if (st.st_mtime > *epoch) {
        const struct timespec times[2] = {{0, UTIME_OMIT}, {static_cast<time_t>(*epoch), 0}};
        utimensat(AT_FDCWD, root.c_str(), times, AT_SYMLINK_NOFOLLOW);
    }
}

}  // namespace mpm::transaction
