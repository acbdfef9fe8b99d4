#include "common/TempDir.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/Error.hpp"

namespace mpm {

std::string tempRoot() {
    const char* dir = std::getenv("TMPDIR");
    return dir && dir[0] == '/' ? std::string(dir) : std::string("/tmp");
}

TempDir::TempDir(const std::string& prefix) {
    std::string tmpl = tempRoot() + "/" + prefix + "-XXXXXX";
    if (!mkdtemp(tmpl.data()))
        throw Error("cannot create a temporary directory in " + tempRoot() + ": " +
                    std::strerror(errno) + " (set TMPDIR to a writable directory)");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace mpm
