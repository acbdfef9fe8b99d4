// An advisory (erratum) as a repository's updateinfo describes it: which packages, at which
// versions, fix what (security issues, bugs), for dnf's updateinfo and upgrade --security.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mpm::advisory {

enum class AdvisoryType { Security, Bugfix, Enhancement, NewPackage, Unknown };

// updateinfo's type attribute ("security", ...) as an AdvisoryType; Unknown for any other.
AdvisoryType advisoryTypeOf(const std::string& word);
// The word dnf prints for it: "security", "bugfix", "enhancement", "newpackage", "unknown".
const char* advisoryTypeWord(AdvisoryType type);

struct AdvisoryPackage {
    std::string name, evr, arch, filename;
    std::string nevra() const { return name + "-" + evr + "." + arch; }
};

struct AdvisoryReference {
    std::string type;  // "bugzilla", "cve", "self", ...
    std::string id, title, href;
};

// A collection: packages that fix the issue together, for the streams it names (none: plain
// packages). A collection for streams applies only while one of them is in use, as libdnf.
struct AdvisoryCollection {
    std::vector<std::pair<std::string, std::string>> streams;  // (module, stream)
    std::vector<AdvisoryPackage> packages;
};

struct Advisory {
    std::string id, title, description, severity, rights, repoid;
    AdvisoryType type = AdvisoryType::Unknown;
    int64_t updated = 0;  // unix time (the later of issued and updated, as libsolv keeps it)
    bool rebootSuggested = false;
    std::vector<AdvisoryReference> references;
    std::vector<AdvisoryCollection> collections;

    bool hasReference(const std::string& type) const;
};

}  // namespace mpm::advisory
