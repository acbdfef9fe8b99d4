// Chooses the active module builds: a libsolv problem of its own. Every build is a solvable
// named after its module (so the newest version of a stream is preferred) providing
// module(NAME) and module(NAME:STREAM) and requiring its module dependencies (OR lists, empty =
// any stream, the platform). Enabled streams are hard jobs, default streams weak ones; one build
// per module. A build whose dependencies cannot be met is never chosen (another context or
// version of the stream is), and an enabled stream that cannot be used at all is reported in
// words.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "libmodule/module/ModuleMetadata.hpp"
#include "libmodule/module/ModuleStates.hpp"
#include "libmodule/module/Platform.hpp"
#include "solv/Queue.hpp"

namespace mpm::module {

struct ModuleSelection {
    // Module name -> the chosen build (the newest one that can be used).
    std::map<std::string, const ModuleStream*> chosen;
    // Every build of each chosen name:stream:context: its packages are visible.
    std::vector<const ModuleStream*> active;
    // Enabled streams that cannot be used, each as one sentence.
    std::vector<std::string> problems;

    const ModuleStream* chosenFor(const std::string& module) const;
};

class StreamSelector {
  public:
    StreamSelector(const ModuleMetadata& metadata, const Platform& platform,
                   const std::string& arch);
    ModuleSelection select(const ModuleStates& states) const;
    // Why no build of name:stream can be used (empty when one can): which dependency is not met.
    std::string whyUnusable(const std::string& name, const std::string& stream,
                            const ModuleStates& states) const;

  private:
    solv::Queue jobs(const ModuleStates& states, const std::vector<Id>& platformIds, ::Pool* pool,
                     std::vector<std::string>& problems) const;

    const ModuleMetadata& md_;
    Platform platform_;
    std::string arch_;
};

}  // namespace mpm::module
