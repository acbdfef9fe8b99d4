#include "repodata/CacheCleaner.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace mpm::repodata {

size_t cleanCache(const std::string& cacheRoot, CleanKind kind) {
    std::error_code ec;
    size_t removed = 0;
    auto remove = [&](const fs::path& p) { removed += static_cast<size_t>(fs::remove_all(p, ec)); };
    for (const auto& repoDir : fs::directory_iterator(cacheRoot, ec)) {
        if (!repoDir.is_directory()) {
            // The merged module metadata and the @System caches are derived, like the .solv
            // files.
            const std::string name = repoDir.path().filename().string();
            const bool derived =
                (name.starts_with("modules-") &&
                 (name.ends_with(".bin") || name.ends_with(".cbor"))) ||
                (name.starts_with("system-") && name.ends_with(".solv"));
            if (kind == CleanKind::All ||
                (derived && (kind == CleanKind::DbCache || kind == CleanKind::Metadata)))
                remove(repoDir.path());
            continue;
        }
        if (kind == CleanKind::All) {
            remove(repoDir.path());
            continue;
        }
        for (const auto& entry : fs::directory_iterator(repoDir.path(), ec)) {
            const std::string name = entry.path().filename().string();
            switch (kind) {
                case CleanKind::Metadata:
                    if (name != "packages") remove(entry.path());
                    break;
                case CleanKind::Packages:
                    if (name == "packages") remove(entry.path());
                    break;
                case CleanKind::DbCache:
                    if (name.starts_with("gen-")) {
                        remove(entry.path() / "primary.solv");
                        remove(entry.path() / "filelists.solvx");
                    }
                    break;
                case CleanKind::ExpireCache:
                    if (name == "last-check") remove(entry.path());
                    break;
                case CleanKind::All:
                    break;
            }
        }
    }
    return removed;
}

}  // namespace mpm::repodata
