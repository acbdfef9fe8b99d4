// filelists.xml parsed on a second core while the caller parses primary.xml on the first.
//
// libsolv joins a file list to its package by checksum (pkgid), so filelists.xml cannot be
// parsed before primary's packages exist. On a thread of its own, in a pool of its own, this
// first reads the pkgids filelists.xml names, makes one stand-in package per pkgid, and joins the
// file lists to those. The result is usable when the stand-ins are exactly primary's packages in
// primary's order (createrepo_c writes both files in one order), because filelists.solvx extends
// primary.solv's packages by position; otherwise the caller parses filelists.xml against primary
// itself, as a single core would have.
#pragma once

#include <exception>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "solv/File.hpp"
#include "solv/Pool.hpp"

namespace mpm::repodata {

class SideFilelists {
  public:
    // Joins file lists to the stand-ins in `repo` (REPO_EXTEND_SOLVABLES); throws on bad XML.
    using Parse = std::function<void(::Repo* repo)>;

    // Starts the thread: reads the pkgids of `path` (within `limits`), then calls `parse`
    // (here and now when no thread can be started).
    SideFilelists(std::string path, solv::ReadLimits limits, Parse parse);
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
    // Waits for the thread and rethrows what `parse` threw. Returns the file lists when the
    // stand-ins are primary's `packages` (checksumsOf), in order; else an empty Result.
    Result joinTo(const std::vector<std::string>& packages);

  private:
    void run() noexcept;
    void addStandIns();

    std::string path_;
    solv::ReadLimits limits_;
    Parse parse_;
    solv::Pool pool_{"noarch"};
    ::Repo* repo_;
    int first_ = 0;
    std::exception_ptr error_;
    std::thread thread_;  // started once every member it uses exists
};

}  // namespace mpm::repodata
