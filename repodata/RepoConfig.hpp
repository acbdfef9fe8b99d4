// One repository as a .repo section (or --repofrompath) describes it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "repodata/RepoOptions.hpp"

namespace mpm::repodata {

struct RepoConfig : RepoOptions, FilterOptions {
    std::string id;
    std::string name;
    std::vector<std::string> baseurl;
    std::string mirrorlist;
    std::string metalink;
    bool enabled = true;
    std::vector<std::string> gpgkey;
    int priority = 99;
    int cost = 1000;
    bool module_hotfixes = false;
    std::string source;  // file the section came from, or "--repofrompath"
    int sourceLine = 0;  // the line of its section there

    // Sets one key as found in a .repo file or --setopt REPOID.KEY. Returns false for keys
    // mpm does not know; throws std::invalid_argument for a bad value.
    bool set(const std::string& key, const std::string& value);
    static bool isKnownKey(const std::string& key);
};

}  // namespace mpm::repodata
