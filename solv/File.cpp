#include "solv/File.hpp"

#include "solv/libsolv.hpp"

namespace mpm::solv {

FilePtr openCompressed(const std::string& path) {
    return FilePtr(solv_xfopen(path.c_str(), "r"));
}

FilePtr openPlain(const std::string& path, const char* mode) {
    return FilePtr(std::fopen(path.c_str(), mode));
}

}  // namespace mpm::solv
