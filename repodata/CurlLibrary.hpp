// libcurl, loaded with dlopen the first time something is downloaded. Linked normally it drags
// ~25 shared libraries (TLS, Kerberos, LDAP, SSH, ...) into every run: 8.5 ms of relocation and
// mapping on each warm query that never touches the network.
#pragma once

#include <curl/curl.h>

namespace mpm::repodata {

struct CurlLibrary {
    CURLcode (*global_init)(long);
    CURL* (*easy_init)();
    void (*easy_cleanup)(CURL*);
    CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
    const char* (*easy_strerror)(CURLcode);
    CURLM* (*multi_init)();
    CURLMcode (*multi_cleanup)(CURLM*);
    CURLMcode (*multi_add_handle)(CURLM*, CURL*);
    CURLMcode (*multi_remove_handle)(CURLM*, CURL*);
    CURLMcode (*multi_perform)(CURLM*, int*);
    CURLMsg* (*multi_info_read)(CURLM*, int*);
    CURLMcode (*multi_poll)(CURLM*, struct curl_waitfd*, unsigned int, int, int*);
};

// Loads libcurl (once; curl_global_init included) or throws DownloadError saying why.
const CurlLibrary& curl();

}  // namespace mpm::repodata
