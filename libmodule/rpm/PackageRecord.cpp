#include "libmodule/rpm/PackageRecord.hpp"

namespace mpm::rpm {

std::string PackageRecord::evr() const {
    return (epoch ? std::to_string(epoch) + ":" : "") + version + "-" + release;
}

std::string PackageRecord::nevra() const {
    return name + "-" + evr() + "." + arch;
}

const Scriptlet* PackageRecord::scriptlet(ScriptletKind kind) const {
    for (const auto& s : scriptlets)
        if (s.kind == kind) return &s;
    return nullptr;
}

}  // namespace mpm::rpm
