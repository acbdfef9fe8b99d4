// gpgme, loaded with dlopen the first time a detached signature is checked (repo_gpgcheck):
// most runs check none, and linked normally it maps gpgme and libassuan into every one.
#pragma once

#include <gpgme.h>

namespace mpm::trust {

struct GpgmeLibrary {
    const char* (*check_version_internal)(const char*, size_t);
    gpgme_error_t (*new_context)(gpgme_ctx_t*);
    void (*release)(gpgme_ctx_t);
    gpgme_error_t (*set_protocol)(gpgme_ctx_t, gpgme_protocol_t);
    gpgme_error_t (*ctx_set_engine_info)(gpgme_ctx_t, gpgme_protocol_t, const char*, const char*);
    gpgme_error_t (*data_new_from_mem)(gpgme_data_t*, const char*, size_t, int);
    gpgme_error_t (*data_new_from_file)(gpgme_data_t*, const char*, int);
    void (*data_release)(gpgme_data_t);
    gpgme_error_t (*op_import)(gpgme_ctx_t, gpgme_data_t);
    gpgme_error_t (*op_verify)(gpgme_ctx_t, gpgme_data_t, gpgme_data_t, gpgme_data_t);
    gpgme_verify_result_t (*op_verify_result)(gpgme_ctx_t);
    const char* (*strerror)(gpgme_error_t);
};

// Loads gpgme (once, its version check included) or throws Error saying why.
const GpgmeLibrary& gpgme();

}  // namespace mpm::trust
