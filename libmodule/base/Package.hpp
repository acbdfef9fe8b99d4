// A read-only view of one solvable: what queries print and what later layers install.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "solv/libsolv.hpp"

namespace mpm::base {

class Package {
  public:
    Package(::Pool* pool, Id id) : pool_(pool), id_(id) {}

    Id id() const { return id_; }
    std::string name() const;
    std::string evr() const;    // [epoch:]version-release as libsolv stores it
    std::string epoch() const;  // "0" when none
    std::string version() const;
    std::string release() const;
    std::string arch() const;
    std::string nevra() const;  // name-[epoch:]version-release.arch (epoch only if non-zero)
    std::string fullNevra()
        const;  // name-epoch:version-release.arch (always with epoch, as repoquery)
    std::string repoId() const;
    bool installed() const;

    std::string summary() const;
    std::string description() const;
    std::string url() const;
    std::string license() const;
    std::string sourceRpm() const;
    std::string location() const;  // relative path inside the repo
    // Where its file can be downloaded, in order: at the base the metadata names for it
    // (xml:base, createrepo_c --baseurl: packages kept elsewhere than the metadata), then at
    // each of `repoBases` (the repository's mirrors).
    std::vector<std::string> urls(const std::vector<std::string>& repoBases) const;
    std::string checksumType() const;
    std::string checksum() const;
    uint64_t downloadSize() const;
    uint64_t installSize() const;
    uint64_t buildTime() const;
    uint64_t installTime() const;  // installed packages: when (0 for available ones)

    // SOLVABLE_PROVIDES, _REQUIRES, ... as strings ("foo >= 1.0", "(a or b)").
    std::vector<std::string> deps(Id keyname) const;
    std::vector<Id> depIds(Id keyname) const;
    std::vector<std::string> files() const;
    std::vector<std::string> provides() const { return deps(SOLVABLE_PROVIDES); }
    std::vector<std::string> requires_() const { return deps(SOLVABLE_REQUIRES); }
    // The provide of this package that answers `capability` ("foo", "foo >= 2", or a glob on
    // the provided name); empty when none does.
    std::string provideMatching(const std::string& capability) const;

    ::Solvable* solvable() const { return pool_id2solvable(pool_, id_); }

  private:
    std::string lookupStr(Id key) const;
    ::Pool* pool_;
    Id id_;
};

// Compare two solvables' EVRs with rpm's rules.
int compareEvr(::Pool* pool, Id a, Id b);

// Whether one package can take the other's place by architecture: the same one, or either
// noarch (an upgrade may move between an arch and noarch).
inline bool archesMeet(const ::Solvable* a, const ::Solvable* b) {
    return a->arch == b->arch || a->arch == ARCH_NOARCH || b->arch == ARCH_NOARCH;
}

// Whether an obsolete of `by` matches `old` by name and version (as libsolv solves obsoletes
// without obsoleteusesprovides, and dnf lists them: not what `old` provides).
bool obsoletes(::Pool* pool, const ::Solvable* by, const ::Solvable* old);

}  // namespace mpm::base
