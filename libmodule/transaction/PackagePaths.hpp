// The file list of a package, checked before anything of it is written: every path must be
// absolute and plain (no "..", ".", or empty components), and no path may lie beneath a
// symlink the same package ships (a package that writes through its own link writes
// somewhere other than where its file list says). Links made by other packages are followed
// the way chroot would (RootPath), so they cannot lead outside the root either.
#pragma once

#include "libmodule/rpm/RpmHeader.hpp"
#include "libmodule/transaction/RootPath.hpp"

namespace mpm::transaction {

// Throws UnsafePathError naming the package and the path.
void checkPackagePaths(const rpm::RpmHeader& header);

}  // namespace mpm::transaction
