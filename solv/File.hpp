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
// The same over an open `fd`, which the FILE then owns; `name` gives the suffix.
FilePtr openCompressed(int fd, const std::string& name);

// What reading decompressed metadata may cost: its whole size, and the longest run of text
// without markup (one element's content, which a parser holds in memory whole). 0: no limit.
struct ReadLimits {
    int64_t total = 0;
    int64_t textRun = 0;
};
// As openCompressed, read through a guard: a read past a limit fails (EFBIG) and `exceeded`
// (which must outlive the file) says which limit, in words.
FilePtr openCompressedLimited(const std::string& path, const ReadLimits& limits,
                              std::string& exceeded);
FilePtr openCompressedLimited(FilePtr inner, const ReadLimits& limits, std::string& exceeded);
FilePtr openPlain(const std::string& path, const char* mode);

}  // namespace mpm::solv
