// A file a program inside a root would open, found from outside it: every component of the
// path, the last one too, followed as chroot would follow it (an absolute link target and a
// ".." are taken inside the root). For reading the root's own configuration (os-release,
// repository files): a root whose /etc/os-release links to /usr/lib/os-release must not read
// the host's.
#pragma once

#include <string>

namespace mpm {

// The host path of `path` (absolute, as the root sees it) inside `root`; a missing component
// is taken as it is written. Empty, naming nothing, for a loop of links (a chroot's ELOOP).
std::string followInRoot(const std::string& root, const std::string& path);

}  // namespace mpm
