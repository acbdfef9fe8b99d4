#include "libmodule/advisory/AdvisoryFilter.hpp"

#include <algorithm>

#include "common/Strings.hpp"

namespace mpm::advisory {

namespace {

bool refersTo(const Advisory& a, const std::string& type, const std::vector<std::string>& ids) {
    return std::ranges::any_of(a.references, [&](const AdvisoryReference& r) {
        return r.type == type && std::ranges::find(ids, r.id) != ids.end();
    });
}

}  // namespace

bool AdvisoryFilter::empty() const {
    return types.empty() && ids.empty() && cves.empty() && bugs.empty() && severities.empty() &&
           !withCve && !withBug;
}

bool AdvisoryFilter::matches(const Advisory& a) const {
    if (empty()) return true;
    if (types.count(a.type)) return true;
    if (std::ranges::any_of(ids, [&](const std::string& glob) { return globMatch(glob, a.id); }))
        return true;
    if (!a.severity.empty() && std::ranges::find(severities, a.severity) != severities.end())
        return true;
    if (refersTo(a, "cve", cves) || refersTo(a, "bugzilla", bugs)) return true;
    return (withCve && a.hasReference("cve")) || (withBug && a.hasReference("bugzilla"));
}

std::string AdvisoryFilter::describe() const {
    std::vector<std::string> parts;
    for (AdvisoryType t : types) parts.push_back(advisoryTypeWord(t));
    if (!severities.empty()) parts.push_back(join(severities, ", ") + " severity");
    std::string out = parts.empty() ? "" : join(parts, ", ") + " ";
    out += "advisories";
    if (!ids.empty()) out += " " + join(ids, ", ");
    if (!cves.empty()) out += " for " + join(cves, ", ");
    if (!bugs.empty()) out += (cves.empty() ? " for bug " : ", bug ") + join(bugs, ", ");
    return out;
}

}  // namespace mpm::advisory
