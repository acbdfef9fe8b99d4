// filelists.xml parsed on a second core while the caller parses primary.xml on the first.
//
// libsolv joins a file list to its package by checksum (pkgid), so filelists.xml cannot be
// joined before primary's packages exist. On a thread of its own, in a pool of its own, this
// reads filelists.xml once with its pkgids taken out (PkgidFilter): libsolv makes one new package
// per <package>, in order, with its file list, and the filter keeps their checksums. The result
// is usable when those are primary's packages in primary's order (createrepo_c writes both files
// in one order), because filelists.solvx extends primary.solv's packages by position; otherwise
// the caller parses filelists.xml against primary itself, as a single core would have.
#pragma once

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "repodata/PkgidFilter.hpp"
#include "solv/File.hpp"
#include "solv/Pool.hpp"

namespace mpm::repodata {

class SideFilelists {
  public:
    // What a file opened on filelists.xml is to be read through.
    using Through = std::function<solv::FilePtr(solv::FilePtr)>;
    // Parses filelists.xml into `repo` with repo_add_rpmmd's `flags` (new packages, left for
    // this to internalize), reading it through `through`; throws on bad XML.
    using Parse = std::function<void(::Repo* repo, int flags, const Through& through)>;

    // Starts the thread that calls `parse` (here and now when no thread can be started).
    explicit SideFilelists(Parse parse);
    SideFilelists(const SideFilelists&) = delete;
    SideFilelists& operator=(const SideFilelists&) = delete;
    ~SideFilelists();  // waits for the thread: it uses this object's members

    // The packages of `repo` in order, as their checksums (bytes): what joinTo compares.
    static std::vector<std::string> checksumsOf(::Repo* repo);

    // The file lists, as repodata [first, repo->nrepodata) of `repo`.
    struct Result {
        ::Repo* repo = nullptr;
        int first = 0;
    };
    // Waits for the thread. Returns the file lists when the packages they were given to are
    // primary's `packages` (checksumsOf), in order; else, or when `parse` threw, an empty
    // Result: the caller parses filelists.xml against primary itself (and says what is wrong
    // with it, when something is).
    Result joinTo(const std::vector<std::string>& packages);

  private:
    void run() noexcept;

    Parse parse_;
    solv::Pool pool_{"noarch"};
    ::Repo* repo_;
    int first_ = 0;
    PkgidList read_;  // repo_'s packages' checksums, as the filter read them
    bool failed_ = false;
    std::thread thread_;  // started once every member it uses exists
};

}  // namespace mpm::repodata
