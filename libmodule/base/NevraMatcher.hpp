// dnf's package spec forms: name, name.arch, name-version, name-version-release,
// name-version-release.arch, name-epoch:version-release.arch, each may hold globs.
#pragma once

#include <string>
#include <vector>

#include "libmodule/base/Package.hpp"

namespace mpm::base {

class NevraMatcher {
  public:
    explicit NevraMatcher(std::vector<std::string> specs);
    bool matches(const Package& pkg) const;
    // The names a matching package can have, as Ids of `pool`; null when any name may match.
    const std::vector<Id>* candidateNames(::Pool* pool) const {
        return specs_.empty() || !knownNames(pool) ? nullptr : &names_;
    }
    bool empty() const { return specs_.empty(); }

  private:
    struct Spec {
        std::string text;
        bool glob;
    };
    // The names a package must have to match, as Ids of `pool` (a spec without globs names its
    // package: the spec itself or a part before '-' or '.'); false when any name may match (a
    // glob, a spec starting with an epoch). Looked up once per pool and set of strings: a query
    // tests every package.
    bool knownNames(::Pool* pool) const;

    std::vector<Spec> specs_;
    mutable ::Pool* namesPool_ = nullptr;
    mutable int namesStrings_ = 0;  // the pool's strings then: a new package may bring its name
    mutable bool namesKnown_ = false;
    mutable std::vector<Id> names_;
};

}  // namespace mpm::base
