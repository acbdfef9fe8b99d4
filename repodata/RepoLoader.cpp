#include "repodata/RepoLoader.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "solv/libsolv.hpp"

#include "common/Error.hpp"
#include "solv/File.hpp"

namespace mpm::repodata {

namespace {

// Stamped into every .solv: a file written by another libsolv or for other metadata is rebuilt.
std::string cookie(const RepoMetadata& md) {
    return std::string("mpm-solv-2 ") + LIBSOLV_VERSION_STRING + " " + md.repomdDigest;
}

void addXml(::Repo* repo, const std::string& path, const char* what, const char* language, int flags) {
    solv::FilePtr f = solv::openCompressed(path);
    if (!f) throw std::runtime_error(std::string("cannot open ") + what + " metadata " + path + ": " + std::strerror(errno));
    if (repo_add_rpmmd(repo, f.get(), language, flags) != 0)
        throw std::runtime_error(std::string(what) + " metadata is corrupt (" + pool_errstr(repo->pool) + ")");
}

void loadXml(::Repo* repo, const RepoMetadata& md) {
    // primary must be internalized first: filelists extend solvables found by their pkgid.
    addXml(repo, md.path("primary"), "primary", nullptr, 0);
    const std::string filelists = md.path("filelists");
    if (!filelists.empty()) addXml(repo, filelists, "filelists", "FL", REPO_EXTEND_SOLVABLES | REPO_NO_INTERNALIZE);
    repo_internalize(repo);
}

void writeSolv(::Repo* repo, const RepoMetadata& md) {
    const std::string path = RepoLoader::solvPath(md);
    const std::string tmp = path + ".tmp-" + std::to_string(getpid());
    solv::FilePtr f = solv::openPlain(tmp, "wb");
    if (!f) return;  // a read-only cache only costs speed
    const std::string stamp = cookie(md);
    Repowriter* writer = repowriter_create(repo);
    repowriter_set_userdata(writer, stamp.data(), static_cast<int>(stamp.size()));
    int rc = repowriter_write(writer, f.get());
    repowriter_free(writer);
    bool ok = rc == 0 && std::fflush(f.get()) == 0 && fsync(fileno(f.get())) == 0;
    f.reset();
    std::error_code ec;
    if (ok) std::filesystem::rename(tmp, path, ec);
    if (!ok || ec) std::filesystem::remove(tmp, ec);
}

bool loadSolv(::Repo* repo, const RepoMetadata& md) {
    solv::FilePtr f = solv::openPlain(RepoLoader::solvPath(md), "rb");
    if (!f) return false;
    unsigned char* data = nullptr;
    int len = 0;
    const std::string expect = cookie(md);
    bool match = solv_read_userdata(f.get(), &data, &len) == 0 && len == static_cast<int>(expect.size()) &&
                 std::memcmp(data, expect.data(), expect.size()) == 0;
    solv_free(data);
    if (!match) return false;
    std::rewind(f.get());
    if (repo_add_solv(repo, f.get(), 0) != 0) {
        repo_empty(repo, 1);
        return false;
    }
    return true;
}

}  // namespace

void RepoLoader::buildSolv(const RepoMetadata& md) {
    solv::Pool scratch("noarch");
    ::Repo* repo = scratch.addRepo(md.repoid);
    loadXml(repo, md);
    writeSolv(repo, md);
}

::Repo* RepoLoader::load(solv::Pool& pool, const RepoConfig& cfg, const RepoMetadata& md) {
    ::Repo* repo = pool.addRepo(cfg.id);
    // dnf: a lower priority number wins; libsolv: a higher priority wins.
    repo->priority = -cfg.priority;
    repo->subpriority = -cfg.cost;
    if (loadSolv(repo, md)) return repo;
    try {
        loadXml(repo, md);
    } catch (const std::exception& e) {
        repo_free(repo, 1);
        throw RepoError(cfg.id, std::string(e.what()) + "; run 'mpm clean metadata' and retry");
    }
    writeSolv(repo, md);
    return repo;
}

}  // namespace mpm::repodata
