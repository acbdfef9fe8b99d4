#include "libmodule/module/Platform.hpp"

#include <cstring>
#include <fstream>
#include <map>
#include <set>

#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "libmodule/base/Sack.hpp"

namespace mpm::module {

namespace {

bool split(const std::string& id, Platform& out) {
    const size_t colon = id.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == id.size() ||
        id.find(':', colon + 1) != std::string::npos)
        return false;
    out.name = id.substr(0, colon);
    out.stream = id.substr(colon + 1);
    return true;
}

// PLATFORM_ID="platform:el8" (quotes optional), or empty.
std::string platformIdIn(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        line = trim(line);
        if (!line.starts_with("PLATFORM_ID=")) continue;
        std::string v = trim(line.substr(12));
        if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
            v = v.substr(1, v.size() - 2);
        return v;
    }
    return {};
}

constexpr const char kBaseModule[] = "base-module(";

// The packages of `repos` providing base-module(NAME:STREAM): platform id -> the first package
// seen ("fixture-release-8-1.noarch in 'baseos'"). Reads the string pool first, so a pool
// without such a provide costs one pass over its strings.
std::map<std::string, std::string> baseModuleProviders(::Pool* pool,
                                                       const std::vector<::Repo*>& repos) {
    std::map<std::string, std::string> out;
    std::map<Id, std::string> wanted;  // string id of base-module(X) -> X
    const size_t prefix = std::strlen(kBaseModule);
    for (Id id = 1; id < static_cast<Id>(pool->ss.nstrings); ++id) {
        const char* str = pool_id2str(pool, id);
        const size_t len = std::strlen(str);
        if (len > prefix + 1 && std::strncmp(str, kBaseModule, prefix) == 0 && str[len - 1] == ')')
            wanted.emplace(id, std::string(str + prefix, len - prefix - 1));
    }
    if (wanted.empty()) return out;
    for (::Repo* repo : repos) {
        Id p;
        ::Solvable* s;
        FOR_REPO_SOLVABLES(repo, p, s) {
            if (!s->provides) continue;
            for (const Id* dep = repo->idarraydata + s->provides; *dep; ++dep) {
                const Id name = ISRELDEP(*dep) ? GETRELDEP(pool, *dep)->name : *dep;
                const auto it = wanted.find(name);
                if (it == wanted.end()) continue;
                out.emplace(it->second, std::string(pool_solvable2str(pool, s)) + " in '" +
                                            (repo == pool->installed ? std::string("@System")
                                                                     : std::string(repo->name)) +
                                            "'");
            }
        }
    }
    return out;
}

// One level of the search: its single platform, or none (with why) when it names none or
// several.
bool fromProviders(const std::map<std::string, std::string>& found, const std::string& what,
                   Platform& p) {
    if (found.empty()) return false;
    if (found.size() == 1 && split(found.begin()->first, p)) {
        p.source = found.begin()->second;
        return true;
    }
    std::vector<std::string> names;
    for (const auto& [id, pkg] : found) names.push_back(id + " (" + pkg + ")");
    p.unknownWhy = what + " are for several platforms: " + join(names, ", ");
    return true;  // a decision: the next level is not asked
}

}  // namespace

std::string Platform::unknownWarning() const {
    return "the platform is unknown (" + unknownWhy +
           "): module streams built for a platform are not used; name it with "
           "--setopt=module_platform_id=platform:STREAM or module_platform_id in mpm.conf";
}

Platform Platform::configured(const repodata::Config& config, std::string* invalid) {
    Platform p;
    const std::string& configured = config.main.module_platform_id;
    if (!configured.empty()) {
        if (!split(configured, p))
            throw Error("module_platform_id '" + configured +
                        "' is not of the form NAME:STREAM (e.g. platform:el8)");
        p.source = "module_platform_id";
        return p;
    }
    for (const char* file : {"/etc/os-release", "/usr/lib/os-release"}) {
        const std::string path = config.rootFile(file);  // links followed inside the root
        const std::string id = platformIdIn(path);
        if (id.empty()) continue;
        if (split(id, p)) {
            p.source = path;
            return p;
        }
        if (invalid && invalid->empty())
            *invalid = "PLATFORM_ID '" + id + "' in " + path + " is not NAME:STREAM";
    }
    return p;
}

Platform Platform::detect(const repodata::Config& config, const base::Sack& sack) {
    std::string invalid;
    Platform p = configured(config, &invalid);
    if (p.known()) return p;
    ::Pool* pool = sack.raw();
    if (pool->installed &&
        fromProviders(baseModuleProviders(pool, {pool->installed}), "the installed packages", p))
        return p;
    std::vector<::Repo*> available;
    for (const auto& repo : sack.repos()) available.push_back(repo.repo);
    if (fromProviders(baseModuleProviders(pool, available), "the enabled repositories", p))
        return p;
    p.unknownWhy =
        "no module_platform_id, " +
        (invalid.empty() ? "no PLATFORM_ID in " + config.rootPath("/etc/os-release") : invalid) +
        ", no package providing base-module(platform:...) installed or in the enabled "
        "repositories";
    return p;
}

}  // namespace mpm::module
