// The floor for a warm run: libsolv alone reading mpm's cache files into a pool (primary.solv,
// and a filelists.solvx given after it extending it), indexing file provides and whatprovides as a command that
// matches dependencies must (the file provides mpm recorded in primary.solv spare the scan of
// the file lists, here as in mpm), and, with --install NAME (repeatable), solving an install job
// for them. --no-provides stops after loading: the floor of a query by name, which indexes
// nothing. --whatprovides DEP loads, then lists the packages whose provides match DEP without
// any index (libsolv's pool_whatmatchesdep), as mpm answers a name, a versioned name or a file
// its caches record as a file dependency. Benchmarks compare mpm's warm runs against this
// program run the same way (one process per run).
#include <cstdio>
#include <cstring>
#include <vector>

#include "solv/libsolv.hpp"

int main(int argc, char** argv) {
    std::vector<const char*> install;
    bool provides = true;
    const char* whatprovides = nullptr;
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
        if (std::strcmp(argv[i], "--whatprovides") == 0 && i + 1 < argc) {
            whatprovides = argv[++i];
            provides = false;
            continue;
        }
        bool ext = std::strstr(argv[i], ".solvx") != nullptr;
        FILE* f = std::fopen(argv[i], "rb");
        if (!f || repo_add_solv(repo, f, ext ? REPO_EXTEND_SOLVABLES | REPO_LOCALPOOL : 0) != 0) {
            std::fprintf(stderr, "cannot load %s\n", argv[i]);
            return 1;
        }
        std::fclose(f);
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
    } else if (whatprovides) {
        Queue found;
        queue_init(&found);
        pool_whatmatchesdep(pool, SOLVABLE_PROVIDES, pool_str2id(pool, whatprovides, 1), &found, 0);
        std::printf("%d providers\n", found.count);
        queue_free(&found);
    } else {
        std::printf("%d solvables\n", pool->nsolvables);
    }
    pool_free(pool);
    return 0;
}
