// A lockfile in the rpms.lock.yaml format of rpm-lockfile-prototype (read by hermetic build
// tools such as Hermeto): per architecture, the exact RPM files an image gets (URL, repository,
// size, checksum, name, evr, source RPM) and the module metadata they need. What mpm also needs
// to reproduce a root (each package's install reason, the module streams enabled and their
// profiles) is kept under a key of its own, "mpm", that other readers ignore.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "libmodule/db/InstallReason.hpp"
#include "libmodule/db/ModuleState.hpp"

namespace mpm::lockfile {

struct LockedPackage {
    std::string url, repoid;
    uint64_t size = 0;
    std::string checksum;  // "sha256:HEX" (the algorithm as the repository named it)
    std::string name, evr, sourcerpm;
    // The file name the URL ends in, and the architecture that name ends in.
    std::string fileName() const;
    std::string arch() const;
    std::string nevra() const;  // name-evr.arch, the epoch only when not 0 (as evr has it)
};

struct LockedMetadata {
    std::string url, repoid;
    uint64_t size = 0;
    std::string checksum;
};

struct LockedArch {
    std::string arch;
    std::vector<LockedPackage> packages;
    std::vector<LockedPackage> source;
    std::vector<LockedMetadata> moduleMetadata;
    // mpm's own: why each package is installed (by nevra) and the module states to set.
    std::map<std::string, db::InstallReason> reasons;
    std::vector<db::ModuleState> modules;
};

struct LockFile {
    static constexpr int kVersion = 1;
    std::vector<LockedArch> arches;

    // Sorted, stable output: the same lock gives the same bytes.
    std::string toYaml() const;
    // Throws Error naming `name` and what is wrong. Unknown keys are ignored, as other
    // readers ignore mpm's.
    static LockFile parse(const std::string& text, const std::string& name);
    // The entry for `arch`; null when the lock has none.
    const LockedArch* forArch(const std::string& arch) const;
};

}  // namespace mpm::lockfile
