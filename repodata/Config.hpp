// Everything configuration produces: the installroot, [main], variables and every repo.
// ConfigLoader builds it from files and the command line in dnf's precedence order.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "repodata/MainConfig.hpp"
#include "repodata/RepoConfig.hpp"
#include "repodata/Variables.hpp"

namespace mpm::repodata {

// What the command line says about configuration.
struct ConfigRequest {
    std::string installroot = "/";
    std::optional<std::string> configFile;
    std::optional<std::string> releasever;
    bool useHostConfig = false;
    bool nogpgcheck = false;  // --nogpgcheck: no signature checks of any kind
    std::vector<std::pair<std::string, std::string>> setopts;       // KEY or REPOID.KEY, VALUE
    std::vector<std::pair<std::string, std::string>> repofrompath;  // ID, PATH or URL
    std::vector<std::string> onlyRepos;                             // --repo (globs)
    std::vector<std::pair<bool, std::string>> repoToggles;  // --enablerepo/--disablerepo, in order
};

struct Config {
    std::string installroot = "/";
    std::string arch;
    std::string configFile;  // the one actually read (may not exist)
    MainConfig main;
    Variables vars;
    std::vector<RepoConfig> repos;  // every configured repo, enabled or not, sorted by id
    std::vector<std::string> warnings;

    // A path inside the installroot.
    std::string rootPath(const std::string& path) const;
    std::string cacheDir() const { return rootPath(main.cachedir); }
    std::string persistDir() const { return rootPath(main.persistdir); }
    std::vector<const RepoConfig*> enabledRepos() const;
};

class ConfigLoader {
  public:
    // Throws ConfigError for a broken file, UsageError for a bad --setopt/--repo.
    static Config load(const ConfigRequest& request);
};

}  // namespace mpm::repodata
