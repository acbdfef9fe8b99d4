// FILE* handles as libsolv wants them (solv_xfopen decompresses gz/xz/zst/bz2 transparently).
#pragma once

#include <cstdio>
#include <memory>
#include <string>

namespace mpm::solv {

struct FileCloser {
    void operator()(FILE* f) const noexcept {
        if (f) std::fclose(f);
    }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;

// Opens `path` for reading, decompressing by file name suffix. Null on failure (errno set).
FilePtr openCompressed(const std::string& path);
FilePtr openPlain(const std::string& path, const char* mode);

}  // namespace mpm::solv
