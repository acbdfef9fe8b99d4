// The floor for a warm load: libsolv alone reading mpm's cache files into a pool (primary.solv,
// then filelists.solvx extending it), indexing file provides and whatprovides, as mpm does
// before answering a query. Benchmarks compare mpm's warm runs against this program run the
// same way (one process per run).
#include <cstdio>
#include <cstring>

#include "solv/libsolv.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s primary.solv [filelists.solvx]\n", argv[0]);
        return 2;
    }
    ::Pool* pool = pool_create();
    pool_setdisttype(pool, DISTTYPE_RPM);
    pool_setarch(pool, "x86_64");
    ::Repo* repo = repo_create(pool, "bench");
    for (int i = 1; i < argc; ++i) {
        bool ext = std::strstr(argv[i], ".solvx") != nullptr;
        FILE* f = std::fopen(argv[i], "rb");
        if (!f || repo_add_solv(repo, f, ext ? REPO_EXTEND_SOLVABLES | REPO_LOCALPOOL : 0) != 0) {
            std::fprintf(stderr, "cannot load %s\n", argv[i]);
            return 1;
        }
        std::fclose(f);
    }
    pool_addfileprovides(pool);
    pool_createwhatprovides(pool);
    std::printf("%d solvables\n", pool->nsolvables);
    pool_free(pool);
    return 0;
}
