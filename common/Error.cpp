#include "common/Error.hpp"

namespace mpm {

static std::string locate(const std::string& file, int line) {
    return line > 0 ? file + ":" + std::to_string(line) : file;
}

ConfigError::ConfigError(const std::string& file, int line, const std::string& what)
    : Error(locate(file, line) + ": " + what) {}

RepoError::RepoError(const std::string& repoid, const std::string& what)
    : Error("repository '" + repoid + "': " + what), repoid_(repoid), reason_(what) {}

}  // namespace mpm
