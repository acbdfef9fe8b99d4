#include "repodata/UpdateinfoSolv.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "repodata/RepoLoader.hpp"
#include "solv/File.hpp"

namespace mpm::repodata {

namespace {

// Stamped into updateinfo.solv: one made by another libsolv or from other metadata is not read.
std::string cookie(const RepoMetadata& md) {
    return std::string("mpm-updateinfo-1 ") + LIBSOLV_VERSION_STRING + " " + md.repomdDigest;
}

std::string cachePath(const RepoMetadata& md) {
    return md.genDir + "/updateinfo.solv";
}

// Parses the XML into `repo`, within the repository's limits. Throws std::runtime_error with
// what is wrong.
void parse(::Repo* repo, const RepoMetadata& md, const std::string& path) {
    std::string exceeded;
    solv::FilePtr f = solv::openCompressedLimited(path, {md.sizeLimit, md.textLimit}, exceeded);
    if (!f)
        throw std::runtime_error("cannot open advisory metadata " + path + ": " +
                                 std::strerror(errno));
    const int rc = repo_add_updateinfoxml(repo, f.get(), 0);
    if (!exceeded.empty()) throw MetadataLimitError(md.repoid, "advisory (updateinfo)", exceeded);
    if (rc != 0)
        throw std::runtime_error(std::string("advisory (updateinfo) metadata is damaged (") +
                                 pool_errstr(repo->pool) + ")");
}

}  // namespace

bool UpdateinfoSolv::load(::Repo* repo, const RepoMetadata& md) {
    const std::string path = md.path("updateinfo");
    if (path.empty() || md.lacks("updateinfo")) return false;
    loadStampedOrParse(repo, md, cachePath(md), cookie(md), [&](::Repo* r) { parse(r, md, path); });
    return true;
}

}  // namespace mpm::repodata
