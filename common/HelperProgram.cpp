#include "common/HelperProgram.hpp"

#include <unistd.h>

#include <filesystem>
#include <vector>

namespace mpm {

std::string helperProgram(const std::string& name, const std::string& installed,
                          const std::string& built) {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    std::vector<std::string> candidates;
    if (!ec) candidates.push_back((self.parent_path() / name).string());
    candidates.push_back(installed);
    candidates.push_back(built);
    for (const auto& c : candidates)
        if (access(c.c_str(), X_OK) == 0) return c;
    return candidates.front();
}

}  // namespace mpm
