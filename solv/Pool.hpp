// RAII over libsolv's Pool. Repos belong to the pool and die with it.
#pragma once

#include "solv/libsolv.hpp"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "solv/Queue.hpp"

namespace mpm::solv {

// Parses "name", "name >= 1.0" or a rich dependency into a dependency Id (0 = invalid).
Id parseDep(::Pool* pool, const std::string& dep);

class Pool {
  public:
    // Creates an RPM-semantics pool for `arch` (Debian's libsolv defaults to Debian semantics).
    explicit Pool(const std::string& arch);
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;
    ~Pool();

    ::Pool* raw() const { return pool_; }
    ::Pool* operator->() const { return pool_; }

    ::Repo* addRepo(const std::string& name) { return repo_create(pool_, name.c_str()); }
    ::Solvable* solvable(Id id) const { return pool_id2solvable(pool_, id); }
    const char* str(Id id) const { return pool_id2str(pool_, id); }
    const char* dep2str(Id id) const { return pool_dep2str(pool_, id); }
    const char* solvable2str(Id id) const { return pool_solvid2str(pool_, id); }
    std::string errstr() const { return pool_errstr(pool_); }

    // Parses "name", "name >= 1.0" or a rich dependency into a dependency Id (0 = invalid).
    Id parseDep(const std::string& dep) const { return solv::parseDep(pool_, dep); }

    // Indexes what dependency matching and solving need: file provides (libsolv adds
    // "provides /usr/bin/foo" to the packages owning a file some package depends on), then
    // whatprovides. Does nothing while no solvable or repo was added since the last index (the
    // considered map does not enter the index: hidden packages are the solver's business).
    // Returns whether it indexed; `files`/`installedFiles` then hold the file dependencies
    // libsolv looked for (in every repo / in @System).
    bool indexProvides(Queue* files = nullptr, Queue* installedFiles = nullptr);

    // Reads repodata deferred by deferRepodata into `stub`, the repodata libsolv is loading
    // (repo_add_solv or repo_add_rpmmd with REPO_USE_LOADING): true when read; throws
    // std::exception with the sentence that says why not. `notes`: what to say all the same.
    using DeferredLoad = std::function<bool(::Repodata* stub, std::vector<std::string>& notes)>;
    // Adds to `repo` repodata that `load` reads only when a lookup first needs one of `keys`
    // (name and type pairs): libsolv's stubs, as its own tools defer a repository's file
    // lists. What fails to load leaves its keys empty, failed() says so, and problems() says
    // why. A key is deferred once per repository, which must live as long as the pool (mpm
    // frees no repository it loaded).
    void deferRepodata(::Repo* repo, const std::vector<std::pair<Id, Id>>& keys, DeferredLoad load);
    // Whether the repodata of `repo` holding `key` is still deferred (not needed yet).
    bool deferred(::Repo* repo, Id key) const;
    // Whether the deferred repodata of `repo` holding `key` failed to load (what it holds is
    // incomplete: nothing may be recorded about it, file provides above all).
    bool failed(::Repo* repo, Id key) const { return failed_.count({repo, key}) > 0; }
    // Whether a deferred repodata of `repo` failed after libsolv began on its packages, which it
    // then frees: the repository lost its packages for this run (nothing may be recorded).
    bool lostPackages(::Repo* repo) const { return lost_.count(repo) > 0; }
    // What went wrong reading deferred repodata, or is to be said about it, in sentences.
    const std::vector<std::string>& problems() const { return problems_; }
    // The problems() of every pool of the process so far, for the end of the run (a command
    // may have made and dropped pools of its own).
    static std::vector<std::string> everyProblem();

  private:
    static int loadDeferred(::Pool* pool, ::Repodata* stub, void* self) noexcept;
    void problem(std::string sentence);

    ::Pool* pool_;
    struct Deferred {
        std::vector<Id> keys;
        DeferredLoad load;
    };
    std::map<std::pair<::Repo*, Id>, Deferred> deferred_;  // by repo and stub repodata id
    std::vector<std::string> problems_;
    std::set<std::pair<::Repo*, Id>> failed_;  // by repo and key
    std::set<::Repo*> lost_;
    int indexedSolvables_ = -1;  // what the index was built over
    int indexedRepos_ = -1;
};

}  // namespace mpm::solv
