// The INI dialect of dnf's mpm.conf and .repo files: [sections], key=value, '#'/';' comments,
// continuation lines starting with whitespace (as Python's configparser, which dnf uses).
#pragma once

#include <string>
#include <vector>

namespace mpm::repodata {

struct IniEntry {
    std::string key;
    std::string value;
    int line = 0;
};

struct IniSection {
    std::string name;
    int line = 0;
    std::vector<IniEntry> entries;
};

struct IniFile {
    std::string path;
    std::vector<IniSection> sections;

    // Throws ConfigError naming path:line on a syntax error.
    static IniFile parse(const std::string& text, const std::string& path);
    // A missing file throws ConfigError as well; callers decide whether that matters.
    static IniFile load(const std::string& path);
};

}  // namespace mpm::repodata
