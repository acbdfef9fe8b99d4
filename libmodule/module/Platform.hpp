// The platform pseudo-module (platform:el8): what module dependencies on `platform` resolve
// against. Looked for in this order (libdnf's and dnf5's sources): module_platform_id (config,
// --setopt); PLATFORM_ID in the installroot's etc/os-release, else usr/lib/os-release; the
// installed packages providing base-module(platform:X) (the release package); the enabled
// repositories' packages providing it (an empty root: the release package about to be
// installed). Never guessed: when nothing says, or two sources at one level disagree, the
// platform is unknown and `unknownWhy` says what was looked at.
#pragma once

#include <string>

#include "repodata/Config.hpp"

namespace mpm::base {
class Sack;
}

namespace mpm::module {

struct Platform {
    std::string name, stream;  // both empty when unknown
    std::string source;        // where it came from, for messages
    std::string unknownWhy;    // when unknown: what mpm looked at, or which sources disagree

    bool known() const { return !name.empty(); }
    std::string id() const { return name + ":" + stream; }
    // One sentence for an unknown platform: what mpm assumes and how to set it.
    std::string unknownWarning() const;

    // Throws Error when module_platform_id is not NAME:STREAM. `sack`: the loaded packages
    // (installed and available) whose provides are read when config and os-release say nothing.
    static Platform detect(const repodata::Config& config, const base::Sack& sack);
    // What module_platform_id or os-release say, without looking at packages: unknown when
    // neither does (then detect() asks the packages). `invalid`: a PLATFORM_ID that is not
    // NAME:STREAM, for the report.
    static Platform configured(const repodata::Config& config, std::string* invalid = nullptr);
};

}  // namespace mpm::module
