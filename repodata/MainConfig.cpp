#include "repodata/MainConfig.hpp"

#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "repodata/OptionValue.hpp"

namespace mpm::repodata {

namespace {

using Setter = std::function<void(MainConfig&, const std::string&)>;

template <typename T>
Setter boolOpt(T MainConfig::*field) {
    return [field](MainConfig& c, const std::string& v) { c.*field = parseBoolOption(v); };
}
Setter intOpt(int MainConfig::*field, int64_t min, int64_t max) {
    return [=](MainConfig& c, const std::string& v) {
        c.*field = static_cast<int>(parseIntOption(v, min, max));
    };
}
Setter strOpt(std::string MainConfig::*field) {
    return [field](MainConfig& c, const std::string& v) { c.*field = v; };
}
Setter listOpt(std::vector<std::string> MainConfig::*field) {
    return [field](MainConfig& c, const std::string& v) { c.*field = parseListOption(v); };
}

const std::unordered_map<std::string, Setter>& setters() {
    static const std::unordered_map<std::string, Setter> table = {
        {"reposdir", listOpt(&MainConfig::reposdir)},
        {"cachedir", strOpt(&MainConfig::cachedir)},
        {"persistdir", strOpt(&MainConfig::persistdir)},
        {"varsdir", listOpt(&MainConfig::varsdir)},
        {"keepcache", boolOpt(&MainConfig::keepcache)},
        {"metadata_expire",
         [](MainConfig& c, const std::string& v) { c.metadata_expire = parseDurationOption(v); }},
        {"max_parallel_downloads", intOpt(&MainConfig::max_parallel_downloads, 1, 20)},
        {"installonly_limit", intOpt(&MainConfig::installonly_limit, 0, 1000)},
        {"installonlypkgs", listOpt(&MainConfig::installonlypkgs)},
        {"install_weak_deps", boolOpt(&MainConfig::install_weak_deps)},
        {"module_platform_id", strOpt(&MainConfig::module_platform_id)},
        {"module_stream_switch", boolOpt(&MainConfig::module_stream_switch)},
        {"module_obsoletes", boolOpt(&MainConfig::module_obsoletes)},
        {"gpgcheck", boolOpt(&MainConfig::gpgcheck)},
        {"repo_gpgcheck", boolOpt(&MainConfig::repo_gpgcheck)},
        {"best", boolOpt(&MainConfig::best)},
        {"skip_if_unavailable", boolOpt(&MainConfig::skip_if_unavailable)},
        {"clean_requirements_on_remove", boolOpt(&MainConfig::clean_requirements_on_remove)},
        {"excludepkgs", listOpt(&MainConfig::excludepkgs)},
        {"exclude", listOpt(&MainConfig::excludepkgs)},
        {"includepkgs", listOpt(&MainConfig::includepkgs)},
        {"tsflags", listOpt(&MainConfig::tsflags)},
        {"retries", intOpt(&MainConfig::retries, 0, 1000)},
        {"timeout", intOpt(&MainConfig::timeout, 1, 86400)},
        {"sslverify", boolOpt(&MainConfig::sslverify)},
        {"sslcacert", strOpt(&MainConfig::sslcacert)},
        {"sslclientcert", strOpt(&MainConfig::sslclientcert)},
        {"sslclientkey", strOpt(&MainConfig::sslclientkey)},
        {"proxy", strOpt(&MainConfig::proxy)},
        {"proxy_username", strOpt(&MainConfig::proxy_username)},
        {"proxy_password", strOpt(&MainConfig::proxy_password)},
        {"assumeyes", boolOpt(&MainConfig::assumeyes)},
        {"defaultyes", boolOpt(&MainConfig::defaultyes)},
        {"releasever", strOpt(&MainConfig::releasever)},
        {"debuglevel", intOpt(&MainConfig::debuglevel, 0, 10)},
    };
    return table;
}

}  // namespace

bool MainConfig::set(const std::string& key, const std::string& value) {
    auto it = setters().find(key);
    if (it == setters().end()) return isIgnoredDnfKey(key);
    it->second(*this, value);
    return true;
}

bool MainConfig::isKnownKey(const std::string& key) {
    return setters().count(key) || isIgnoredDnfKey(key);
}

bool MainConfig::isIgnoredDnfKey(const std::string& key) {
    static const std::unordered_set<std::string> keys = {"fastestmirror",
                                                         "deltarpm",
                                                         "deltarpm_percentage",
                                                         "color",
                                                         "logdir",
                                                         "log_size",
                                                         "log_rotate",
                                                         "errorlevel",
                                                         "installroot",
                                                         "plugins",
                                                         "pluginpath",
                                                         "pluginconfpath",
                                                         "countme",
                                                         "zchunk",
                                                         "multilib_policy",
                                                         "protected_packages",
                                                         "history_record",
                                                         "minrate",
                                                         "throttle",
                                                         "bandwidth",
                                                         "ip_resolve",
                                                         "username",
                                                         "password",
                                                         "localpkg_gpgcheck",
                                                         "obsoletes",
                                                         "upgrade_group_objects_upgrade",
                                                         "group_package_types",
                                                         "keepalive",
                                                         "cacheonly",
                                                         "check_config_file_age",
                                                         "exit_on_lock",
                                                         "allow_vendor_change"};
    return keys.count(key) > 0;
}

}  // namespace mpm::repodata
