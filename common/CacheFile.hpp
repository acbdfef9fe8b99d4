// mpm's own small cache files (the module metadata's merge, the stream selection): read whole,
// written atomically and quietly. A cache that cannot be read or written only costs speed.
#pragma once

#include <functional>
#include <string>

namespace mpm {

// The file's bytes; empty when it is missing or unreadable.
std::string readCacheFile(const std::string& path);
// Writes `bytes` to `path` through a temporary file and a rename (a reader sees the old file
// or the new one, never a part), creating its directory. False when it could not (nothing of
// it is left then).
bool writeFileAtomically(const std::string& path, const std::string& bytes);
// writeFileAtomically, for a cache. Of the other files of that directory
// whose name `older` accepts (other caches of the kind), the `keep` most recently written stay
// and the rest are removed. Failures are ignored.
void writeCacheFile(const std::string& path, const std::string& bytes,
                    const std::function<bool(const std::string& name)>& older, size_t keep = 0);

}  // namespace mpm
