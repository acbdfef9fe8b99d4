// Maps a path as a package sees it ("/usr/bin/foo") to the host path inside the installroot,
// resolving symlinked parent directories the way chroot would: an absolute link target and any
// ".." in a link are interpreted inside the root, so nothing can resolve outside it. Package
// paths themselves may not contain "..".
#pragma once

#include <string>
#include <vector>

#include "common/Error.hpp"

namespace mpm::transaction {

class UnsafePathError : public Error {
  public:
    using Error::Error;
};

// Resolves every parent component of `path` (the last one is not followed). With
// `created`, missing directories are created (mode 0755) and their host paths appended to it,
// so a failed transaction can remove them again. Throws UnsafePathError.
std::string resolveInRoot(const std::string& root, const std::string& path,
                          std::vector<std::string>* created = nullptr);

}  // namespace mpm::transaction
