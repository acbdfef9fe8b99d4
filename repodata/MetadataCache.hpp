// The on-disk cache of one repository's metadata, and its refresh.
//
// Layout under cachedir/<repoid>-<hash of its URLs>/:
//   gen-<repomd digest>/repomd.xml, repodata/<files>,
//                       primary.solv, info.solvx, filelists.solvx,  one complete, verified
//                       comps.solv                                 generation
//   current -> gen-<digest>                                        swapped with rename(2): atomic
//   last-check                                                     mtime = last successful check
//   .refresh.lock                                                  held by the one refreshing
//   gen-<digest>/.lock                                             shared by every process using it
// A refresh builds a new generation beside the old one and only then flips `current`, so an
// interrupted or failed refresh leaves the last good metadata exactly as it was.
//
// One cache, many processes (image builds into many roots at once): one refreshes a repo at a
// time, and whoever waited for it uses its result instead of refreshing again; a generation is
// deleted only when no process holds it (shared lock for the process's lifetime).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/FileLock.hpp"
#include "repodata/Downloader.hpp"
#include "repodata/RepoConfig.hpp"
#include "repodata/Repomd.hpp"

namespace mpm::repodata {

// A usable generation of a repository's metadata.
struct RepoMetadata {
    std::string repoid;
    std::string genDir;        // absolute path of the generation
    std::string repomdDigest;  // sha256 of repomd.xml: the key of every derived cache
    Repomd repomd;
    std::vector<std::string> baseUrls;  // where packages come from (mirrors resolved)
    int64_t checkedAt = 0;              // unix time of the last successful check
    std::shared_ptr<FileLock> lease;    // keeps the generation from being deleted while in use
    // metadata_size_limit and metadata_text_limit: what parsing its files may cost.
    int64_t sizeLimit = 0, textLimit = 0;

    // Local path of a metadata file by repomd type; empty when the repo has none.
    std::string path(const std::string& type) const;
    // Whether repomd.xml offers this type but the generation does not hold its file: one an
    // mpm before advisories made has no updateinfo until a refresh completes it.
    bool lacks(const std::string& type) const;
};

// How to reach a repository's servers (retries, timeout, TLS, proxy), from its configuration:
// the same for metadata, packages and keys.
TransferOptions transferOptions(const RepoConfig& repo);

enum class RefreshPolicy {
    IfExpired,  // honour metadata_expire
    Always,     // --refresh / makecache --refresh
    Never,      // --cacheonly
};

// repo_gpgcheck: checks a downloaded repomd.xml against its detached signature before any
// checksum in it is trusted. Throws (any std::exception) with the reason in words.
using RepomdVerifier = std::function<void(const RepoConfig& repo, const std::string& repomd,
                                          const std::string& signature)>;

// Called when a refresh has downloaded and verified a new generation's files (`candidate`),
// before parsing them, which is most of a refresh: work that only reads them can start beside
// that parse. The files move when the generation is stored: what is read must be read at once.
// Must not throw.
using DownloadedHook = std::function<void(const RepoConfig& repo, const RepoMetadata& candidate)>;

class MetadataCache {
  public:
    MetadataCache(std::string cacheRoot, int maxParallel)
        : root_(std::move(cacheRoot)), maxParallel_(maxParallel) {}
    // Needed by repos with repo_gpgcheck; without it they cannot be refreshed.
    void setRepomdVerifier(RepomdVerifier verifier) { verifier_ = std::move(verifier); }
    void setDownloadedHook(DownloadedHook hook) { downloaded_ = std::move(hook); }

    // Ensures a usable generation for each repo. Throws RepoError (naming the repo) when a repo
    // cannot be had; callers decide about skip_if_unavailable. The metadata types fetched are
    // primary, filelists, modules, comps (group_gz, else group) and advisories (updateinfo).
    RepoMetadata sync(const RepoConfig& repo, RefreshPolicy policy) const;

    // Marks a generation whose files turned out damaged (a cached file that no longer parses)
    // as no generation, so that the next sync fetches it again.
    void discard(RepoMetadata& md) const;

    std::string repoDir(const RepoConfig& repo) const;
    static bool isExpired(const RepoConfig& repo, int64_t checkedAt);

  private:
    std::optional<RepoMetadata> current(const RepoConfig& repo) const;
    // Called with the repo's refresh lock held. Takes `previous` to let go of it before the
    // generations nobody holds any more are deleted.
    RepoMetadata refresh(const RepoConfig& repo, std::optional<RepoMetadata> previous) const;
    // The base URLs of the mirrorlist or metalink (a mirrorlist= serving a metalink is read as
    // one, as librepo does); a metalink's digests of repomd.xml go to `digests`. (The refresh
    // keeps them in `dir`/mirrors once one of them served.)
    std::vector<std::string> listedMirrors(const RepoConfig& repo, const std::string& dir,
                                           std::vector<std::string>& digests) const;
    // refresh()'s phases. `kept` ends every error while older metadata stays in use.
    struct Refresh;
    Repomd fetchRepomd(Refresh& r) const;  // (the mirror that served it goes first)
    void fetchGeneration(const Refresh& r, const Repomd& repomd, const std::string& digest,
                         const std::string& gen) const;
    void completeGeneration(const Refresh& r, const Repomd& repomd, const std::string& gen) const;
    DownloadRequest recordRequest(const Refresh& r, const RepomdRecord& rec,
                                  const std::string& dest) const;
    void publish(const Refresh& r, const std::string& genName) const;

    std::string root_;
    int maxParallel_;
    RepomdVerifier verifier_;
    DownloadedHook downloaded_;
};

}  // namespace mpm::repodata
