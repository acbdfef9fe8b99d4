// The order rpm itself gives the packages a transaction installs: librpm's rpmtsOrder (its
// topological sort over Requires, Requires(pre/post), file dependencies and weak ones, with its
// own way of breaking ties and loops), fed as dnf feeds it, so the same packages run their
// scriptlets in the same order as under dnf.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace mpm::rpm {

// `headers`: the packages' exported headers (RpmHeader::blob) in the order dnf adds them to
// its transaction (downgrades, reinstalls, installs, upgrades; each by repository order).
// Returns their indexes in rpm's order. Throws Error when librpm cannot take a header.
std::vector<size_t> installOrder(const std::vector<const std::string*>& headers);

}  // namespace mpm::rpm
