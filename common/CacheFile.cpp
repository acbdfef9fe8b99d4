#include "common/CacheFile.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <vector>

namespace mpm {

std::string readCacheFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return {};
    std::string bytes(static_cast<size_t>(in.tellg()), '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return {};
    return bytes;
}

bool writeFileAtomically(const std::string& path, const std::string& bytes) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    const std::string tmp = path + ".tmp-" + std::to_string(getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) {
            fs::remove(tmp, ec);
            return false;
        }
    }
    fs::rename(tmp, path, ec);
    if (!ec) return true;
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return false;
}

void writeCacheFile(const std::string& path, const std::string& bytes,
                    const std::function<bool(const std::string& name)>& older, size_t keep) {
    namespace fs = std::filesystem;
    if (!writeFileAtomically(path, bytes)) return;
    std::error_code ec;
    const fs::path target(path);
    const fs::path dir = target.parent_path();
    std::vector<std::pair<fs::file_time_type, fs::path>> others;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (const std::string name = entry.path().filename().string();
            name != target.filename() && name.find(".tmp-") == name.npos && older(name))
            others.emplace_back(entry.last_write_time(ec), entry.path());
    if (others.size() <= keep) return;
    std::sort(others.begin(), others.end(), std::greater<>());
    for (auto it = others.begin() + static_cast<std::ptrdiff_t>(keep); it != others.end(); ++it)
        fs::remove(it->second, ec);
}

}  // namespace mpm
