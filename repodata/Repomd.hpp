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
    // The same, through a .solv cache stamped with `stamp` (the file's digest): read when it
    // carries exactly that stamp, else made. Warm runs then need no XML reader (libsolvext,
    // which maps librpm and its libraries into the process).
    static Repomd load(const std::string& path, const std::string& cache, const std::string& stamp);
};

}  // namespace mpm::repodata
