#include "libmodule/module/Platform.hpp"

#include <fstream>

#include "common/Error.hpp"
#include "common/Strings.hpp"

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

}  // namespace

Platform Platform::detect(const repodata::Config& config) {
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
        const std::string path = config.rootPath(file);
        const std::string id = platformIdIn(path);
        if (id.empty()) continue;
        if (split(id, p)) {
            p.source = path;
            return p;
        }
    }
    return p;
}

}  // namespace mpm::module
