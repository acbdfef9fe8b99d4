#include "libmodule/NevraMatcher.hpp"

#include "common/Strings.hpp"

namespace mpm {

NevraMatcher::NevraMatcher(std::vector<std::string> specs) {
    for (auto& s : specs) specs_.push_back({s, hasGlob(s)});
}

bool NevraMatcher::matches(const Package& pkg) const {
    if (specs_.empty()) return true;
    const std::string name = pkg.name();
    const std::string arch = pkg.arch();
    const std::string v = pkg.version(), r = pkg.release(), e = pkg.epoch();
    for (const auto& spec : specs_) {
        // Cheap rejection: every form starts with the name (or epoch for one form).
        if (!spec.glob && !spec.text.starts_with(name) && !spec.text.starts_with(e + ":")) continue;
        const std::string forms[] = {
            name,
            name + "." + arch,
            name + "-" + v,
            name + "-" + v + "-" + r,
            name + "-" + v + "-" + r + "." + arch,
            name + "-" + e + ":" + v + "-" + r,
            name + "-" + e + ":" + v + "-" + r + "." + arch,
            e + ":" + name + "-" + v + "-" + r + "." + arch,
        };
        for (const auto& form : forms) {
            if (spec.glob ? globMatch(spec.text, form) : spec.text == form) return true;
        }
    }
    return false;
}

}  // namespace mpm
