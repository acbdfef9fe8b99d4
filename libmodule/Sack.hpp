// The package universe of one mpm run: a libsolv pool holding every enabled repository, the
// installed system (@System), and the considered map that hides what must not be seen.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "libmodule/Package.hpp"
#include "libmodule/SystemRepo.hpp"
#include "libmodule/TrustedKeys.hpp"
#include "repodata/Config.hpp"
#include "repodata/MetadataCache.hpp"
#include "solv/Map.hpp"
#include "solv/Pool.hpp"

namespace mpm {

class Modules;

struct LoadedRepo {
    const repodata::RepoConfig* config = nullptr;
    repodata::RepoMetadata metadata;
    ::Repo* repo = nullptr;
};

class Sack {
  public:
    explicit Sack(const repodata::Config& config);
    ~Sack();

    // Refreshes (per `policy`) and loads every enabled repo. A repo that fails is skipped with a
    // warning when skip_if_unavailable is set; otherwise RepoError propagates and nothing changes.
    void loadAvailable(repodata::RefreshPolicy policy);
    // How to ask the user about a key a repository offers (package or metadata signatures).
    // Without one, such keys are refused.
    void setKeyPrompt(KeyImportPrompt prompt) { prompt_ = std::move(prompt); }
    // The trusted keys, loaded on first use.
    TrustedKeys& trustedKeys();
    // Loads the installed system as @System.
    void loadSystem();
    // Loads module metadata, module state and the platform and selects the active streams
    // (call after loadAvailable; modular filtering applies from the next finalize()).
    void loadModules();
    // Null when loadModules() was not called.
    Modules* modules() { return modules_.get(); }
    const Modules* modules() const { return modules_.get(); }

    // Indexes provides and computes the considered map. Call after loading (again after
    // adding local packages).
    void finalize();
    // Adds an RPM file given on the command line to the @commandline repo; returns its id.
    // Throws Error when it is not a readable RPM. Call finalize() afterwards.
    Id addLocalPackage(const std::string& path);
    // The file of a package added with addLocalPackage, or empty.
    std::string localFile(Id id) const;

    solv::Pool& pool() { return pool_; }
    const solv::Pool& pool() const { return pool_; }
    ::Pool* raw() const { return pool_.raw(); }
    const repodata::Config& config() const { return config_; }
    const std::vector<LoadedRepo>& repos() const { return repos_; }
    const LoadedRepo* repo(const std::string& id) const;
    const std::vector<std::string>& warnings() const { return warnings_; }

    Package package(Id id) const { return Package(pool_.raw(), id); }
    bool considered(Id id) const { return !considered_ || considered_->test(id); }
    // Database id, origin repo and install reason of an installed package; null otherwise.
    const InstalledInfo* installedInfo(Id id) const;
    const InstalledInfos& installedInfos() const { return installed_; }

    // Every visible, non-source package, installed and available.
    std::vector<Id> visiblePackages() const;

  private:
    const repodata::Config& config_;
    solv::Pool pool_;
    std::vector<LoadedRepo> repos_;
    std::optional<solv::Map> considered_;
    std::vector<std::string> warnings_;
    InstalledInfos installed_;
    ::Repo* commandline_ = nullptr;
    std::unordered_map<Id, std::string> localFiles_;
    std::unique_ptr<Modules> modules_;
    KeyImportPrompt prompt_;
    std::unique_ptr<TrustedKeys> keys_;
};

}  // namespace mpm
