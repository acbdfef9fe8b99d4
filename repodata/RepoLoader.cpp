#include "repodata/RepoLoader.hpp"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <vector>

#include "common/Error.hpp"
#include "repodata/CompsSolv.hpp"
#include "repodata/SideFilelists.hpp"
#include "solv/File.hpp"
#include "solv/Owned.hpp"
#include "solv/RepoCache.hpp"
#include "solv/libsolv.hpp"

namespace mpm::repodata {

namespace {

// As libdnf does, primary and filelists are cached apart: repo_write() of a repo whose file
// lists live in a second repodata merges the two string pools and took 1.3 s on a 28k-package
// repo; writing each repodata by itself takes 0.12 s, and reading both back is as fast. And
// what primary.xml says that resolving and queries by name never read (Info: summaries,
// descriptions, licenses...) is cached apart from what they do read: libsolv copies every
// package's strings as it reads a cache, and they were a quarter of reading primary.solv.
enum class Part { Primary, Info, Filelists };

const char* partFile(Part part) {
    switch (part) {
        case Part::Primary:
            return "primary.solv";
        case Part::Info:
            return "info.solvx";
        case Part::Filelists:
            return "filelists.solvx";
    }
    return "";
}

// The keys of info.solvx, as libsolv's stub declares them (a lookup of any loads them all).
const std::vector<std::pair<Id, Id>> kInfoKeys = {
    {SOLVABLE_SUMMARY, REPOKEY_TYPE_STR},   {SOLVABLE_DESCRIPTION, REPOKEY_TYPE_STR},
    {SOLVABLE_URL, REPOKEY_TYPE_STR},       {SOLVABLE_LICENSE, REPOKEY_TYPE_ID},
    {SOLVABLE_PACKAGER, REPOKEY_TYPE_ID},   {SOLVABLE_GROUP, REPOKEY_TYPE_ID},
    {SOLVABLE_BUILDHOST, REPOKEY_TYPE_STR}, {SOLVABLE_SOURCENAME, REPOKEY_TYPE_ID},
    {SOLVABLE_SOURCEEVR, REPOKEY_TYPE_ID},  {SOLVABLE_SOURCEARCH, REPOKEY_TYPE_ID},
};
// (Numbers cost little to read, and the solver reads the build time: libsolv's
// solvable_identical, in a distro-sync or a reinstall. They stay in primary.solv.)

bool isInfoKey(Id name) {
    return std::any_of(kInfoKeys.begin(), kInfoKeys.end(),
                       [name](const auto& key) { return key.first == name; });
}

// Stamped into every cache file: one written by another libsolv or for other metadata is rebuilt.
std::string cookie(const RepoMetadata& md, Part part) {
    return std::string("mpm-solv-5 ") + partFile(part) + " " + LIBSOLV_VERSION_STRING + " " +
           md.repomdDigest;
}

std::string cachePath(const RepoMetadata& md, Part part) {
    return md.genDir + "/" + partFile(part);
}

// Parses one XML file, within the repository's limits on what that may cost (read through
// `through`, when given).
void addXml(::Repo* repo, const RepoMetadata& md, const std::string& path, const char* what,
            const char* language, int flags, const SideFilelists::Through& through = {}) {
    std::string exceeded;
    solv::FilePtr f = solv::openCompressedLimited(path, {md.sizeLimit, md.textLimit}, exceeded);
    if (f && through) f = through(std::move(f));
    if (!f)
        throw std::runtime_error(std::string("cannot open ") + what + " metadata " + path + ": " +
                                 std::strerror(errno));
    const int rc = repo_add_rpmmd(repo, f.get(), language, flags);
    if (!exceeded.empty()) throw MetadataLimitError(md.repoid, what, exceeded);
    if (rc != 0)
        throw std::runtime_error(std::string(what) + " metadata is corrupt (" +
                                 pool_errstr(repo->pool) + ")");
}

// What a cache file that could not be written (`why`) costs, in the words of one warning.
std::string cacheProblem(const RepoMetadata& md, Part part, const std::string& why) {
    return "cannot write its cache " + cachePath(md, part) + " (" + why +
           "); every run parses its metadata again until it can";
}

// What writeSolv is given for a part.
int writerFlags(Part part) {
    return part == Part::Primary ? 0 : REPOWRITER_NO_STORAGE_SOLVABLE;
}
solv::KeySelection keysOf(Part part) {
    if (part == Part::Primary) return [](Id name) { return !isInfoKey(name); };
    if (part == Part::Info) return isInfoKey;
    return {};
}

// Writes repodata [first, last) of `repo`; a cache that cannot be written only costs speed:
// the reason is kept for one warning.
void writePart(::Repo* repo, const RepoMetadata& md, Part part, int first, int last,
               std::string& problem) {
    const std::string why = solv::writeStampedSolv(repo, cachePath(md, part), cookie(md, part),
                                                   first, last, writerFlags(part), keysOf(part));
    if (!why.empty() && problem.empty()) problem = cacheProblem(md, part, why);
}

void addPrimary(::Repo* repo, const RepoMetadata& md) {
    addXml(repo, md, md.path("primary"), "primary", nullptr, 0);
}

void addFilelists(::Repo* repo, const RepoMetadata& md,
                  int flags = REPO_EXTEND_SOLVABLES | REPO_LOCALPOOL) {
    addXml(repo, md, md.path("filelists"), "filelists", "FL", flags);
}

// Writes primary.xml's two cache files from `repo`, which holds it.
void writePrimary(::Repo* repo, const RepoMetadata& md, std::string& problem) {
    writePart(repo, md, Part::Primary, 0, repo->nrepodata, problem);
    writePart(repo, md, Part::Info, 0, repo->nrepodata, problem);
}

// Parses the XML into `repo` and writes every cache file.
void loadXml(::Repo* repo, const RepoMetadata& md, std::string& problem) {
    addPrimary(repo, md);
    writePrimary(repo, md, problem);
    if (md.path("filelists").empty()) return;
    const int first = repo->nrepodata;
    addFilelists(repo, md);
    writePart(repo, md, Part::Filelists, first, repo->nrepodata, problem);
}

// Writes both cache files as loadXml does, with filelists.xml parsed on a second core meanwhile
// (a refresh's cost is these two parses). Primary's pool is gone before the file lists are
// written, so the two need not be in memory whole at once.
void buildXml(const RepoMetadata& md, std::string& problem) {
    SideFilelists side([&md](::Repo* repo, int flags, const SideFilelists::Through& through) {
        addXml(repo, md, md.path("filelists"), "filelists", "FL", flags, through);
    });
    std::vector<std::string> packages;
    {
        solv::Pool scratch("noarch");
        ::Repo* repo = scratch.addRepo(md.repoid);
        addPrimary(repo, md);
        writePrimary(repo, md, problem);
        packages = SideFilelists::checksumsOf(repo);
    }
    malloc_trim(0);  // what primary's pool held goes back now, not kept beside the file lists
    if (const SideFilelists::Result lists = side.joinTo(packages); lists.repo)
        return writePart(lists.repo, md, Part::Filelists, lists.first, lists.repo->nrepodata,
                         problem);
    // filelists.xml lists the packages in another order than primary.xml (not createrepo_c's
    // doing): parsed again, joined to primary's packages by checksum
    solv::Pool scratch("noarch");
    loadXml(scratch.addRepo(md.repoid), md, problem);
}

bool loadPart(::Repo* repo, const RepoMetadata& md, Part part, int flags) {
    return solv::readStampedSolv(repo, cachePath(md, part), cookie(md, part), flags);
}

// Reads deferred file lists into `stub`, the repodata libsolv is loading: from their cache when
// it still has the fingerprint it was written with (read whole only now), else from
// filelists.xml, writing the cache again (a damaged one is rebuilt by the run that needs it,
// quietly, as at load).
bool loadFilelists(::Repodata* stub, const RepoMetadata& md, const solv::StampedFile& cache,
                   std::vector<std::string>& notes) {
    constexpr int kFlags = REPO_USE_LOADING | REPO_EXTEND_SOLVABLES | REPO_LOCALPOOL;
    ::Repo* repo = stub->repo;
    const int packages = repo->nsolvables;
    // libsolv frees the repository's packages when an extension fails to load once it has
    // begun on them: only a file that is as it was written is given to it. One it refuses
    // before that (packages untouched) is read from the XML as a damaged one is.
    if (cache.unchanged()) {
        if (repo_add_solv(repo, cache.file.get(), kFlags) == 0) return true;
        if (repo->nsolvables != packages)
            throw std::runtime_error("the cached file lists of repository '" + md.repoid +
                                     "' could not be read (" + pool_errstr(repo->pool) +
                                     "), and its packages were left out of this run: run "
                                     "'mpm clean metadata' and retry");
    }
    try {
        addFilelists(repo, md, kFlags);
    } catch (const std::exception& e) {
        throw std::runtime_error("the file lists of repository '" + md.repoid +
                                 "' could not be read (" + e.what() +
                                 "); they were left out: run 'mpm clean metadata' and retry");
    }
    std::string problem;
    const int id = stub->repodataid;
    writePart(repo, md, Part::Filelists, id, id + 1, problem);
    if (!problem.empty()) notes.push_back("repository '" + md.repoid + "': " + problem);
    return true;
}

// Reads the deferred package details into `stub`: from their cache when it is as it was
// written, else from primary.xml again (the cache written anew; a damaged one is rebuilt by
// the run that needs it, quietly, as at load).
bool loadInfo(::Repodata* stub, const RepoMetadata& md, const solv::StampedFile& cache,
              std::vector<std::string>& notes) {
    constexpr int kFlags = REPO_USE_LOADING | REPO_EXTEND_SOLVABLES | REPO_LOCALPOOL;
    ::Repo* repo = stub->repo;
    const int packages = repo->nsolvables;
    const auto unreadable = [&](const std::string& why) {
        return std::runtime_error("the package details (summaries, licenses) of repository '" +
                                  md.repoid + "' could not be read (" + why +
                                  "): run 'mpm clean metadata' and retry");
    };
    if (cache.unchanged()) {
        if (repo_add_solv(repo, cache.file.get(), kFlags) == 0) return true;
        if (repo->nsolvables != packages) throw unreadable(pool_errstr(repo->pool));
    }
    // Damaged: made again from primary.xml, in memory (a cache that cannot be written, for a
    // user who may only read it, still gives the details), and written back when it can be.
    char* bytes = nullptr;
    size_t size = 0;
    std::unique_ptr<char, decltype(&std::free)> owned(nullptr, &std::free);
    {
        solv::Pool scratch("noarch");
        ::Repo* parsed = scratch.addRepo(md.repoid);
        try {
            addPrimary(parsed, md);
        } catch (const std::exception& e) {
            throw unreadable(e.what());
        }
        solv::FilePtr memory(open_memstream(&bytes, &size));
        const int rc =
            memory ? solv::writeSolv(parsed, memory.get(), cookie(md, Part::Info), 0,
                                     parsed->nrepodata, writerFlags(Part::Info), keysOf(Part::Info))
                   : -1;
        memory.reset();  // (flushes: bytes and size are final)
        owned.reset(bytes);
        if (rc != 0) throw unreadable("it could not be made again");
    }
    const std::string why = solv::writeStampedFile(
        cachePath(md, Part::Info), [&](FILE* f) { return std::fwrite(bytes, 1, size, f) == size; });
    if (!why.empty())
        notes.push_back("repository '" + md.repoid + "': " + cacheProblem(md, Part::Info, why));
    solv::FilePtr made(fmemopen(bytes, size, "r"));
    if (!made || repo_add_solv(repo, made.get(), kFlags) != 0)
        throw unreadable(made ? pool_errstr(repo->pool) : std::strerror(errno));
    return true;
}

// The file lists are read when something first looks one up (a file no package depends on, a
// file list shown, file provides the cache does not list yet): queries by name, module commands
// and resolves whose file dependencies the cache covers never read them, nor check their cache.
bool loadCached(solv::Pool& pool, ::Repo* repo, const RepoMetadata& md) {
    const auto open = [&md](Part part) {
        return std::make_shared<solv::StampedFile>(
            solv::openStampedSolv(cachePath(md, part), cookie(md, part), solv::Verify::Later));
    };
    // Every file is there before anything is read or deferred: a repository not loaded from
    // its caches is emptied and parsed again, with no stub left behind.
    const auto info = open(Part::Info);
    const auto lists = md.path("filelists").empty() ? nullptr : open(Part::Filelists);
    if (!*info || (lists && !*lists) || !loadPart(repo, md, Part::Primary, 0)) return false;
    pool.deferRepodata(repo, kInfoKeys,
                       [info, md](::Repodata* stub, std::vector<std::string>& notes) {
                           return loadInfo(stub, md, *info, notes);
                       });
    if (lists)
        pool.deferRepodata(repo, {{SOLVABLE_FILELIST, REPOKEY_TYPE_DIRSTRARRAY}},
                           [lists, md](::Repodata* stub, std::vector<std::string>& notes) {
                               return loadFilelists(stub, md, *lists, notes);
                           });
    return true;
}

}  // namespace

void loadStampedOrParse(::Repo* repo, const RepoMetadata& md, const std::string& cachePath,
                        const std::string& stamp, const std::function<void(::Repo*)>& parse) {
    if (solv::readStampedSolv(repo, cachePath, stamp, 0)) return;
    repo_empty(repo, 1);
    try {
        parse(repo);
    } catch (const MetadataLimitError& e) {
        throw RepoError(md.repoid, e.what());  // (a fresh download would be refused the same)
    } catch (const std::exception& e) {
        throw RepoError(md.repoid, std::string(e.what()) + "; run 'mpm clean metadata' and retry");
    }
    solv::writeStampedSolv(repo, cachePath, stamp);
}

void RepoLoader::buildSolv(const RepoMetadata& md) {
    std::string problem;  // a refresh's caches that cannot be written are rebuilt when loaded
    if (md.path("filelists").empty()) {
        solv::Pool scratch("noarch");
        loadXml(scratch.addRepo(md.repoid), md, problem);
    } else {
        buildXml(md, problem);
    }
    CompsSolv::build(md);
}

::Repo* RepoLoader::load(solv::Pool& pool, const RepoConfig& cfg, const RepoMetadata& md,
                         std::string* cacheProblem) {
    solv::RepoUnderConstruction repo(pool.addRepo(cfg.id));
    // dnf: a lower priority number wins; libsolv: a higher priority wins.
    repo.get()->priority = -cfg.priority;
    repo.get()->subpriority = -cfg.cost;
    if (loadCached(pool, repo.get(), md)) return repo.keep();
    repo_empty(repo.get(), 1);
    std::string problem;
    try {
        loadXml(repo.get(), md, problem);
    } catch (const MetadataLimitError& e) {
        throw RepoError(cfg.id, e.what());  // (a fresh download would be refused the same)
    } catch (const std::exception& e) {
        throw RepoError(cfg.id, std::string(e.what()) + "; run 'mpm clean metadata' and retry");
    }
    if (cacheProblem) *cacheProblem = problem;
    return repo.keep();
}

// primary's repodata is the repo's first (libsolv's repodata 0 is reserved); after it come the
// file lists (from the XML) or the stubs that read the package details and the file lists
// later, and what names them (from the caches).
constexpr int kPrimaryEnd = 2;

void RepoLoader::keepFileProvides(::Repo* repo, const RepoMetadata& md, const solv::Queue& files) {
    if (repo->nrepodata < kPrimaryEnd || !solv::recordFileProvides(repo, files)) return;
    std::string problem;
    writePart(repo, md, Part::Primary, 0, kPrimaryEnd, problem);
}

}  // namespace mpm::repodata
