#include "libmodule/trust/DetachedSignature.hpp"

#include <memory>

#include "common/Error.hpp"
#include "common/TempDir.hpp"
#include "libmodule/trust/GpgmeLibrary.hpp"

namespace mpm::trust {

namespace {

struct CtxFree {
    void operator()(gpgme_ctx_t c) const noexcept { gpgme().release(c); }
};
struct DataFree {
    void operator()(gpgme_data_t d) const noexcept { gpgme().data_release(d); }
};
using Ctx = std::unique_ptr<std::remove_pointer_t<gpgme_ctx_t>, CtxFree>;
using Data = std::unique_ptr<std::remove_pointer_t<gpgme_data_t>, DataFree>;

Data fromMemory(const std::string& bytes) {
    gpgme_data_t d = nullptr;
    if (gpgme().data_new_from_mem(&d, bytes.data(), bytes.size(), 1) != GPG_ERR_NO_ERROR)
        throw Error("gpgme cannot take data");
    return Data(d);
}

Data fromFile(const std::string& path) {
    gpgme_data_t d = nullptr;
    if (gpgme().data_new_from_file(&d, path.c_str(), 1) != GPG_ERR_NO_ERROR)
        throw Error("cannot read " + path);
    return Data(d);
}

}  // namespace

DetachedCheck verifyDetached(const std::string& file, const std::string& signature,
                             const std::vector<rpm::PgpKey>& keys) {
    TempDir home("mpm-gnupg");  // a private GNUPGHOME, removed with what gpg leaves
    gpgme_ctx_t raw = nullptr;
    if (gpgme().new_context(&raw) != GPG_ERR_NO_ERROR)
        throw Error("gpgme cannot start (is gnupg installed?)");
    Ctx ctx(raw);
    gpgme().set_protocol(ctx.get(), GPGME_PROTOCOL_OpenPGP);
    if (gpgme().ctx_set_engine_info(ctx.get(), GPGME_PROTOCOL_OpenPGP, nullptr,
                                    home.path().c_str()) != GPG_ERR_NO_ERROR)
        throw Error("gpgme cannot use " + home.path());
    for (const auto& k : keys) {
        Data d = fromMemory(k.armored);
        gpgme().op_import(ctx.get(), d.get());  // a key gpg refuses just verifies nothing
    }
    Data sig = fromFile(signature);
    Data text = fromFile(file);
    DetachedCheck out;
    const gpgme_error_t err = gpgme().op_verify(ctx.get(), sig.get(), text.get(), nullptr);
    gpgme_verify_result_t result = gpgme().op_verify_result(ctx.get());
    if (err != GPG_ERR_NO_ERROR || !result || !result->signatures) {
        out.detail = err != GPG_ERR_NO_ERROR ? gpgme().strerror(err) : "no signature in it";
        return out;
    }
    // Any good signature by a trusted key will do (a file may carry several).
    out.status = DetachedStatus::Bad;
    for (gpgme_signature_t s = result->signatures; s; s = s->next) {
        const gpg_err_code_t code = gpgme_err_code(s->status);
        if (code == GPG_ERR_NO_ERROR) {
            out = {DetachedStatus::Good, s->fpr ? s->fpr : "", ""};
            return out;
        }
        if (code == GPG_ERR_NO_PUBKEY && out.status != DetachedStatus::UnknownKey) {
            out = {DetachedStatus::UnknownKey, s->fpr ? s->fpr : "", gpgme().strerror(s->status)};
        } else if (out.status == DetachedStatus::Bad) {
            out.keyid = s->fpr ? s->fpr : "";
            out.detail = gpgme().strerror(s->status);
        }
    }
    return out;
}

}  // namespace mpm::trust
