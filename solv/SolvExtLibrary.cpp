// Generated from the headers of libsolvext.so.1: do not edit; regenerate (a new function called)
// with: scripts/lazy-stubs solv/SolvExtLibrary.cpp libsolvext.so.1 libsolvext1 solv/libsolvext.symbols '<solv/pool.h>' '<solv/repo.h>' '<solv/repo_rpmmd.h>' '<solv/repo_repomdxml.h>' '<solv/repo_comps.h>' '<solv/repo_rpmdb.h>' '<solv/solv_xfopen.h>' '<solv/pool_parserpmrichdep.h>' '<solv/repo_updateinfoxml.h>' --cxx '"solv/libsolv.hpp"'
// Each function of libsolvext.so.1 that mpm calls, standing in for it: the library is loaded
// (dlopen) when the first one is called, so runs that call none never map it and the
// libraries it needs.
#include "solv/libsolv.hpp"

#include "common/SharedLibrary.hpp"

namespace {

const mpm::SharedLibrary<>& library() {
    static const mpm::SharedLibrary<> loaded("libsolvext.so.1", "libsolvext1");
    return loaded;
}

}  // namespace

// Not exported: a shared library linked later that calls these functions (librpm calls
// SQLite) must reach the library's own, not go through these.
#pragma GCC visibility push(hidden)
extern "C" {

Id pool_parserpmrichdep(Pool * a0, const char * a1) {
    static const auto f = library().function<decltype(&pool_parserpmrichdep)>("pool_parserpmrichdep");
    return f(a0, a1);
}

int repo_add_comps(Repo * a0, FILE * a1, int a2) {
    static const auto f = library().function<decltype(&repo_add_comps)>("repo_add_comps");
    return f(a0, a1, a2);
}

int repo_add_repomdxml(Repo * a0, FILE * a1, int a2) {
    static const auto f = library().function<decltype(&repo_add_repomdxml)>("repo_add_repomdxml");
    return f(a0, a1, a2);
}

Id repo_add_rpm(Repo * a0, const char * a1, int a2) {
    static const auto f = library().function<decltype(&repo_add_rpm)>("repo_add_rpm");
    return f(a0, a1, a2);
}

Id repo_add_rpm_handle(Repo * a0, void * a1, int a2) {
    static const auto f = library().function<decltype(&repo_add_rpm_handle)>("repo_add_rpm_handle");
    return f(a0, a1, a2);
}

int repo_add_rpmmd(Repo * a0, FILE * a1, const char * a2, int a3) {
    static const auto f = library().function<decltype(&repo_add_rpmmd)>("repo_add_rpmmd");
    return f(a0, a1, a2, a3);
}

int repo_add_updateinfoxml(Repo * a0, FILE * a1, int a2) {
    static const auto f = library().function<decltype(&repo_add_updateinfoxml)>("repo_add_updateinfoxml");
    return f(a0, a1, a2);
}

void * rpm_byrpmh(void * a0, struct headerToken_s * a1) {
    static const auto f = library().function<decltype(&rpm_byrpmh)>("rpm_byrpmh");
    return f(a0, a1);
}

void * rpm_state_create(Pool * a0, const char * a1) {
    static const auto f = library().function<decltype(&rpm_state_create)>("rpm_state_create");
    return f(a0, a1);
}

void * rpm_state_free(void * a0) {
    static const auto f = library().function<decltype(&rpm_state_free)>("rpm_state_free");
    return f(a0);
}

FILE * solv_xfopen(const char * a0, const char * a1) {
    static const auto f = library().function<decltype(&solv_xfopen)>("solv_xfopen");
    return f(a0, a1);
}

FILE * solv_xfopen_fd(const char * a0, int a1, const char * a2) {
    static const auto f = library().function<decltype(&solv_xfopen_fd)>("solv_xfopen_fd");
    return f(a0, a1, a2);
}

}  // extern "C"
#pragma GCC visibility pop
