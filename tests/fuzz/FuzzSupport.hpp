// Shared by the fuzz targets: a private temporary directory per process, and the rule every
// target enforces: bad input may only end in mpm::Error (a sentence for the user). Any other
// exception escapes and libFuzzer reports it as a crash, as it does for ASan/UBSan findings.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/TempDir.hpp"

namespace mpm::fuzz {

// Under $TMPDIR, removed with its contents when the process exits.
inline const std::string& scratchDir() {
    static const TempDir dir("mpm-fuzz");
    return dir.path();
}

inline std::string writeFile(const std::string& relative, const uint8_t* data, size_t size) {
    const std::filesystem::path p = std::filesystem::path(scratchDir()) / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return p.string();
}

inline void clearScratch() {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(scratchDir(), ec))
        std::filesystem::remove_all(e.path(), ec);
}

}  // namespace mpm::fuzz
