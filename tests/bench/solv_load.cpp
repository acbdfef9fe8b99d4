// The floor for a warm run: libsolv alone reading mpm's cache files into a pool (primary.solv,
// then filelists.solvx extending it), indexing file provides and whatprovides, and, with
// --install NAME, solving an install job for it. Benchmarks compare mpm's warm runs against
// this program run the same way (one process per run).
#include <cstdio>
#include <cstring>
#include <string>

#include "solv/libsolv.hpp"

int main(int argc, char** argv) {
    const char* install = nullptr;
    ::Pool* pool = pool_create();
    pool_setdisttype(pool, DISTTYPE_RPM);
    pool_setarch(pool, "x86_64");
    ::Repo* repo = repo_create(pool, "bench");
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--install") == 0 && i + 1 < argc) {
            install = argv[++i];
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
    pool_addfileprovides(pool);
    pool_createwhatprovides(pool);
    int rc = 0;
    if (install) {
        Queue job;
        queue_init(&job);
        queue_push2(&job, SOLVER_INSTALL | SOLVER_SOLVABLE_NAME, pool_str2id(pool, install, 1));
        Solver* solver = solver_create(pool);
        int problems = solver_solve(solver, &job);
        Transaction* trans = solver_create_transaction(solver);
        transaction_order(trans, 0);
        std::printf("%d problems, %d steps\n", problems, trans->steps.count);
        transaction_free(trans);
        solver_free(solver);
        queue_free(&job);
    } else {
        std::printf("%d solvables\n", pool->nsolvables);
    }
    pool_free(pool);
    return rc;
}
