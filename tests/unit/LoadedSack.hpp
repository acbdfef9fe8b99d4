// A root's packages loaded as a command loads them, for tests that query or solve over a
// hand-made repository.
#pragma once

#include <memory>
#include <string>

#include "libmodule/base/Sack.hpp"
#include "repodata/Config.hpp"

namespace mpm::test {

// The root's configuration (into `config`, which the sack refers to: it must outlive it), then
// @System, the enabled repositories (refreshed when expired) and filtering.
inline std::unique_ptr<base::Sack> loadSack(const std::string& installroot,
                                            repodata::Config& config) {
    repodata::ConfigRequest req;
    req.installroot = installroot;
    config = repodata::ConfigLoader::load(req);
    auto sack = std::make_unique<base::Sack>(config);
    sack->loadSystem();
    sack->loadAvailable(repodata::RefreshPolicy::IfExpired);
    sack->finalize();
    return sack;
}

}  // namespace mpm::test
