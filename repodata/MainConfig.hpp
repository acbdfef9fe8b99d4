// The [main] section of mpm.conf: dnf's option names and defaults where they exist.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "repodata/RepoOptions.hpp"

namespace mpm::repodata {

struct MainConfig : RepoOptions, FilterOptions {
    std::vector<std::string> reposdir = {"/etc/yum.repos.d", "/etc/yum/repos.d",
                                         "/etc/distro.repos.d", "/etc/mpm/repos.d"};
    std::string cachedir = "/var/cache/mpm";
    std::string persistdir = "/var/lib/mpm";
    std::string rpmdb_path;  // the root's RPM database; empty: its rpm macros', else Fedora's
    std::vector<std::string> varsdir = {"/etc/yum/vars", "/etc/dnf/vars", "/etc/mpm/vars"};
    bool keepcache = false;
    int max_parallel_downloads = 3;
    int installonly_limit = 3;
    std::vector<std::string> installonlypkgs = {"kernel", "kernel-core", "kernel-modules",
                                                "installonlypkg(kernel)",
                                                "installonlypkg(kernel-module)"};
    bool install_weak_deps = true;
    std::string module_platform_id;
    bool module_stream_switch = false;
    bool module_obsoletes = false;
    bool localpkg_gpgcheck = false;  // RPM files named on the command line (dnf's default: off)
    bool best = true;
    bool clean_requirements_on_remove = true;
    std::vector<std::string> tsflags;
    bool assumeyes = false;
    bool defaultyes = false;
    std::string releasever;
    int debuglevel = 2;
    bool strict = true;      // dnf's: 0 leaves out what cannot be installed (as --skip-broken)
    int lock_wait = -1;      // seconds to wait for another mpm changing the root; -1: until it ends
    int recent = 7;          // days a package counts as recent (repoquery --recent)
    bool cacheonly = false;  // as -C: cached metadata only, never downloaded
    // The package types of a comps group that group install takes (optional with
    // --with-optional too).
    std::vector<std::string> group_package_types = {"mandatory", "default", "conditional"};

    // Sets one [main] key. Returns false for an unknown key; throws std::invalid_argument.
    bool set(const std::string& key, const std::string& value);
    static bool isKnownKey(const std::string& key);
    // Keys that dnf knows and mpm accepts without effect, so existing dnf.conf files load.
    static bool isIgnoredDnfKey(const std::string& key);
    // For such a key set to `value`: what dnf would do that mpm does not, as a sentence; empty
    // when nothing (a key about looks or speed, or dnf's default).
    static std::string ignoredDifference(const std::string& key, const std::string& value);
};

}  // namespace mpm::repodata
