#include "libmodule/rpm/RootMacros.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

#include "common/Strings.hpp"

namespace fs = std::filesystem;

namespace mpm::rpm {

namespace {

// The macro definitions of a root's rpm configuration: "%name value" lines, later files win.
std::map<std::string, std::string> rootMacros(const fs::path& root) {
    // rpm's %_macrofiles order: etc/rpm/macros after etc/rpm/macros.*, so it wins
    std::vector<fs::path> files = {root / "usr/lib/rpm/macros"};
    std::error_code ec;
    for (const char* dir : {"usr/lib/rpm/macros.d", "etc/rpm"}) {
        std::vector<fs::path> found;
        for (const auto& e : fs::directory_iterator(root / dir, ec))
            if (e.path().filename().string().starts_with("macros.")) found.push_back(e.path());
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    files.push_back(root / "etc/rpm/macros");
    std::map<std::string, std::string> out;
    for (const auto& f : files) {
        std::ifstream in(f);
        std::string line;
        while (std::getline(in, line)) {
            const std::string t = trim(line);
            if (t.size() < 2 || t[0] != '%' || t[1] == '{') continue;
            const size_t end = t.find_first_of(" \t");
            if (end == std::string::npos) continue;
            std::string name = t.substr(1, end - 1);
            if (name.find('(') != std::string::npos) name = name.substr(0, name.find('('));
            out[name] = trim(t.substr(end));
        }
    }
    return out;
}

// Expands %name and %{name} from `macros` (and the usual directory macros); empty when
// something is left that a text expansion cannot answer (a shell call, a condition).
std::string expand(std::string value, const std::map<std::string, std::string>& macros) {
    static const std::map<std::string, std::string> builtin = {
        {"_usr", "/usr"},           {"_var", "/var"},         {"_prefix", "/usr"},
        {"_localstatedir", "/var"}, {"_exec_prefix", "/usr"}, {"_sharedstatedir", "/var/lib"}};
    for (int depth = 0; depth < 16 && value.find('%') != std::string::npos; ++depth) {
        const size_t at = value.find('%');
        const bool braced = at + 1 < value.size() && value[at + 1] == '{';
        const size_t start = at + (braced ? 2 : 1);
        size_t end = start;
        while (end < value.size() &&
               (std::isalnum(static_cast<unsigned char>(value[end])) || value[end] == '_'))
            ++end;
        if (end == start || (braced && (end >= value.size() || value[end] != '}'))) return {};
        const std::string name = value.substr(start, end - start);
        auto it = macros.find(name);
        std::string replacement;
        if (it != macros.end())
            replacement = it->second;
        else if (auto b = builtin.find(name); b != builtin.end())
            replacement = b->second;
        else
            return {};
        value = value.substr(0, at) + replacement + value.substr(end + (braced ? 1 : 0));
    }
    return value.find('%') == std::string::npos ? value : std::string();
}

}  // namespace

RootMacros::RootMacros(const std::string& installroot)
    : macros_(rootMacros(installroot.empty() ? "/" : installroot)) {}

std::string RootMacros::get(const std::string& name) const {
    auto it = macros_.find(name);
    return it == macros_.end() ? std::string() : expand(it->second, macros_);
}

}  // namespace mpm::rpm
