#include "libmodule/trust/SignatureVerifier.hpp"

#include <rpm/rpmcrypto.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmtag.h>

#include <array>
#include <cstring>

namespace mpm::trust {

namespace {

// The long id of the key that made the header signature, or "" when there is none.
std::string signerOf(Header h) {
    for (rpmTagVal tag : {RPMTAG_RSAHEADER, RPMTAG_DSAHEADER}) {
        struct rpmtd_s td;
        if (!headerGet(h, tag, &td, HEADERGET_MINMEM)) continue;
        pgpDigParams params = nullptr;
        const bool parsed = pgpPrtParams(static_cast<const uint8_t*>(td.data), td.count,
                                         PGPTAG_SIGNATURE, &params) == 0;
        rpm::DigParams owned(params);
        rpmtdFreeData(&td);
        if (parsed) return rpm::pgpHex(pgpDigParamsSignID(params), 8);
        return "unreadable";
    }
    return "";
}

// Whether the rest of `fd` (the payload) hashes to the header's payload digest.
bool payloadMatches(FD_t fd, Header h) {
    struct rpmtd_s td;
    if (!headerGet(h, RPMTAG_PAYLOADDIGEST, &td, HEADERGET_MINMEM)) return false;
    const char* expected = rpmtdNextString(&td);
    const std::string want = expected ? expected : "";
    rpmtdFreeData(&td);
    int algo = static_cast<int>(headerGetNumber(h, RPMTAG_PAYLOADDIGESTALGO));
    if (algo == 0) algo = RPM_HASH_SHA256;
    rpm::Digest digest(algo);
    if (!digest || want.empty()) return false;
    std::array<char, 1 << 16> buf;
    ssize_t n;
    while ((n = Fread(buf.data(), 1, buf.size(), fd)) > 0)
        digest.update(buf.data(), static_cast<size_t>(n));
    if (n < 0 || Ferror(fd)) return false;
    return want == digest.hex();
}

}  // namespace

SignatureVerifier::SignatureVerifier(const std::vector<rpm::PgpKey>& trusted)
    : keyring_(rpmKeyringNew()) {
    rpm::initRpm();
    for (const auto& key : trusted) {
        uint8_t* raw = nullptr;
        size_t len = 0;
        const pgpArmor kind = pgpParsePkts(key.armored.c_str(), &raw, &len);
        rpm::Malloced<uint8_t> pkt(raw);
        if (kind != PGPARMOR_PUBKEY) continue;
        rpm::Pubkey pub(rpmPubkeyNew(pkt.get(), len));
        if (!pub) continue;
        // Signing subkeys count as the key they belong to, as in rpm --import.
        int count = 0;
        rpm::Malloced<rpmPubkey> subkeys(rpmGetSubkeys(pub.get(), &count));
        for (int i = 0; i < count; ++i) {
            rpm::Pubkey sub(subkeys.get()[i]);
            rpmKeyringAddKey(keyring_.get(), sub.get());
        }
        rpmKeyringAddKey(keyring_.get(), pub.get());
    }
}

SignatureCheck SignatureVerifier::check(const std::string& path) const {
    SignatureCheck out;
    rpm::PackageRead read = rpm::readPackage(path, RPMVSF_DEFAULT, keyring_.get());
    if (!read.opened) return out;
    const rpm::Hdr& h = read.header;
    switch (read.rc) {
        case RPMRC_OK:
            break;
        case RPMRC_NOKEY:
        case RPMRC_NOTTRUSTED:
            out.status = SignatureStatus::UnknownKey;
            out.keyid = h ? signerOf(h.get()) : "";
            return out;
        case RPMRC_FAIL: {
            out.status = SignatureStatus::Bad;
            // Who signed it, read again without checks, for the message.
            rpm::PackageRead plain =
                rpm::readPackage(path, RPMVSF_MASK_NOSIGNATURES | RPMVSF_MASK_NODIGESTS);
            if (plain.rc == RPMRC_OK && plain.header) out.keyid = signerOf(plain.header.get());
            return out;
        }
        default:
            return out;
    }
    if (!h) return out;
    out.keyid = signerOf(h.get());
    if (out.keyid.empty()) {
        out.status = SignatureStatus::Unsigned;
        return out;
    }
    out.status =
        payloadMatches(read.fd.get(), h.get()) ? SignatureStatus::Ok : SignatureStatus::Tampered;
    if (out.status == SignatureStatus::Ok) out.header = std::move(read.header);
    return out;
}

}  // namespace mpm::trust
