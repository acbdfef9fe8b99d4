#include "repodata/IniFile.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/Error.hpp"
#include "common/Strings.hpp"

namespace mpm::repodata {

IniFile IniFile::parse(const std::string& text, const std::string& path) {
    IniFile ini;
    ini.path = path;
    // (a byte order mark some editors write)
    std::istringstream in(text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text);
    std::string raw;
    int lineNo = 0;
    IniEntry* last = nullptr;
    while (std::getline(in, raw)) {
        ++lineNo;
        if (!raw.empty() && raw.back() == '\r') raw.pop_back();
        const std::string line = trim(raw);
        if (line.empty()) {
            last = nullptr;
            continue;
        }
        if (line[0] == '#' || line[0] == ';') continue;
        // Continuation of the previous value (baseurl lists are often written this way).
        if (last && (raw[0] == ' ' || raw[0] == '\t')) {
            last->value += "\n" + line;
            continue;
        }
        if (line[0] == '[') {
            // "[name]", a comment after it allowed ("[base] # the OS")
            const size_t close = line.find(']');
            const std::string after =
                close == std::string::npos ? "" : trim(line.substr(close + 1));
            if (close == std::string::npos || close < 2 ||
                !(after.empty() || after[0] == '#' || after[0] == ';'))
                throw ConfigError(path, lineNo,
                                  "section header '" + line + "' is not of the form [name]");
            ini.sections.push_back({trim(line.substr(1, close - 1)), lineNo, {}});
            last = nullptr;
            continue;
        }
        size_t eq = line.find_first_of("=:");
        if (eq == std::string::npos)
            throw ConfigError(path, lineNo, "'" + line + "' is neither a [section] nor key=value");
        if (ini.sections.empty())
            throw ConfigError(path, lineNo, "'" + line + "' comes before any [section]");
        std::string key = trim(line.substr(0, eq));
        if (key.empty()) throw ConfigError(path, lineNo, "'" + line + "' has no key before '='");
        ini.sections.back().entries.push_back({key, trim(line.substr(eq + 1)), lineNo});
        last = &ini.sections.back().entries.back();
    }
    return ini;
}

IniFile IniFile::load(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw ConfigError(path, 0, std::string("cannot read: ") + std::strerror(errno));
    std::stringstream ss;
    ss << f.rdbuf();
    return parse(ss.str(), path);
}

}  // namespace mpm::repodata
