// .solv caches stamped with what they were made from (repomd digest, rpmdb change marker,
// libsolv version): a file made from anything else is not read, and writing one is atomic and
// quiet on failure (a cache that cannot be written only costs speed).
#pragma once

#include "solv/libsolv.hpp"

#include <string>

namespace mpm::solv {

// Adds the cached repodata to `repo` when `path` carries exactly `stamp`.
bool readStampedSolv(::Repo* repo, const std::string& path, const std::string& stamp, int flags);
// Writes repodata [first, last) of `repo` (all of it with last = -1) with `stamp`. Returns why
// it could not ("No space left on device"), empty when written: a cache is only speed, so
// callers say it at most once and go on.
std::string writeStampedSolv(::Repo* repo, const std::string& path, const std::string& stamp,
                             int first = 0, int last = -1, int writerFlags = 0);

}  // namespace mpm::solv
