// Everything configuration produces: the installroot, [main], variables and every repo.
// ConfigLoader builds it from files and the command line in dnf's precedence order.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "repodata/MainConfig.hpp"
#include "repodata/RepoConfig.hpp"
#include "repodata/Variables.hpp"

namespace mpm::repodata {

// What the command line says about configuration.
struct Config;

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
    // A desired state's repos (mpm apply), applied before repoToggles; messages name `stateFile`.
    std::vector<std::pair<bool, std::string>> stateToggles;
    std::string stateFile;
    std::vector<std::string> excludes;         // -x/--exclude: added to excludepkgs
    bool nodocs = false;                       // global --nodocs: tsflags=nodocs
    std::string forcearch;                     // --forcearch: solve and install for this arch
    std::vector<std::string> disableExcludes;  // --disableexcludes: all, main or repo ids
    // $releasever when neither the command line, the configuration nor a vars file names one:
    // what the root's installed release package says (as dnf detects it; the RPM database is
    // read above this layer), before os-release's VERSION_ID. Empty answer: it says nothing.
    std::function<std::string(const Config&)> detectReleasever;
};

struct Config {
    std::string installroot = "/";
    std::string arch;  // the architecture packages are chosen for (--forcearch, else the host's)
    bool foreignArch = false;  // --forcearch named an arch this host cannot run
    std::string configFile;    // the one actually read (may not exist)
    MainConfig main;
    Variables vars;
    std::vector<RepoConfig> repos;  // every configured repo, enabled or not, sorted by id
    std::vector<std::string> warnings;
    std::vector<std::string> notes;  // worth a line under -v (options accepted without effect)
    // [main] path options whose value is a host path: given on the command line (--setopt) or
    // written in a configuration file named with -c. The root's own files and the defaults
    // name paths inside the root (dnf's rule).
    std::set<std::string> hostPathKeys;
    std::vector<std::string> reposDirsRead;  // where .repo files were looked for (host paths)

    // A path inside the installroot.
    std::string rootPath(const std::string& path) const;
    // A file of the root's own, to read: its symlinks followed inside the root (followInRoot).
    std::string rootFile(const std::string& path) const;
    // The host path of a [main] path option's value (cachedir, persistdir, reposdir, varsdir).
    std::string pathOf(const std::string& key, const std::string& value) const {
        return hostPathKeys.count(key) ? value : rootPath(value);
    }
    // The same for a directory the configuration is read from (reposdir, varsdir): inside the
    // root, its symlinks are followed there.
    std::string configDirOf(const std::string& key, const std::string& value) const {
        return hostPathKeys.count(key) ? value : rootFile(value);
    }
    std::string cacheDir() const { return pathOf("cachedir", main.cachedir); }
    std::string persistDir() const { return pathOf("persistdir", main.persistdir); }
    std::vector<const RepoConfig*> enabledRepos() const;
    // Why no repository is enabled, where mpm looked, and what to do; empty when one is.
    std::string noRepositoryReason() const;
};

class ConfigLoader {
  public:
    // Throws ConfigError for a broken file, UsageError for a bad --setopt/--repo.
    static Config load(const ConfigRequest& request);
};

}  // namespace mpm::repodata
