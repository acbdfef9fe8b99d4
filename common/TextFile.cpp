#include "common/TextFile.hpp"

#include <filesystem>
#include <fstream>

#include "common/Error.hpp"

namespace mpm {

std::string readTextStream(std::istream& in, const std::string& name, size_t limit,
                           const std::string& what) {
    std::string text(limit + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (static_cast<size_t>(in.gcount()) > limit)
        throw Error(name + " is larger than " + std::to_string(limit >> 20) + " MiB: not a " +
                    what);
    text.resize(static_cast<size_t>(in.gcount()));
    return text;
}

std::string readTextFile(const std::string& path, size_t limit, const std::string& what) {
    std::ifstream in(path, std::ios::binary);
    std::error_code ec;
    if (!in || std::filesystem::is_directory(path, ec))
        throw Error("cannot read the " + what + " " + path + ": " +
                    (std::filesystem::exists(path, ec) ? "not a readable file" : "no such file"));
    return readTextStream(in, path, limit, what);
}

}  // namespace mpm
