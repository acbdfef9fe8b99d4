#include "libmodule/trust/GpgmeLibrary.hpp"

#include <cstddef>
#include <string>

#include "common/SharedLibrary.hpp"

namespace mpm::trust {

namespace {

GpgmeLibrary load() {
    const SharedLibrary<Error> lib("libgpgme.so.11", "libgpgme11");
    GpgmeLibrary g{};
    lib.bind("gpgme_check_version_internal", g.check_version_internal);
    lib.bind("gpgme_new", g.new_context);
    lib.bind("gpgme_release", g.release);
    lib.bind("gpgme_set_protocol", g.set_protocol);
    lib.bind("gpgme_ctx_set_engine_info", g.ctx_set_engine_info);
    lib.bind("gpgme_data_new_from_mem", g.data_new_from_mem);
    lib.bind("gpgme_data_new_from_file", g.data_new_from_file);
    lib.bind("gpgme_data_release", g.data_release);
    lib.bind("gpgme_op_import", g.op_import);
    lib.bind("gpgme_op_verify", g.op_verify);
    lib.bind("gpgme_op_verify_result", g.op_verify_result);
    lib.bind("gpgme_strerror", g.strerror);
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
