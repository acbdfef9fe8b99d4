#include "libmodule/transaction/FileCapabilities.hpp"

#include <sys/capability.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "common/Error.hpp"
#include "common/SharedLibrary.hpp"

namespace mpm::transaction {

namespace {

struct CapLibrary {
    cap_t (*from_text)(const char*);
    int (*set_fd)(int, cap_t);
    int (*set_file)(const char*, cap_t);
    int (*free)(void*);
};

const CapLibrary& libcap() {
    static const CapLibrary lib = [] {
        const SharedLibrary<Error> so("libcap.so.2", "libcap2");
        CapLibrary c{};
        so.bind("cap_from_text", c.from_text);
        so.bind("cap_set_fd", c.set_fd);
        so.bind("cap_set_file", c.set_file);
        so.bind("cap_free", c.free);
        return c;
    }();
    return lib;
}

struct CapFree {
    void operator()(_cap_struct* c) const noexcept { libcap().free(c); }
};
using Caps = std::unique_ptr<_cap_struct, CapFree>;

Caps parse(const std::string& text) {
    Caps caps(libcap().from_text(text.c_str()));
    if (!caps) throw Error("'" + text + "' is not a set of file capabilities");
    return caps;
}

Error failure(const std::string& text) {
    const int e = errno;
    return Error("cannot set file capabilities '" + text + "': " + std::strerror(e) +
                 (e == EPERM ? " (setting them needs root)" : ""));
}

}  // namespace

void setFileCapabilities(int fd, const std::string& text) {
    const Caps caps = parse(text);
    if (libcap().set_fd(fd, caps.get()) != 0) throw failure(text);
}

void setFileCapabilities(const std::string& path, const std::string& text) {
    const Caps caps = parse(text);
    if (libcap().set_file(path.c_str(), caps.get()) != 0) throw failure(text);
}

}  // namespace mpm::transaction
