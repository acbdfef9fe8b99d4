#include "repodata/RepoLoader.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "common/Error.hpp"
#include "solv/File.hpp"
#include "solv/Owned.hpp"
#include "solv/libsolv.hpp"

namespace mpm::repodata {

namespace {

// As libdnf does, primary and filelists are cached apart: repo_write() of a repo whose file
// lists live in a second repodata merges the two string pools and took 1.3 s on a 28k-package
// repo; writing each repodata by itself takes 0.12 s, and reading both back is as fast.
enum class Part { Primary, Filelists };

const char* partFile(Part part) {
    return part == Part::Primary ? "primary.solv" : "filelists.solvx";
}

// Stamped into every cache file: one written by another libsolv or for other metadata is rebuilt.
std::string cookie(const RepoMetadata& md, Part part) {
    return std::string("mpm-solv-3 ") + partFile(part) + " " + LIBSOLV_VERSION_STRING + " " +
           md.repomdDigest;
}

std::string cachePath(const RepoMetadata& md, Part part) {
    return md.genDir + "/" + partFile(part);
}

void addXml(::Repo* repo, const std::string& path, const char* what, const char* language,
            int flags) {
    solv::FilePtr f = solv::openCompressed(path);
    if (!f)
        throw std::runtime_error(std::string("cannot open ") + what + " metadata " + path + ": " +
                                 std::strerror(errno));
    if (repo_add_rpmmd(repo, f.get(), language, flags) != 0)
        throw std::runtime_error(std::string(what) + " metadata is corrupt (" +
                                 pool_errstr(repo->pool) + ")");
}

// Writes repodata [first, last) of `repo`; a read-only cache only costs speed, so failures are
// quiet.
void writePart(::Repo* repo, const RepoMetadata& md, Part part, int first, int last) {
    const std::string path = cachePath(md, part);
    const std::string tmp = path + ".tmp-" + std::to_string(getpid());
    solv::FilePtr f = solv::openPlain(tmp, "wb");
    if (!f) return;
    const std::string stamp = cookie(md, part);
    solv::RepoWriter writer(repowriter_create(repo));
    repowriter_set_repodatarange(writer.get(), first, last);
    if (part == Part::Filelists) repowriter_set_flags(writer.get(), REPOWRITER_NO_STORAGE_SOLVABLE);
    repowriter_set_userdata(writer.get(), stamp.data(), static_cast<int>(stamp.size()));
    const int rc = repowriter_write(writer.get(), f.get());
    writer.reset();
    // No fsync: a torn file fails repo_add_solv's own checks and is rebuilt from the XML.
    bool ok = rc == 0 && std::fflush(f.get()) == 0;
    f.reset();
    std::error_code ec;
    if (ok) std::filesystem::rename(tmp, path, ec);
    if (!ok || ec) std::filesystem::remove(tmp, ec);
}

// Parses the XML into `repo` and writes both cache files.
void loadXml(::Repo* repo, const RepoMetadata& md) {
    addXml(repo, md.path("primary"), "primary", nullptr, 0);
    writePart(repo, md, Part::Primary, 0, repo->nrepodata);
    const std::string filelists = md.path("filelists");
    if (filelists.empty()) return;
    const int first = repo->nrepodata;
    addXml(repo, filelists, "filelists", "FL", REPO_EXTEND_SOLVABLES | REPO_LOCALPOOL);
    writePart(repo, md, Part::Filelists, first, repo->nrepodata);
}

bool loadPart(::Repo* repo, const RepoMetadata& md, Part part, int flags) {
    solv::FilePtr f = solv::openPlain(cachePath(md, part), "rb");
    if (!f) return false;
    unsigned char* raw = nullptr;
    int len = 0;
    const bool read = solv_read_userdata(f.get(), &raw, &len) == 0;
    solv::SolvBuffer<unsigned char> data(raw);
    const std::string expect = cookie(md, part);
    if (!read || len != static_cast<int>(expect.size()) ||
        std::memcmp(data.get(), expect.data(), expect.size()) != 0)
        return false;
    std::rewind(f.get());
    return repo_add_solv(repo, f.get(), flags) == 0;
}

bool loadCached(::Repo* repo, const RepoMetadata& md) {
    if (!loadPart(repo, md, Part::Primary, 0)) return false;
    if (md.path("filelists").empty()) return true;
    return loadPart(repo, md, Part::Filelists, REPO_EXTEND_SOLVABLES | REPO_LOCALPOOL);
}

}  // namespace

void RepoLoader::buildSolv(const RepoMetadata& md) {
    solv::Pool scratch("noarch");
    loadXml(scratch.addRepo(md.repoid), md);
}

::Repo* RepoLoader::load(solv::Pool& pool, const RepoConfig& cfg, const RepoMetadata& md) {
    solv::RepoUnderConstruction repo(pool.addRepo(cfg.id));
    // dnf: a lower priority number wins; libsolv: a higher priority wins.
    repo.get()->priority = -cfg.priority;
    repo.get()->subpriority = -cfg.cost;
    if (loadCached(repo.get(), md)) return repo.keep();
    repo_empty(repo.get(), 1);
    try {
        loadXml(repo.get(), md);
    } catch (const std::exception& e) {
        throw RepoError(cfg.id, std::string(e.what()) + "; run 'mpm clean metadata' and retry");
    }
    return repo.keep();
}

}  // namespace mpm::repodata
