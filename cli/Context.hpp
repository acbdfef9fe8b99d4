// What every command gets: the global options as parsed, the loaded configuration, output,
// and a way to load exactly the package data it needs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/Engine.hpp"
#include "cli/Output.hpp"
#include "libmodule/transaction/SystemLock.hpp"
#include "repodata/Config.hpp"

namespace mpm::cli {

struct GlobalOptions {
    std::string installroot = "/";
    std::string config;
    std::string releasever;
    bool useHostConfig = false;
    std::vector<std::string> setopts;
    std::vector<std::string> repofrompath;
    std::vector<std::string> repos;
    std::vector<std::pair<bool, std::string>> repoToggles;  // filled from argv in order
    std::vector<std::string> enablerepo, disablerepo;  // accepted by CLI11, order taken from argv
    bool cacheonly = false;
    bool refresh = false;
    bool quiet = false;
    bool verbose = false;
    bool assumeyes = false;
    bool assumeno = false;
    bool json = false;
    bool nogpgcheck = false;
    // dnf's options that build tools pass.
    int best = 0;  // 1 --best, -1 --nobest (the last given), 0 neither
    bool nodocs = false;
    std::vector<std::string> excludes;  // -x/--exclude, each maybe a comma list
    std::string forcearch;
    bool noplugins = false;
    bool noautoremove = false;
    std::vector<std::string> disableplugins, enableplugins;  // accepted: mpm has no plugins
    std::vector<std::string> disableExcludes;
    // Transaction options dnf also takes before the command.
    bool allowErasing = false, skipBroken = false, downloadOnly = false;
    std::string downloadDir;
    std::string cmdline;  // for history
    std::string comment;  // --comment, for history
    std::string colour = "auto";
    int debuglevel = -1, errorlevel = -1;  // -d/-e: dnf's, -1 when not given

    repodata::ConfigRequest toConfigRequest() const;
};

class Context {
  public:
    Context(const GlobalOptions& opts, Output& output);
    ~Context();

    const GlobalOptions& options;
    Output& out;

    // Reads configuration (once).
    const repodata::Config& config();
    // A desired state's repositories to enable (true) or disable for this run, before the
    // command line's own --enablerepo/--disablerepo; only before config() is read.
    void setStateRepos(const std::string& file,
                       const std::vector<std::pair<bool, std::string>>& toggles);
    // Loads enabled repos (per -C/--refresh and metadata_expire) with their module metadata,
    // and/or @System, finalized.
    Sack& sack(bool available = true, bool system = true);
    // The modularity of the loaded repos; null when sack() loaded no repos.
    Modules* modules() { return modules_.get(); }
    // Module streams for commands that only describe them (module list, info, provides): when
    // module_platform_id or os-release name the platform, from the repositories' metadata
    // without their packages (no .solv is read); otherwise as sack() loads them, since an
    // installed release package may be what names the platform.
    struct ModuleStreams {
        const Sack& sack;
        const Modules& modules;
    };
    ModuleStreams moduleStreams();
    // The trusted keys (asking on the terminal about keys a repository offers), loaded once.
    TrustedKeys& trustedKeys();
    repodata::RefreshPolicy refreshPolicy();
    // -C, or cacheonly=1 in the configuration: cached metadata and packages only.
    bool cacheOnly() { return options.cacheonly || config().main.cacheonly; }
    // The root's packages as --forcearch=ARCH would see them (mpm lock --arch), loaded apart
    // from this context's own.
    struct ArchPackages {
        std::unique_ptr<repodata::Config> config;
        std::unique_ptr<Sack> sack;  // on *config
        std::unique_ptr<Modules> modules;
    };
    ArchPackages packagesFor(const std::string& arch);
    // Takes the system lock for the rest of the command (commands that change the system).
    void lockSystem();
    // How to wait for another mpm holding the system lock (mpm.conf's lock_wait).
    transaction::LockWait lockWait();
    // A command that changed the system has succeeded: lets go of the package set and keys,
    // then (SOURCE_DATE_EPOCH) settles the root for reproducibility, still under the lock.
    void finish();

  private:
    std::vector<std::pair<bool, std::string>> stateToggles_;
    std::string stateFile_;
    std::unique_ptr<repodata::Config> config_;
    std::unique_ptr<Sack> sack_;
    std::unique_ptr<Modules> modules_;
    std::unique_ptr<Sack> streamsSack_;  // moduleStreams()'s, without packages
    std::unique_ptr<Modules> streamsModules_;
    std::unique_ptr<TrustedKeys> keys_;
    std::unique_ptr<transaction::SystemLock> lock_;
    void recoverInterrupted();
    // Fills `sack` (installed and/or available packages, finalized, warnings said); the
    // modularity of its repositories when they were loaded.
    std::unique_ptr<Modules> load(Sack& sack, bool available, bool system,
                                  base::RepoContent content = base::RepoContent::Packages);
};

}  // namespace mpm::cli
