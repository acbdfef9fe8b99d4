#include "repodata/RepoConfig.hpp"

#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "repodata/OptionValue.hpp"

namespace mpm::repodata {

namespace {

using Setter = std::function<void(RepoConfig&, const std::string&)>;

Setter boolOpt(bool RepoConfig::*field) {
    return [field](RepoConfig& c, const std::string& v) { c.*field = parseBoolOption(v); };
}
Setter intOpt(int RepoConfig::*field, int64_t min, int64_t max) {
    return [=](RepoConfig& c, const std::string& v) {
        c.*field = static_cast<int>(parseIntOption(v, min, max));
    };
}
Setter strOpt(std::string RepoConfig::*field) {
    return [field](RepoConfig& c, const std::string& v) { c.*field = v; };
}
Setter listOpt(std::vector<std::string> RepoConfig::*field) {
    return [field](RepoConfig& c, const std::string& v) { c.*field = parseListOption(v); };
}

const std::unordered_map<std::string, Setter>& setters() {
    static const std::unordered_map<std::string, Setter> table = {
        {"name", strOpt(&RepoConfig::name)},
        {"baseurl", listOpt(&RepoConfig::baseurl)},
        {"mirrorlist", strOpt(&RepoConfig::mirrorlist)},
        {"metalink", strOpt(&RepoConfig::metalink)},
        {"enabled", boolOpt(&RepoConfig::enabled)},
        {"gpgcheck", boolOpt(&RepoConfig::gpgcheck)},
        {"gpgkey", listOpt(&RepoConfig::gpgkey)},
        {"repo_gpgcheck", boolOpt(&RepoConfig::repo_gpgcheck)},
        {"priority", intOpt(&RepoConfig::priority, 1, 99999)},
        {"cost", intOpt(&RepoConfig::cost, 0, 1000000)},
        {"module_hotfixes", boolOpt(&RepoConfig::module_hotfixes)},
        {"metadata_expire",
         [](RepoConfig& c, const std::string& v) { c.metadata_expire = parseDurationOption(v); }},
        {"skip_if_unavailable", boolOpt(&RepoConfig::skip_if_unavailable)},
        {"excludepkgs", listOpt(&RepoConfig::excludepkgs)},
        {"exclude", listOpt(&RepoConfig::excludepkgs)},
        {"includepkgs", listOpt(&RepoConfig::includepkgs)},
        {"sslverify", boolOpt(&RepoConfig::sslverify)},
        {"sslcacert", strOpt(&RepoConfig::sslcacert)},
        {"sslclientcert", strOpt(&RepoConfig::sslclientcert)},
        {"sslclientkey", strOpt(&RepoConfig::sslclientkey)},
        {"proxy", strOpt(&RepoConfig::proxy)},
        {"proxy_username", strOpt(&RepoConfig::proxy_username)},
        {"proxy_password", strOpt(&RepoConfig::proxy_password)},
        {"retries", intOpt(&RepoConfig::retries, 0, 1000)},
        {"timeout", intOpt(&RepoConfig::timeout, 1, 86400)},
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
