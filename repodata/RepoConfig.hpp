// One repository as a .repo section (or --repofrompath) describes it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mpm::repodata {

struct RepoConfig {
    std::string id;
    std::string name;
    std::vector<std::string> baseurl;
    std::string mirrorlist;
    std::string metalink;
    bool enabled = true;
    bool gpgcheck = true;
    std::vector<std::string> gpgkey;
    bool repo_gpgcheck = false;
    int priority = 99;
    int cost = 1000;
    bool module_hotfixes = false;
    int64_t metadata_expire = 172800;
    bool skip_if_unavailable = false;
    std::vector<std::string> excludepkgs;
    std::vector<std::string> includepkgs;
    bool sslverify = true;
    std::string sslcacert, sslclientcert, sslclientkey;
    std::string proxy, proxy_username, proxy_password;
    int retries = 10;
    int timeout = 30;
    std::string source;  // file the section came from, or "--repofrompath"

    // Sets one key as found in a .repo file or --setopt REPOID.KEY. Returns false for keys
    // mpm does not know; throws std::invalid_argument for a bad value.
    bool set(const std::string& key, const std::string& value);
    static bool isKnownKey(const std::string& key);
};

}  // namespace mpm::repodata
