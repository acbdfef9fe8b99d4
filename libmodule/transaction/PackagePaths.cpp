#include "libmodule/transaction/PackagePaths.hpp"

#include <sys/stat.h>

#include <map>

namespace mpm::transaction {

namespace {

// Why `path` is not a plain absolute path, or "" when it is.
std::string unplain(const std::string& path) {
    if (path.empty() || path[0] != '/') return "is not absolute";
    size_t i = 1;
    while (i <= path.size()) {
        size_t j = path.find('/', i);
        if (j == std::string::npos) j = path.size();
        const std::string part = path.substr(i, j - i);
        if (part == "..") return "climbs out with '..'";
        if (part == ".") return "contains '.'";
        if (part.empty() && j != path.size()) return "contains an empty component";
        i = j + 1;
    }
    return "";
}

}  // namespace

void checkPackagePaths(const rpm::RpmHeader& header) {
    const std::string nevra = header.package.nevra();
    auto refuse = [&](const std::string& path, const std::string& why) {
        return UnsafePathError("package " + nevra + " is refused: its file '" + path + "' " + why +
                               "; nothing was written");
    };
    std::map<std::string, std::string> links;  // symlink path -> target
    for (const auto& f : header.package.files) {
        if (const std::string why = unplain(f.path); !why.empty()) throw refuse(f.path, why);
        if (S_ISLNK(f.mode)) links.emplace(f.path, f.linkto);
    }
    if (links.empty()) return;
    for (const auto& f : header.package.files)
        for (size_t slash = f.path.find('/', 1); slash != std::string::npos;
             slash = f.path.find('/', slash + 1))
            if (auto it = links.find(f.path.substr(0, slash)); it != links.end())
                throw refuse(f.path, "would be written through the package's own symlink " +
                                         it->first + " -> " + it->second);
}

}  // namespace mpm::transaction
