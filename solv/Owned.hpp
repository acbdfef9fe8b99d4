// What libsolv hands over to its caller, owned: buffers it allocated, repo writers, and a repo
// being filled, which leaves the pool again unless the filling succeeded.
#pragma once

#include "solv/libsolv.hpp"

#include <memory>
#include <utility>

namespace mpm::solv {

struct SolvFree {
    void operator()(void* p) const noexcept { solv_free(p); }
};
// A buffer libsolv allocated (solv_read_userdata, ...).
template <typename T>
using SolvBuffer = std::unique_ptr<T, SolvFree>;

struct RepowriterFree {
    void operator()(::Repowriter* w) const noexcept { repowriter_free(w); }
};
using RepoWriter = std::unique_ptr<::Repowriter, RepowriterFree>;

// A repo that is freed (with its solvables) unless keep() is called: a load that fails half
// way leaves no half-filled repo in the pool.
class RepoUnderConstruction {
  public:
    explicit RepoUnderConstruction(::Repo* repo) : repo_(repo) {}
    RepoUnderConstruction(const RepoUnderConstruction&) = delete;
    RepoUnderConstruction& operator=(const RepoUnderConstruction&) = delete;
    ~RepoUnderConstruction() {
        if (repo_) repo_free(repo_, 1);
    }
    ::Repo* get() const { return repo_; }
    ::Repo* keep() { return std::exchange(repo_, nullptr); }

  private:
    ::Repo* repo_;
};

}  // namespace mpm::solv
