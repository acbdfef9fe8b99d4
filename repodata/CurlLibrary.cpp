#include "repodata/CurlLibrary.hpp"

#include <string>

#include "common/SharedLibrary.hpp"

namespace mpm::repodata {

namespace {

CurlLibrary load() {
    const SharedLibrary<DownloadError> lib("libcurl.so.4", "libcurl4");
    CurlLibrary c{};
    lib.bind("curl_global_init", c.global_init);
    lib.bind("curl_easy_init", c.easy_init);
    lib.bind("curl_easy_cleanup", c.easy_cleanup);
    lib.bind("curl_easy_setopt", c.easy_setopt);
    lib.bind("curl_easy_getinfo", c.easy_getinfo);
    lib.bind("curl_easy_strerror", c.easy_strerror);
    lib.bind("curl_multi_init", c.multi_init);
    lib.bind("curl_multi_cleanup", c.multi_cleanup);
    lib.bind("curl_multi_add_handle", c.multi_add_handle);
    lib.bind("curl_multi_remove_handle", c.multi_remove_handle);
    lib.bind("curl_multi_perform", c.multi_perform);
    lib.bind("curl_multi_info_read", c.multi_info_read);
    lib.bind("curl_multi_poll", c.multi_poll);
    c.global_init(CURL_GLOBAL_DEFAULT);
    return c;
}

}  // namespace

const CurlLibrary& curl() {
    static const CurlLibrary lib = load();
    return lib;
}

}  // namespace mpm::repodata
