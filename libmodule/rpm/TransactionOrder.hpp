// The order rpm itself gives the packages a transaction installs and erases: librpm's
// rpmtsOrder (its topological sort over Requires, Requires(pre/post/preun/postun), file
// dependencies and weak ones, with its own way of breaking ties and loops), fed as dnf feeds it,
// so the same packages run their scriptlets in the same order as under dnf. rpm orders the
// installs and the erasures apart (no edge joins them), so each is asked for alone.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

struct headerToken_s;  // librpm's Header

namespace mpm::rpm {

// `headers`: the packages' exported headers (RpmHeader::blob) in the order dnf adds them to
// its transaction (downgrades, reinstalls, installs, upgrades; each by repository order).
// Returns their indexes in rpm's order. Throws Error when librpm cannot take a header.
std::vector<size_t> installOrder(const std::vector<const std::string*>& headers);
// `headers`: installed packages' headers as the RPM database gives them (with their instance),
// in the order dnf adds the erasures. Returns their indexes in rpm's order.
std::vector<size_t> eraseOrder(const std::vector<headerToken_s*>& headers);

}  // namespace mpm::rpm
