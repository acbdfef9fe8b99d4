#include "libmodule/advisory/Advisory.hpp"

#include <algorithm>

namespace mpm::advisory {

AdvisoryType advisoryTypeOf(const std::string& word) {
    if (word == "security") return AdvisoryType::Security;
    if (word == "bugfix") return AdvisoryType::Bugfix;
    if (word == "enhancement") return AdvisoryType::Enhancement;
    if (word == "newpackage") return AdvisoryType::NewPackage;
    return AdvisoryType::Unknown;
}

const char* advisoryTypeWord(AdvisoryType type) {
    switch (type) {
        case AdvisoryType::Security:
            return "security";
        case AdvisoryType::Bugfix:
            return "bugfix";
        case AdvisoryType::Enhancement:
            return "enhancement";
        case AdvisoryType::NewPackage:
            return "newpackage";
        case AdvisoryType::Unknown:
            break;
    }
    return "unknown";
}

bool Advisory::hasReference(const std::string& type) const {
    return std::ranges::any_of(references,
                               [&](const AdvisoryReference& r) { return r.type == type; });
}

}  // namespace mpm::advisory
