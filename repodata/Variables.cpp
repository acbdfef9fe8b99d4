#include "repodata/Variables.hpp"

#include <sys/utsname.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

#include "common/Strings.hpp"

namespace mpm::repodata {

const std::string* Variables::get(const std::string& name) const {
    auto it = vars_.find(name);
    if (it != vars_.end()) return &it->second;
    auto lazy = lazy_.find(name);
    if (lazy == lazy_.end()) return nullptr;
    const std::string value = lazy->second();
    lazy_.erase(lazy);
    if (value.empty()) return nullptr;
    return &(vars_[name] = value);
}

void Variables::loadDir(const std::string& dir) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream f(entry.path());
        std::string value;
        std::getline(f, value);
        vars_[entry.path().filename().string()] = trim(value);
    }
}

std::string Variables::substitute(const std::string& text) const {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        if (text[i] != '$') {
            out += text[i++];
            continue;
        }
        size_t start = i + 1;
        bool braced = start < text.size() && text[start] == '{';
        size_t nameStart = braced ? start + 1 : start;
        size_t j = nameStart;
        while (j < text.size() &&
               (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_'))
            ++j;
        std::string name = text.substr(nameStart, j - nameStart);
        size_t end = j;
        if (braced) {
            if (j >= text.size() || text[j] != '}') {
                out += text[i++];
                continue;
            }
            end = j + 1;
        }
        const std::string* value = name.empty() ? nullptr : get(name);
        if (value) {
            out += *value;
            i = end;
        } else {
            out += text[i++];
        }
    }
    return out;
}

std::string Variables::hostArch() {
    struct utsname u {};
    uname(&u);
    std::string m = u.machine;
    if (m == "armv7l") return "armv7hl";
    return m;
}

bool Variables::isKnownArch(const std::string& arch) {
    static const std::set<std::string> known = {
        "x86_64",   "i686",    "i586",  "i486",  "i386",    "aarch64", "armv7hl",
        "armv7hnl", "ppc64le", "ppc64", "s390x", "riscv64", "noarch"};
    return known.count(arch) > 0;
}

bool Variables::canRun(const std::string& arch) {
    const std::string host = hostArch();
    if (arch == host || arch == "noarch") return true;
    if (host == "x86_64" && (arch == "i686" || arch == "i586" || arch == "i486" || arch == "i386"))
        return true;
    std::ifstream handler("/proc/sys/fs/binfmt_misc/qemu-" + arch);
    std::string state;
    return handler && std::getline(handler, state) && state == "enabled";
}

std::string Variables::baseArchOf(const std::string& arch) {
    if (arch == "i386" || arch == "i486" || arch == "i586" || arch == "i686" || arch == "athlon")
        return "i386";
    if (arch == "armv7hl" || arch == "armv7hnl") return "armhfp";
    if (arch == "amd64") return "x86_64";
    return arch;
}

}  // namespace mpm::repodata
