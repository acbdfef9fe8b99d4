#include "repodata/CompsSolv.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/Error.hpp"
#include "repodata/RepoLoader.hpp"
#include "solv/File.hpp"
#include "solv/Pool.hpp"
#include "solv/RepoCache.hpp"

namespace mpm::repodata {

namespace {

// Stamped into comps.solv: one made by another libsolv or from other metadata is not read.
std::string cookie(const RepoMetadata& md) {
    return std::string("mpm-comps-1 ") + LIBSOLV_VERSION_STRING + " " + md.repomdDigest;
}

std::string cachePath(const RepoMetadata& md) {
    return md.genDir + "/comps.solv";
}

std::string xmlPath(const RepoMetadata& md) {
    const std::string gz = md.path("group_gz");
    return gz.empty() ? md.path("group") : gz;
}

// libsolv's comps reader reports a broken document only through the pool's debug output (to
// stderr by default) and returns success: its errors are caught here instead.
void collectError(::Pool*, void* data, int type, const char* text) {
    if (type & SOLV_ERROR) *static_cast<std::string*>(data) += text;
}

// Parses the XML into `repo`, within the repository's limits. Throws std::runtime_error with
// what is wrong.
void parse(::Repo* repo, const RepoMetadata& md, const std::string& path) {
    std::string exceeded;
    solv::FilePtr f = solv::openCompressedLimited(path, {md.sizeLimit, md.textLimit}, exceeded);
    if (!f)
        throw std::runtime_error("cannot open comps metadata " + path + ": " +
                                 std::strerror(errno));
    std::string error;
    pool_setdebugcallback(repo->pool, collectError, &error);
    const int rc = repo_add_comps(repo, f.get(), 0);
    pool_setdebugcallback(repo->pool, nullptr, nullptr);
    if (!exceeded.empty()) throw MetadataLimitError(md.repoid, "comps (group)", exceeded);
    while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) error.pop_back();
    if (rc != 0 || !error.empty())
        throw std::runtime_error("comps (group) metadata is damaged (" +
                                 (error.empty() ? std::string(pool_errstr(repo->pool)) : error) +
                                 ")");
}

}  // namespace

void CompsSolv::build(const RepoMetadata& md) {
    const std::string path = xmlPath(md);
    if (path.empty()) return;
    solv::Pool scratch("noarch");
    ::Repo* repo = scratch.addRepo(md.repoid);
    parse(repo, md, path);
    solv::writeStampedSolv(repo, cachePath(md), cookie(md));
}

bool CompsSolv::load(::Repo* repo, const RepoMetadata& md) {
    const std::string path = xmlPath(md);
    if (path.empty()) return false;
    loadStampedOrParse(repo, md, cachePath(md), cookie(md), [&](::Repo* r) { parse(r, md, path); });
    return true;
}

}  // namespace mpm::repodata
