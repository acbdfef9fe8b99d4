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
    bool empty() const { return specs_.empty(); }

  private:
    struct Spec {
        std::string text;
        bool glob;
    };
    std::vector<Spec> specs_;
};

}  // namespace mpm::base
