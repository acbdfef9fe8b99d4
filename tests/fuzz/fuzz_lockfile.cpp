// A lockfile as install --from-lock and lock --check read it (written by anyone).
#include <string>

#include "FuzzSupport.hpp"
#include "common/Error.hpp"
#include "libmodule/lockfile/LockFile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const mpm::lockfile::LockFile lock = mpm::lockfile::LockFile::parse(text, "rpms.lock.yaml");
        for (const auto& a : lock.arches)
            for (const auto& p : a.packages) (void)p.nevra();
        (void)lock.toYaml();
    } catch (const mpm::Error&) {
        // parse's documented failure: one sentence naming the file and what is wrong.
    }
    return 0;
}
