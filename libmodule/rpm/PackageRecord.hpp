// What an RPM header says about a package, as mpm keeps it: identity, descriptive tags, the
// dependencies, the file table and the scriptlets. Read from RPM files (RpmHeader) and stored
// for installed packages (db::InstalledPackage adds what the installation itself decided).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "libmodule/rpm/Scriptlet.hpp"

namespace mpm::rpm {

// rpm's file flags (RPMFILE_*), spelled out for code that decides about them.
namespace fileflag {
constexpr uint32_t kConfig = 1u << 0;
constexpr uint32_t kDoc = 1u << 1;
constexpr uint32_t kMissingOk = 1u << 3;
constexpr uint32_t kNoReplace = 1u << 4;
constexpr uint32_t kGhost = 1u << 6;
constexpr uint32_t kLicense = 1u << 7;
constexpr uint32_t kReadme = 1u << 8;
}  // namespace fileflag

// What rpm recorded of an installed package's file (RPMTAG_FILESTATES, rpmfileState's values);
// None for a header that records none (a package file's).
enum class FileState : int8_t {
    None = -1,
    Normal = 0,
    Replaced = 1,
    NotInstalled = 2,  // left out (--nodocs, --excludedocs)
    NetShared = 3,
    WrongColor = 4,  // the other arch's copy of a multilib file
};

struct FileRecord {
    std::string path;
    uint32_t mode = 0;
    std::string user, group;
    std::string digest;  // hex, in the package's digest algorithm
    std::string linkto;
    uint32_t flags = 0;  // fileflag bits
    uint64_t size = 0;
    int64_t mtime = 0;
    FileState state = FileState::None;
    std::string caps;  // file capabilities in cap_from_text(3)'s form ("cap_net_raw=ep"), or ""
    std::string lang;  // %lang: "de", several as "de|de_DE", or "" for every language
    // Whether the package counts as having the file where it is: what rpm's file queries and
    // its removals go by (a file another package left out or replaced is not this one's).
    bool inPlace() const {
        return state == FileState::None || state == FileState::Normal ||
               state == FileState::NetShared;
    }
};

struct Dependency {
    std::string kind;  // provides, requires, prerequires, conflicts, obsoletes, recommends,
                       // suggests, supplements, enhances
    std::string dep;   // "foo >= 1.0", "(a or b)", "/bin/sh"
};

struct PackageRecord {
    std::string name, version, release, arch;
    int64_t epoch = 0;
    uint64_t installSize = 0;
    int64_t buildTime = 0;
    std::string summary, description, url, license, sourceRpm;
    std::vector<Dependency> deps;
    std::vector<FileRecord> files;
    std::vector<Scriptlet> scriptlets;  // only those the package has
    std::vector<Trigger> triggers;      // read from headers, not stored by mpm
    std::vector<FileTrigger> fileTriggers;

    std::string evr() const;    // [epoch:]version-release
    std::string nevra() const;  // name-[epoch:]version-release.arch
    // The scriptlet of this kind, or null when the package has none.
    const Scriptlet* scriptlet(ScriptletKind kind) const;
};

}  // namespace mpm::rpm
