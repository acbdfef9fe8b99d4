// mpm.conf and a .repo file (split at the first NUL byte: before it mpm.conf, after it the
// .repo file), loaded the way every command loads its configuration.
#include <cstring>

#include "FuzzSupport.hpp"
#include "common/Error.hpp"
#include "repodata/Config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    mpm::fuzz::clearScratch();
    const auto* nul = static_cast<const uint8_t*>(std::memchr(data, '\0', size));
    if (nul) {
        mpm::fuzz::writeFile("etc/mpm/mpm.conf", data, static_cast<size_t>(nul - data));
        mpm::fuzz::writeFile("etc/yum.repos.d/fuzz.repo", nul + 1, size - (nul - data) - 1);
    } else {
        mpm::fuzz::writeFile("etc/yum.repos.d/fuzz.repo", data, size);
    }
    mpm::repodata::ConfigRequest req;
    req.installroot = mpm::fuzz::scratchDir();
    req.releasever = "8";
    try {
        mpm::repodata::Config cfg = mpm::repodata::ConfigLoader::load(req);
        for (const auto* r : cfg.enabledRepos()) (void)r->id;
    } catch (const mpm::Error&) {
    }
    return 0;
}
