// With SOURCE_DATE_EPOCH set, what a command that changed the root leaves there is settled so
// that two builds of the root compare equal byte for byte: mpm.sqlite rewritten from its live
// rows (no trace of journal rows deleted at commit, no -wal file), then every mtime later than
// the epoch clamped to it (directories, symlinks and the files mpm, rpm or scriptlets wrote
// now), except a package's file at the mtime its package gives it: that time is as
// reproducible as the package, and rpm -V checks it. The cache, when it is inside the root, and
// other filesystems mounted in it are left alone. Without SOURCE_DATE_EPOCH, or without
// --installroot (the running system), nothing happens.
#pragma once

#include "repodata/Config.hpp"

namespace mpm::transaction {

void settleReproducibleRoot(const repodata::Config& config);

}  // namespace mpm::transaction
