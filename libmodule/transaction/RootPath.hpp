// Maps a path as a package sees it ("/usr/bin/foo") to the host path inside the installroot,
// resolving symlinked parent directories the way chroot would: an absolute link target and any
// ".." in a link are interpreted inside the root, so nothing can resolve outside it. Package
// paths themselves may not contain "..".
#pragma once

#include <string>
#include <unordered_map>
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

// resolveInRoot for the many files of one transaction: a directory found (or made) once is
// not walked again, which saves most of the lstat calls of a large install. Resolving without
// creating assumes the tree does not change meanwhile (the planning of a transaction).
class RootResolver {
  public:
    explicit RootResolver(std::string root);
    std::string resolve(const std::string& path, std::vector<std::string>* created = nullptr);
    // Whether the directory of a path resolve() was given was there already (something may
    // stand at the path itself), not one the transaction makes.
    bool inExistingDirectory(const std::string& path) const;

  private:
    // The host path of a directory the packages name (no trailing slash).
    std::string directory(const std::string& dir, std::vector<std::string>* created);

    std::string root_;
    std::string base_;  // root_ without a trailing slash ("" for "/"): what paths are appended to
    std::unordered_map<std::string, std::string> dirs_;     // existing dir -> host dir
    std::unordered_map<std::string, std::string> planned_;  // without creating: any dir
};

}  // namespace mpm::transaction
