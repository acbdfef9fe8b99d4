// dnf's modulefailsafe: the metadata of the enabled streams' active builds, kept with the
// root's state after each run that changed it, so that a stream whose repository is disabled or
// unreachable still filters and pins: without it, the plain packages of the same names (a
// newer nodejs in another repository) would replace the stream's on the next upgrade. Its builds
// come from the repository "@modulefailsafe", as in dnf.
#pragma once

#include <string>
#include <vector>

#include "libmodule/module/ModuleMetadata.hpp"
#include "libmodule/module/ModuleStates.hpp"

namespace mpm::repodata {
class Config;
}

namespace mpm::module {

inline constexpr const char* kFailsafeRepo = "@modulefailsafe";

class ModuleFailsafe {
  public:
    explicit ModuleFailsafe(const repodata::Config& config);

    // The kept builds of the streams `states` enables that `md` has no build of (repository
    // @modulefailsafe).
    std::vector<ModuleStream> missingFrom(const ModuleMetadata& md,
                                          const ModuleStates& states) const;
    // What the kept copy was made from (keep's key); empty when none is kept.
    std::string keptKey() const;
    // Which builds it holds (contentOf them): what caches derived from it are keyed by.
    std::string content() const;
    static std::string contentOf(const std::vector<const ModuleStream*>& builds);
    // Keeps `builds` (the enabled streams' active builds) as made from `key`; with no builds,
    // forgets what was kept. A copy that cannot be written only loses the fallback.
    void keep(const std::string& key, const std::vector<const ModuleStream*>& builds) const;

  private:
    const std::string& bytes() const;
    std::pair<std::string, std::string> header() const;  // {key, content}
    std::string path_;
    mutable bool read_ = false;
    mutable std::string bytes_;
};

}  // namespace mpm::module
