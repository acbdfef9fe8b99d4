#include "libmodule/base/Sack.hpp"

#include "solv/libsolv.hpp"

#include "common/Error.hpp"
#include "libmodule/base/PackageFilter.hpp"
#include "libmodule/base/SystemRepo.hpp"
#include "libmodule/rpm/RpmHeader.hpp"
#include "repodata/RepoLoader.hpp"
#include "solv/RepoCache.hpp"

namespace mpm::base {

Sack::Sack(const repodata::Config& config) : config_(config), pool_(config.arch) {}

Sack::~Sack() = default;

void Sack::loadAvailable(repodata::RefreshPolicy policy, repodata::RepomdVerifier verifier,
                         RepoContent content, repodata::DownloadedHook downloaded) {
    repodata::MetadataCache cache(config_.cacheDir(), config_.main.max_parallel_downloads);
    if (verifier) cache.setRepomdVerifier(std::move(verifier));
    if (downloaded) cache.setDownloadedHook(std::move(downloaded));
    for (const repodata::RepoConfig* cfg : config_.enabledRepos()) {
        try {
            LoadedRepo loaded;
            loaded.config = cfg;
            loaded.metadata = cache.sync(*cfg, policy);
            if (content == RepoContent::MetadataOnly) {
                loaded.repo = pool_.addRepo(cfg->id);
                repos_.push_back(std::move(loaded));
                continue;
            }
            std::string cacheProblem;
            try {
                loaded.repo =
                    repodata::RepoLoader::load(pool_, *cfg, loaded.metadata, &cacheProblem);
            } catch (const RepoError& e) {
                // A cached file damaged since it was verified: fetched again, once, when the
                // network may be used.
                if (policy == repodata::RefreshPolicy::Never) throw;
                std::string why = e.what();
                if (const size_t fix = why.find("; run 'mpm clean metadata'");
                    fix != std::string::npos)
                    why.resize(fix);
                warnings_.push_back(why + "; the repository's metadata was fetched again");
                cache.discard(loaded.metadata);
                loaded.metadata = cache.sync(*cfg, repodata::RefreshPolicy::Always);
                loaded.repo =
                    repodata::RepoLoader::load(pool_, *cfg, loaded.metadata, &cacheProblem);
            }
            if (!cacheProblem.empty())
                warnings_.push_back("repository '" + cfg->id + "': " + cacheProblem);
            repos_.push_back(std::move(loaded));
        } catch (const RepoError& e) {
            if (!cfg->skip_if_unavailable)
                throw RepoError(e.repoid(), e.reason() + "; --disablerepo=" + e.repoid() +
                                                " (or skip_if_unavailable=1) goes on without it");
            warnings_.push_back(std::string(e.what()) + " (skipped: skip_if_unavailable is set)");
        }
    }
}

void Sack::loadSystem() {
    loadSystemRepo(pool_, config_, installed_, warnings_, systemCache_);
}

const InstalledInfo* Sack::installedInfo(Id id) const {
    auto it = installed_.find(id);
    return it == installed_.end() ? nullptr : &it->second;
}

void Sack::finalize() {
    pool_->considered = nullptr;
    considered_ = computeConsidered(*this);
    if (considered_) pool_->considered = considered_->raw();
    if (providesWanted_) indexProvides();
}

void Sack::indexProvides() const {
    providesWanted_ = true;
    solv::Queue files, installedFiles;
    // pool_ is the index's own state: indexing changes what it knows, not what it holds.
    if (!const_cast<solv::Pool&>(pool_).indexProvides(&files, &installedFiles)) return;
    // libsolv added the provides of every file dependency (of any package) to every package
    // holding the file, in every repo, unless told to look in standard places only.
    fileDependencies_.clear();
    if (!pool_get_flag(pool_.raw(), POOL_FLAG_ADDFILEPROVIDESFILTERED))
        fileDependencies_.insert(files.begin(), files.end());
    // Not for a repository whose file lists failed to load (its packages lack provides the
    // list would promise), nor one that lost its packages to a failed load.
    for (const auto& r : repos_)
        if (!pool_.failed(r.repo, SOLVABLE_FILELIST) && !pool_.lostPackages(r.repo))
            repodata::RepoLoader::keepFileProvides(r.repo, r.metadata, files);
    // @System's list: what every repo needs of it and what its own packages need.
    if (::Repo* installed = pool_->installed)
        keepSystemFileProvides(installed, systemCache_, installedFiles);
}

bool Sack::providesEveryHolder(Id path) const {
    if (fileDependencies_.count(path)) return true;
    if (pool_get_flag(pool_.raw(), POOL_FLAG_ADDFILEPROVIDESFILTERED)) return false;
    // A repository whose cache does not list the path (@commandline, @System read from the
    // headers, a cache written before a package depended on it) may hold it unprovided.
    ::Pool* pool = pool_.raw();  // FOR_REPOS names it
    int i;
    ::Repo* repo;
    FOR_REPOS(i, repo) {
        if (repo->nsolvables && !repo->disabled && !solv::listsFileProvides(repo, path))
            return false;
    }
    return true;
}

Id Sack::addLocalPackage(const std::string& path, const std::string& origin) {
    // librpm checks the header first: libsolv's own error paths for damaged files leak memory,
    // and its message is less clear. A damaged payload is caught when it is unpacked.
    try {
        rpm::RpmHeader::read(path);
    } catch (const Error&) {
        throw Error(path + " is not a readable RPM package (damaged or truncated)");
    }
    if (!commandline_) commandline_ = pool_.addRepo("@commandline");
    Id id = repo_add_rpm(commandline_, path.c_str(),
                         REPO_REUSE_REPODATA | REPO_NO_INTERNALIZE | RPM_ADD_WITH_PKGID);
    repo_internalize(commandline_);
    if (!id) throw Error(path + " is not a readable RPM package (" + pool_.errstr() + ")");
    localFiles_[id] = path;
    if (!origin.empty()) localOrigins_[id] = origin;
    return id;
}

std::string Sack::localFile(Id id) const {
    auto it = localFiles_.find(id);
    return it == localFiles_.end() ? std::string() : it->second;
}

std::string Sack::localOrigin(Id id) const {
    auto it = localOrigins_.find(id);
    return it == localOrigins_.end() ? std::string() : it->second;
}

bool Sack::isInstalled(Id id) const {
    return pool_id2solvable(pool_.raw(), id)->repo == pool_->installed && pool_->installed;
}

const LoadedRepo* Sack::repoOf(Id id) const {
    const ::Repo* r = pool_id2solvable(pool_.raw(), id)->repo;
    for (const auto& loaded : repos_)
        if (loaded.repo == r) return &loaded;
    return nullptr;
}

const LoadedRepo* Sack::repo(const std::string& id) const {
    for (const auto& r : repos_)
        if (r.config->id == id) return &r;
    return nullptr;
}

bool Sack::isVisible(Id id, const ::Solvable* s) const {
    if (s->arch == ARCH_SRC || s->arch == ARCH_NOSRC || !considered(id)) return false;
    // Another architecture's packages are not offered (as dnf); installed ones are shown.
    ::Pool* pool = pool_.raw();
    return s->repo == pool->installed || pool_installable(pool, const_cast<::Solvable*>(s));
}

}  // namespace mpm::base
