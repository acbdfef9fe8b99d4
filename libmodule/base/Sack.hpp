// The package universe of one mpm run: a libsolv pool holding every enabled repository, the
// installed system (@System), and the considered map that hides what must not be seen.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "libmodule/base/Package.hpp"
#include "libmodule/base/SystemRepo.hpp"
#include "repodata/Config.hpp"
#include "repodata/MetadataCache.hpp"
#include "solv/Map.hpp"
#include "solv/Pool.hpp"

namespace mpm::base {

struct LoadedRepo {
    const repodata::RepoConfig* config = nullptr;
    repodata::RepoMetadata metadata;
    ::Repo* repo = nullptr;
};

// What loadAvailable reads of each repository: its packages too, or only its metadata files
// (module metadata, comps): listing and describing module streams needs no package.
enum class RepoContent { Packages, MetadataOnly };

class Sack {
  public:
    explicit Sack(const repodata::Config& config);
    ~Sack();

    // Refreshes (per `policy`) and loads every enabled repo; `verifier` checks repomd.xml
    // signatures where repo_gpgcheck asks for it. A repo that fails is skipped with a warning
    // when skip_if_unavailable is set; otherwise RepoError propagates and nothing changes.
    // With RepoContent::MetadataOnly each repo is loaded empty (no .solv read).
    // `downloaded`: told of every refresh's new files before they are parsed.
    void loadAvailable(repodata::RefreshPolicy policy, repodata::RepomdVerifier verifier = {},
                       RepoContent content = RepoContent::Packages,
                       repodata::DownloadedHook downloaded = {});
    // Loads the installed system as @System.
    void loadSystem();

    // Packages modular filtering hides (the module layer computes them), applied with the
    // excludes by the next finalize(). Packages added later (ids past the map) are not hidden.
    void setModuleExcludes(std::optional<solv::Map> hidden) { moduleExcludes_ = std::move(hidden); }
    const std::optional<solv::Map>& moduleExcludes() const { return moduleExcludes_; }

    // Computes the considered map (and indexes provides again when they were indexed before
    // and packages were added since). Call after loading (again after adding local packages or
    // changing the module excludes).
    void finalize();
    // Indexes what dependency matching needs (file provides, then whatprovides): done on the
    // first need, so that a query matching nothing by dependency never pays for it, and again
    // when packages were added. The file provides it adds are written into the caches the
    // repos and @System came from, so the next run's index skips their file lists. An index
    // built on demand, hence const.
    void indexProvides() const;
    // Whether every package whose files include this path provides it: a file some package
    // depends on, whose provides libsolv added to every package holding it (as of the last
    // indexProvides(), or as every repository's cache lists, @System's included, before any).
    bool providesEveryHolder(Id path) const;
    // Adds an RPM file given on the command line to the @commandline repo; returns its id.
    // Throws Error when it is not a readable RPM. Call finalize() afterwards.
    // `origin`: the repository a locked package was locked from (install --from-lock): its
    // configuration, when it is configured, decides signature checks, and it is recorded as
    // where the package came from.
    Id addLocalPackage(const std::string& path, const std::string& origin = {});
    // The file of a package added with addLocalPackage, or empty.
    std::string localFile(Id id) const;
    // The repository a local package was locked from; empty for a file given as such.
    std::string localOrigin(Id id) const;

    solv::Pool& pool() { return pool_; }
    const solv::Pool& pool() const { return pool_; }
    ::Pool* raw() const { return pool_.raw(); }
    const repodata::Config& config() const { return config_; }
    const std::vector<LoadedRepo>& repos() const { return repos_; }
    const LoadedRepo* repo(const std::string& id) const;
    // The loaded repo a solvable belongs to; null for @System and @commandline.
    const LoadedRepo* repoOf(Id id) const;
    const std::vector<std::string>& warnings() const { return warnings_; }
    // How loadSystem() got the installed packages (from its cache, headers read).
    const SystemCache& systemCache() const { return systemCache_; }
    void warn(std::string warning) { warnings_.push_back(std::move(warning)); }

    Package package(Id id) const { return Package(pool_.raw(), id); }
    bool considered(Id id) const { return !considered_ || considered_->test(id); }
    bool isInstalled(Id id) const;
    // Database id, origin repo and install reason of an installed package; null otherwise.
    const InstalledInfo* installedInfo(Id id) const;
    const InstalledInfos& installedInfos() const { return installed_; }

    // Every visible, non-source package, installed and available.
    std::vector<Id> visiblePackages() const {
        return visiblePackagesWhere([](const ::Solvable*) { return true; });
    }
    // The visible packages `keep` accepts, asked first: a query by name tests the name Id of
    // every package, and only the few it keeps for visibility.
    template <typename Keep>
    std::vector<Id> visiblePackagesWhere(Keep keep) const {
        std::vector<Id> out;
        ::Pool* pool = pool_.raw();
        for (Id p = 2; p < pool->nsolvables; ++p) {
            const ::Solvable* s = pool->solvables + p;
            if (s->repo && keep(s) && isVisible(p, s)) out.push_back(p);
        }
        return out;
    }
    // A package of a repository that queries show (see visiblePackages).
    bool isVisible(Id id, const ::Solvable* s) const;

  private:
    const repodata::Config& config_;
    solv::Pool pool_;
    std::vector<LoadedRepo> repos_;
    std::optional<solv::Map> considered_;
    std::optional<solv::Map> moduleExcludes_;
    std::vector<std::string> warnings_;
    InstalledInfos installed_;
    SystemCache systemCache_;
    mutable bool providesWanted_ = false;
    mutable std::unordered_set<Id> fileDependencies_;
    ::Repo* commandline_ = nullptr;
    std::unordered_map<Id, std::string> localFiles_;
    std::unordered_map<Id, std::string> localOrigins_;
};

}  // namespace mpm::base
