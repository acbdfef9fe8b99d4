#include "repodata/MainConfig.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "common/Strings.hpp"
#include "repodata/OptionValue.hpp"

namespace mpm::repodata {

namespace {

using Setter = OptionSetter<MainConfig>;

std::unordered_map<std::string, Setter> makeSetters() {
    std::unordered_map<std::string, Setter> table = {
        {"reposdir", listSetter(&MainConfig::reposdir)},
        {"cachedir", stringSetter(&MainConfig::cachedir)},
        {"persistdir", stringSetter(&MainConfig::persistdir)},
        {"rpmdb_path", stringSetter(&MainConfig::rpmdb_path)},
        {"varsdir", listSetter(&MainConfig::varsdir)},
        {"keepcache", boolSetter(&MainConfig::keepcache)},
        {"max_parallel_downloads", intSetter(&MainConfig::max_parallel_downloads, 1, 20)},
        {"installonly_limit", intSetter(&MainConfig::installonly_limit, 0, 1000)},
        {"installonlypkgs", listSetter(&MainConfig::installonlypkgs)},
        {"install_weak_deps", boolSetter(&MainConfig::install_weak_deps)},
        {"module_platform_id",
         [](MainConfig& c, const std::string& v) {
             const size_t colon = v.find(':');
             if (!v.empty() && (colon == std::string::npos || colon == 0 || colon + 1 == v.size() ||
                                v.find(':', colon + 1) != std::string::npos))
                 throw std::invalid_argument(
                     "'" + v + "' is not of the form NAME:STREAM (e.g. platform:el8)");
             c.module_platform_id = v;
         }},
        {"module_stream_switch", boolSetter(&MainConfig::module_stream_switch)},
        {"module_obsoletes", boolSetter(&MainConfig::module_obsoletes)},
        {"localpkg_gpgcheck", boolSetter(&MainConfig::localpkg_gpgcheck)},
        {"best", boolSetter(&MainConfig::best)},
        {"clean_requirements_on_remove", boolSetter(&MainConfig::clean_requirements_on_remove)},
        // The flags mpm honours (nodocs, noscripts, notriggers, nocaps) and the one that asks for
        // what it does anyway (it sets no SELinux contexts); any other would make dnf do
        // something else (test: change nothing), so it is refused, not ignored.
        {"tsflags",
         [](MainConfig& c, const std::string& v) {
             static const std::vector<std::string> taken = {"nodocs", "noscripts", "notriggers",
                                                            "nocontexts", "nocaps"};
             std::vector<std::string> flags = parseListOption(v);
             for (const auto& f : flags) {
                 if (f == "test")
                     throw std::invalid_argument(
                         "'test' is not a flag mpm takes: --assumeno shows the plan and changes "
                         "nothing");
                 if (std::find(taken.begin(), taken.end(), f) == taken.end())
                     throw std::invalid_argument("'" + f + "' is not a flag mpm takes (" +
                                                 join(taken, ", ") + ")");
             }
             c.tsflags = std::move(flags);
         }},
        {"assumeyes", boolSetter(&MainConfig::assumeyes)},
        {"defaultyes", boolSetter(&MainConfig::defaultyes)},
        {"releasever", stringSetter(&MainConfig::releasever)},
        {"debuglevel", intSetter(&MainConfig::debuglevel, 0, 10)},
        {"lock_wait", intSetter(&MainConfig::lock_wait, -1, 86400)},
        {"strict", boolSetter(&MainConfig::strict)},
        {"cacheonly", boolSetter(&MainConfig::cacheonly)},
        // dnf's "fail at once when another holds the lock": lock_wait=0.
        {"exit_on_lock",
         [](MainConfig& c, const std::string& v) {
             if (parseBoolOption(v)) c.lock_wait = 0;
         }},
        {"recent", intSetter(&MainConfig::recent, 0, 36500)},
        {"group_package_types",
         [](MainConfig& c, const std::string& v) {
             std::vector<std::string> types = parseListOption(v);
             for (const auto& t : types)
                 if (t != "mandatory" && t != "default" && t != "optional" && t != "conditional")
                     throw std::invalid_argument(
                         "'" + t +
                         "' is no comps package type (mandatory, default, optional, conditional)");
             c.group_package_types = std::move(types);
         }},
        // dnf's other name for strict=0.
        {"skip_broken",
         [](MainConfig& c, const std::string& v) { c.strict = !parseBoolOption(v); }},
    };
    addSharedSetters(table);
    return table;
}

const std::unordered_map<std::string, Setter>& setters() {
    static const std::unordered_map<std::string, Setter> table = makeSetters();
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
    static const std::unordered_set<std::string> keys = {
        "fastestmirror", "deltarpm", "deltarpm_percentage", "color", "logdir", "log_size",
        "log_rotate", "errorlevel", "installroot", "plugins", "pluginpath", "pluginconfpath",
        "countme", "zchunk", "multilib_policy", "protected_packages", "history_record", "throttle",
        "bandwidth", "ip_resolve", "obsoletes", "upgrade_group_objects_upgrade", "keepalive",
        "check_config_file_age", "allow_vendor_change",
        // what mock, mkosi and kickstarts set
        "protect_running_kernel", "diskspacecheck", "rpmverbosity", "logfile", "logfilelevel",
        "debug_solver", "optional_metadata_types", "user_agent", "metadata_timer_sync"};
    return keys.count(key) > 0;
}

std::string MainConfig::ignoredDifference(const std::string& key, const std::string& value) {
    auto off = [&] {
        try {
            return !parseBoolOption(value);
        } catch (const std::invalid_argument&) {
            return false;
        }
    };
    if (key == "obsoletes" && off())
        return "mpm always follows obsoletes (dnf's obsoletes=0 is not there)";
    if (key == "protected_packages" && !value.empty())
        return "mpm protects no package from removal: it removes what is named (a plan shows it "
               "first)";
    if (key == "multilib_policy" && value != "best")
        return "mpm installs the best architecture only (multilib_policy=best)";
    if (key == "history_record" && off()) return "mpm records every transaction in its history";
    if (key == "installroot" && value != "/")
        return "mpm takes the root from --installroot only, never from a configuration file";
    return {};
}

}  // namespace mpm::repodata
