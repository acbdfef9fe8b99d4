#include "solv/File.hpp"

#include <cerrno>
#include <cstring>
#include <memory>

#include "solv/libsolv.hpp"

namespace mpm::solv {

FilePtr openCompressed(const std::string& path) {
    return FilePtr(solv_xfopen(path.c_str(), "r"));
}

FilePtr openCompressed(int fd, const std::string& name) {
    return FilePtr(solv_xfopen_fd(name.c_str(), fd, "r"));
}

namespace {

struct Guard {
    FilePtr inner;
    ReadLimits limits;
    std::string* exceeded;
    int64_t total = 0;
    int64_t run = 0;
};

ssize_t guardedReadOrThrow(void* cookie, char* buf, size_t size) {
    auto* g = static_cast<Guard*>(cookie);
    const size_t n = std::fread(buf, 1, size, g->inner.get());
    if (n == 0) return std::ferror(g->inner.get()) ? -1 : 0;
    g->total += static_cast<int64_t>(n);
    if (g->limits.total > 0 && g->total > g->limits.total) {
        *g->exceeded =
            "it is larger than " + std::to_string(g->limits.total) + " bytes once decompressed";
        errno = EFBIG;
        return -1;
    }
    if (g->limits.textRun > 0) {
        // memchr skips the text between tags at memory speed
        const char* p = buf;
        const char* end = buf + n;
        while (p < end) {
            const void* lt = std::memchr(p, '<', static_cast<size_t>(end - p));
            const char* stop = lt ? static_cast<const char*>(lt) : end;
            g->run += stop - p;
            if (g->run > g->limits.textRun) {
                *g->exceeded = "one of its elements holds more than " +
                               std::to_string(g->limits.textRun) + " bytes of text";
                errno = EFBIG;
                return -1;
            }
            if (!lt) break;
            g->run = 0;
            p = stop + 1;
        }
    }
    return static_cast<ssize_t>(n);
}

// stdio's read hook, called from inside libsolv's parsers: nothing may be thrown through them.
ssize_t guardedRead(void* cookie, char* buf, size_t size) noexcept {
    try {
        return guardedReadOrThrow(cookie, buf, size);
    } catch (...) {
        errno = ENOMEM;  // the sentences are strings
        return -1;
    }
}

int guardedClose(void* cookie) {
    delete static_cast<Guard*>(cookie);
    return 0;
}

}  // namespace

FilePtr openCompressedLimited(const std::string& path, const ReadLimits& limits,
                              std::string& exceeded) {
    return openCompressedLimited(openCompressed(path), limits, exceeded);
}

FilePtr openCompressedLimited(FilePtr inner, const ReadLimits& limits, std::string& exceeded) {
    if (!inner) return nullptr;
    auto guard = std::make_unique<Guard>(Guard{std::move(inner), limits, &exceeded});
    const cookie_io_functions_t io{guardedRead, nullptr, nullptr, guardedClose};
    FilePtr f(fopencookie(guard.get(), "r", io));
    if (f) guard.release();  // the FILE owns it now (guardedClose)
    return f;
}

FilePtr openPlain(const std::string& path, const char* mode) {
    return FilePtr(std::fopen(path.c_str(), mode));
}

}  // namespace mpm::solv
