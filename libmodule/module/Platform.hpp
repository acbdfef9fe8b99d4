// The platform pseudo-module (platform:el8): what module dependencies on `platform` resolve
// against. From module_platform_id (config, --setopt), else PLATFORM_ID in the installroot's
// etc/os-release, else usr/lib/os-release.
#pragma once

#include <string>

#include "repodata/Config.hpp"

namespace mpm::module {

struct Platform {
    std::string name, stream;  // both empty when unknown
    std::string source;        // where it came from, for messages
    bool known() const { return !name.empty(); }
    std::string id() const { return name + ":" + stream; }

    // Throws Error when module_platform_id is not NAME:STREAM.
    static Platform detect(const repodata::Config& config);
};

}  // namespace mpm::module
