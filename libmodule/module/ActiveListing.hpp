// Which stream in use lists each package of the loaded repositories: the module and stream of
// the first active build (in metadata order) whose artifacts name it. Kept with the selection
// (SelectionCache), so that an install of a default stream's packages knows the stream it
// enables (Goal::enableStreamsOfInstalls) without decoding the module metadata and matching its
// artifacts (about 2 ms of a warm nodejs resolve on EL8's, 11,200 binary artifacts). Packages are
// kept by their position in their repository, as the hidden ones are; the form is compact
// (varints), and read only when an install asks.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "solv/libsolv.hpp"

namespace mpm::base {
class Sack;
}

namespace mpm::module {

struct ModuleStream;

// A module and one of its streams.
struct StreamName {
    std::string module, stream;
    bool operator==(const StreamName&) const = default;
};

class ActiveListing {
  public:
    // The listing of every package of the sack's loaded repositories, as `firstActive` gives
    // it (null: no active build lists the package), encoded for the kept selection.
    static std::string encode(const base::Sack& sack,
                              const std::function<const ModuleStream*(Id)>& firstActive);
    // Read back against the same repositories; nullopt when the bytes do not fit them.
    static std::optional<ActiveListing> decode(const base::Sack& sack, const std::string& bytes);

    // The stream in use listing a package of a loaded repository; nullopt when none does.
    std::optional<StreamName> find(Id package) const;

  private:
    std::vector<StreamName> streams_;
    std::vector<std::pair<Id, uint32_t>> listed_;  // package -> index in streams_, by package
};

}  // namespace mpm::module
