// repomd.xml: the index of a repository's metadata files, parsed by libsolv's repomdxml reader.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mpm::repodata {

struct RepomdRecord {
    std::string type;  // primary, filelists, other, modules, updateinfo, ...
    std::string location;
    std::string checksumType;
    std::string checksum;
    int64_t size = -1;
};

struct Repomd {
    int64_t timestamp = 0;
    std::vector<RepomdRecord> records;

    const RepomdRecord* find(const std::string& type) const;
    // Throws std::runtime_error with libsolv's reason when the file is not valid repomd.xml.
    static Repomd parseFile(const std::string& path);
};

}  // namespace mpm::repodata
