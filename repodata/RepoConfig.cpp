#include "repodata/RepoConfig.hpp"

#include <unordered_map>
#include <unordered_set>

#include "repodata/OptionValue.hpp"

namespace mpm::repodata {

namespace {

using Setter = OptionSetter<RepoConfig>;

// A bare absolute path is a local directory (or file), as librepo takes it: "/srv/repo" is
// file:///srv/repo.
std::string asUrl(const std::string& v) {
    return v.starts_with("/") ? "file://" + v : v;
}

Setter urlListSetter(std::vector<std::string> RepoConfig::*field) {
    return [field](RepoConfig& c, const std::string& v) {
        c.*field = parseListOption(v);
        for (auto& u : c.*field) u = asUrl(u);
    };
}

Setter urlSetter(std::string RepoConfig::*field) {
    return [field](RepoConfig& c, const std::string& v) { c.*field = asUrl(v); };
}

std::unordered_map<std::string, Setter> makeSetters() {
    std::unordered_map<std::string, Setter> table = {
        {"name", stringSetter(&RepoConfig::name)},
        {"baseurl", urlListSetter(&RepoConfig::baseurl)},
        {"mirrorlist", urlSetter(&RepoConfig::mirrorlist)},
        {"metalink", urlSetter(&RepoConfig::metalink)},
        {"enabled", boolSetter(&RepoConfig::enabled)},
        {"gpgkey", listSetter(&RepoConfig::gpgkey)},
        {"priority", intSetter(&RepoConfig::priority, 1, 99999)},
        {"cost", intSetter(&RepoConfig::cost, 0, 1000000)},
        {"module_hotfixes", boolSetter(&RepoConfig::module_hotfixes)},
    };
    addSharedSetters(table);
    return table;
}

const std::unordered_map<std::string, Setter>& setters() {
    static const std::unordered_map<std::string, Setter> table = makeSetters();
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
                                                         "throttle",
                                                         "bandwidth",
                                                         "ip_resolve",
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
