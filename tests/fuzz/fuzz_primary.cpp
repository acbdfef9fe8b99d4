// primary.xml (and, after a form feed, filelists.xml) as a refresh validates new metadata:
// parsed into libsolv (filelists.xml through the pkgid filter, on a thread of its own), written
// to the .solv caches, loaded back into a pool and indexed, the deferred package details and
// file lists read.
#include <cstring>
#include <stdexcept>

#include "FuzzSupport.hpp"
#include "common/Error.hpp"
#include "repodata/RepoConfig.hpp"
#include "repodata/RepoLoader.hpp"
#include "solv/DataIterator.hpp"
#include "solv/Pool.hpp"
#include "solv/libsolv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace rd = mpm::repodata;
    mpm::fuzz::clearScratch();
    const auto* ff = static_cast<const uint8_t*>(std::memchr(data, '\f', size));
    const size_t primarySize = ff ? static_cast<size_t>(ff - data) : size;
    rd::RepoMetadata md;
    md.repoid = "fuzz";
    md.genDir = mpm::fuzz::scratchDir();
    md.repomdDigest = "0";
    mpm::fuzz::writeFile("repodata/primary.xml", data, primarySize);
    md.repomd.records.push_back({"primary", "repodata/primary.xml", "sha256", "", -1});
    if (ff) {
        mpm::fuzz::writeFile("repodata/filelists.xml", ff + 1, size - primarySize - 1);
        md.repomd.records.push_back({"filelists", "repodata/filelists.xml", "sha256", "", -1});
    }
    try {
        rd::RepoLoader::buildSolv(md);
        mpm::solv::Pool pool("x86_64");
        rd::RepoConfig cfg;
        cfg.id = "fuzz";
        ::Repo* repo = rd::RepoLoader::load(pool, cfg, md);
        pool.indexProvides();
        // the deferred parts, read from their caches on first lookup (or parsed again)
        if (repo->nsolvables > 0) {
            ::Solvable* first = pool_id2solvable(pool.raw(), repo->start);
            solvable_lookup_str(first, SOLVABLE_SUMMARY);
            for (mpm::solv::DataIterator it(pool.raw(), repo, repo->start, SOLVABLE_FILELIST);
                 it.step();) {
            }
        }
    } catch (const mpm::Error&) {
    } catch (const std::runtime_error&) {
        // buildSolv's documented failure: the broken file named, with libsolv's reason.
    }
    return 0;
}
