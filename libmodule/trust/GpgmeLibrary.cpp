#include "libmodule/trust/GpgmeLibrary.hpp"

#include <dlfcn.h>

#include <cstddef>
#include <string>

#include "common/Error.hpp"

namespace mpm::trust {

namespace {

template <typename F>
void bind(void* handle, const char* name, F& out) {
    void* sym = dlsym(handle, name);
    if (!sym) throw Error(std::string("libgpgme.so.11 has no ") + name + "; reinstall libgpgme11");
    out = reinterpret_cast<F>(sym);
}

GpgmeLibrary load() {
    // Deliberately never dlclose()d: the process uses it until exit.
    void* h = dlopen("libgpgme.so.11", RTLD_NOW | RTLD_LOCAL);
    if (!h)
        throw Error(std::string("cannot load gpgme (") + dlerror() +
                    "); install the libgpgme11 package");
    GpgmeLibrary g{};
    bind(h, "gpgme_check_version_internal", g.check_version_internal);
    bind(h, "gpgme_new", g.new_context);
    bind(h, "gpgme_release", g.release);
    bind(h, "gpgme_set_protocol", g.set_protocol);
    bind(h, "gpgme_ctx_set_engine_info", g.ctx_set_engine_info);
    bind(h, "gpgme_data_new_from_mem", g.data_new_from_mem);
    bind(h, "gpgme_data_new_from_file", g.data_new_from_file);
    bind(h, "gpgme_data_release", g.data_release);
    bind(h, "gpgme_op_import", g.op_import);
    bind(h, "gpgme_op_verify", g.op_verify);
    bind(h, "gpgme_op_verify_result", g.op_verify_result);
    bind(h, "gpgme_strerror", g.strerror);
    // What the gpgme_check_version macro does: initializes gpgme and checks the struct layout
    // this header was written for.
    g.check_version_internal(nullptr, offsetof(struct _gpgme_signature, validity));
    return g;
}

}  // namespace

const GpgmeLibrary& gpgme() {
    static const GpgmeLibrary lib = load();
    return lib;
}

}  // namespace mpm::trust
