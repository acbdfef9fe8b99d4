// The floor for a warm run: libsolv alone reading mpm's cache files into a pool (primary.solv,
// and a filelists.solvx given after it extending it), indexing file provides and whatprovides as a
// command that matches dependencies must (the file provides mpm recorded in primary.solv spare the
// scan of the file lists, here as in mpm), and, with --install NAME (repeatable), solving an
// install job for them. --no-provides stops after loading: the floor of a query by name, which
// indexes nothing. --whatprovides DEP loads, then lists the packages whose provides match DEP
// without any index (libsolv's pool_whatmatchesdep), as mpm answers a name, a versioned name or a
// file its caches record as a file dependency. --hidden FILE keeps the packages it names out of the
// solver's sight, as mpm's modular filtering does (libsolv's considered map; the file is a
// bitmap over the repository's packages, bit i for its i-th); --visible LIST --write-hidden
// FILE makes that bitmap, untimed, from the packages mpm shows (LIST: `mpm repoquery`'s
// name-epoch:version-release.arch lines). Benchmarks compare mpm's warm runs against this
// program run the same way (one process per run).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "solv/libsolv.hpp"

int main(int argc, char** argv) {
    std::vector<const char*> install;
    bool provides = true;
    const char* whatprovides = nullptr;
    const char* hiddenFile = nullptr;
    const char* visibleList = nullptr;
    const char* writeHidden = nullptr;
    ::Pool* pool = pool_create();
    pool_setdisttype(pool, DISTTYPE_RPM);
    pool_setarch(pool, "x86_64");
    ::Repo* repo = repo_create(pool, "bench");
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--install") == 0 && i + 1 < argc) {
            install.push_back(argv[++i]);
            continue;
        }
        if (std::strcmp(argv[i], "--no-provides") == 0) {
            provides = false;
            continue;
        }
        const std::pair<const char*, const char**> valued[] = {{"--hidden", &hiddenFile},
                                                               {"--visible", &visibleList},
                                                               {"--write-hidden", &writeHidden},
                                                               {"--whatprovides", &whatprovides}};
        bool taken = false;
        for (const auto& [flag, value] : valued)
            if (!taken && std::strcmp(argv[i], flag) == 0 && i + 1 < argc) {
                *value = argv[++i];
                taken = true;
            }
        if (taken) continue;
        bool ext = std::strstr(argv[i], ".solvx") != nullptr;
        FILE* f = std::fopen(argv[i], "rb");
        if (!f || repo_add_solv(repo, f, ext ? REPO_EXTEND_SOLVABLES | REPO_LOCALPOOL : 0) != 0) {
            std::fprintf(stderr, "cannot load %s\n", argv[i]);
            return 1;
        }
        std::fclose(f);
    }
    if (whatprovides) provides = false;  // it compares provides, with no index
    if (visibleList && writeHidden) {
        std::ifstream in(visibleList);
        std::unordered_set<std::string> visible;
        for (std::string line; std::getline(in, line);) visible.insert(line);
        std::string bits((repo->end - repo->start + 7) / 8, '\0');
        size_t shown = 0;
        for (Id p = repo->start; p < repo->end; ++p) {
            const ::Solvable* s = pool_id2solvable(pool, p);
            if (s->repo != repo) continue;
            const std::string evr = pool_id2str(pool, s->evr);
            const std::string nevra = std::string(pool_id2str(pool, s->name)) + "-" +
                                      (evr.find(':') == std::string::npos ? "0:" : "") + evr + "." +
                                      pool_id2str(pool, s->arch);
            const Id i = p - repo->start;
            if (visible.count(nevra))
                ++shown;
            else
                bits[i / 8] = static_cast<char>(bits[i / 8] | (1 << (i % 8)));
        }
        if (shown < visible.size()) {  // every package mpm shows must be one of the repository's
            std::fprintf(stderr, "%zu of the %zu packages listed are not in the repository\n",
                         visible.size() - shown, visible.size());
            return 1;
        }
        std::ofstream(writeHidden, std::ios::binary) << bits;
        std::printf("%zu hidden\n", static_cast<size_t>(repo->end - repo->start) - shown);
        return 0;
    }
    if (hiddenFile) {
        std::ifstream in(hiddenFile, std::ios::binary);
        const std::string bits((std::istreambuf_iterator<char>(in)), {});
        if (bits.size() != static_cast<size_t>(repo->end - repo->start + 7) / 8) {
            std::fprintf(stderr, "%s is not a bitmap of this repository's packages\n", hiddenFile);
            return 1;
        }
        pool->considered = static_cast<Map*>(solv_calloc(1, sizeof(Map)));
        map_init(pool->considered, pool->nsolvables);
        map_setall(pool->considered);
        for (Id i = 0; i < repo->end - repo->start; ++i)
            if (bits[i / 8] & (1 << (i % 8))) MAPCLR(pool->considered, repo->start + i);
    }
    pool_set_installed(pool, repo_create(pool, "@System"));
    if (provides) {
        pool_addfileprovides(pool);
        pool_createwhatprovides(pool);
    }
    if (!install.empty()) {
        Queue job;
        queue_init(&job);
        for (const char* name : install)
            queue_push2(&job, SOLVER_INSTALL | SOLVER_SOLVABLE_NAME, pool_str2id(pool, name, 1));
        Solver* solver = solver_create(pool);
        int problems = solver_solve(solver, &job);
        Transaction* trans = solver_create_transaction(solver);
        transaction_order(trans, 0);
        std::printf("%d problems, %d steps\n", problems, trans->steps.count);
        transaction_free(trans);
        solver_free(solver);
        queue_free(&job);
        if (problems) return 1;  // the floor times requests that succeed, as mpm's are
    } else if (whatprovides) {
        Queue found;
        queue_init(&found);
        pool_whatmatchesdep(pool, SOLVABLE_PROVIDES, pool_str2id(pool, whatprovides, 1), &found, 0);
        std::printf("%d providers\n", found.count);
        queue_free(&found);
    } else {
        std::printf("%d solvables\n", pool->nsolvables);
    }
    if (pool->considered) {  // (pool_free leaves it)
        map_free(pool->considered);
        pool->considered = static_cast<Map*>(solv_free(pool->considered));
    }
    pool_free(pool);
    return 0;
}
