#include "repodata/RepoConfig.hpp"

#include <unordered_map>
#include <unordered_set>

#include "repodata/OptionValue.hpp"

namespace mpm::repodata {

namespace {

using Setter = OptionSetter<RepoConfig>;

const std::unordered_map<std::string, Setter>& setters() {
    static const std::unordered_map<std::string, Setter> table = {
        {"name", stringSetter(&RepoConfig::name)},
        {"baseurl", listSetter(&RepoConfig::baseurl)},
        {"mirrorlist", stringSetter(&RepoConfig::mirrorlist)},
        {"metalink", stringSetter(&RepoConfig::metalink)},
        {"enabled", boolSetter(&RepoConfig::enabled)},
        {"gpgcheck", boolSetter(&RepoConfig::gpgcheck)},
        {"gpgkey", listSetter(&RepoConfig::gpgkey)},
        {"repo_gpgcheck", boolSetter(&RepoConfig::repo_gpgcheck)},
        {"priority", intSetter(&RepoConfig::priority, 1, 99999)},
        {"cost", intSetter(&RepoConfig::cost, 0, 1000000)},
        {"module_hotfixes", boolSetter(&RepoConfig::module_hotfixes)},
        {"metadata_expire", durationSetter(&RepoConfig::metadata_expire)},
        {"skip_if_unavailable", boolSetter(&RepoConfig::skip_if_unavailable)},
        {"excludepkgs", listSetter(&RepoConfig::excludepkgs)},
        {"exclude", listSetter(&RepoConfig::excludepkgs)},
        {"includepkgs", listSetter(&RepoConfig::includepkgs)},
        {"sslverify", boolSetter(&RepoConfig::sslverify)},
        {"sslcacert", stringSetter(&RepoConfig::sslcacert)},
        {"sslclientcert", stringSetter(&RepoConfig::sslclientcert)},
        {"sslclientkey", stringSetter(&RepoConfig::sslclientkey)},
        {"proxy", stringSetter(&RepoConfig::proxy)},
        {"proxy_username", stringSetter(&RepoConfig::proxy_username)},
        {"proxy_password", stringSetter(&RepoConfig::proxy_password)},
        {"retries", intSetter(&RepoConfig::retries, 0, 1000)},
        {"timeout", intSetter(&RepoConfig::timeout, 1, 86400)},
    };
    return table;
}

// Keys of dnf's .repo format that mpm reads without effect.
bool isIgnoredRepoKey(const std::string& key) {
    static const std::unordered_set<std::string> keys = {"type",
                                                         "countme",
                                                         "enabled_metadata",
                                                         "deltarpm",
                                                         "fastestmirror",
                                                         "failovermethod",
                                                         "mediaid",
                                                         "minrate",
                                                         "throttle",
                                                         "bandwidth",
                                                         "ip_resolve",
                                                         "username",
                                                         "password",
                                                         "metadata_timer_sync",
                                                         "deltarpm_percentage",
                                                         "async",
                                                         "max_parallel_downloads"};
    return keys.count(key) > 0;
}

}  // namespace

bool RepoConfig::set(const std::string& key, const std::string& value) {
    auto it = setters().find(key);
    if (it == setters().end()) return isIgnoredRepoKey(key);
    it->second(*this, value);
    return true;
}

bool RepoConfig::isKnownKey(const std::string& key) {
    return setters().count(key) || isIgnoredRepoKey(key);
}

}  // namespace mpm::repodata
