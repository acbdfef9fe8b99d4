// Which advisories a user asks about: dnf's --security, --bugfix, --enhancement, --newpackage,
// --advisory, --cve, --bz, --sec-severity (and updateinfo's --with-cve, --with-bz). As in
// dnf, an advisory is wanted when it meets any of them; with none given, every one is.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "libmodule/advisory/Advisory.hpp"

namespace mpm::advisory {

struct AdvisoryFilter {
    std::set<AdvisoryType> types;
    std::vector<std::string> ids;  // globs, as dnf's updateinfo takes them
    std::vector<std::string> cves, bugs, severities;
    bool withCve = false, withBug = false;

    bool empty() const;
    bool matches(const Advisory& advisory) const;
    // "security advisories", "advisory FEDORA-1", ...: what a sentence about none found says.
    std::string describe() const;
};

}  // namespace mpm::advisory
