#include "repodata/CurlLibrary.hpp"

#include <dlfcn.h>

#include <string>

#include "common/Error.hpp"

namespace mpm::repodata {

namespace {

template <typename F>
void bind(void* handle, const char* name, F& out) {
    void* sym = dlsym(handle, name);
    if (!sym)
        throw DownloadError(std::string("libcurl.so.4 has no ") + name + "; reinstall libcurl4");
    out = reinterpret_cast<F>(sym);
}

CurlLibrary load() {
    // Deliberately never dlclose()d: the process uses it until exit.
    void* h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!h)
        throw DownloadError(std::string("cannot load libcurl (") + dlerror() +
                            "); install the libcurl4 package");
    CurlLibrary c{};
    bind(h, "curl_global_init", c.global_init);
    bind(h, "curl_easy_init", c.easy_init);
    bind(h, "curl_easy_cleanup", c.easy_cleanup);
    bind(h, "curl_easy_setopt", c.easy_setopt);
    bind(h, "curl_easy_getinfo", c.easy_getinfo);
    bind(h, "curl_easy_strerror", c.easy_strerror);
    bind(h, "curl_multi_init", c.multi_init);
    bind(h, "curl_multi_cleanup", c.multi_cleanup);
    bind(h, "curl_multi_add_handle", c.multi_add_handle);
    bind(h, "curl_multi_remove_handle", c.multi_remove_handle);
    bind(h, "curl_multi_perform", c.multi_perform);
    bind(h, "curl_multi_info_read", c.multi_info_read);
    bind(h, "curl_multi_poll", c.multi_poll);
    c.global_init(CURL_GLOBAL_DEFAULT);
    return c;
}

}  // namespace

const CurlLibrary& curl() {
    static const CurlLibrary lib = load();
    return lib;
}

}  // namespace mpm::repodata
