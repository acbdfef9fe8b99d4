#include "libmodule/rpm/PgpKey.hpp"

#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "libmodule/rpm/RpmHandles.hpp"

namespace mpm::rpm {

std::string pgpHex(const uint8_t* bytes, size_t n) {
    return toUpper(hexOf(bytes, n));
}

bool PgpKey::matches(const std::string& id) const {
    std::string want = toUpper(trim(id));
    if (want.starts_with("0X")) want = want.substr(2);
    return !want.empty() && (keyid == want || shortId() == want || fingerprint == want);
}

namespace {

PgpKey parseBlock(const std::string& block, const std::string& source, bool userIds) {
    initRpm();
    uint8_t* raw = nullptr;
    size_t len = 0;
    const pgpArmor kind = pgpParsePkts(block.c_str(), &raw, &len);
    Malloced<uint8_t> pkt(raw);
    if (kind != PGPARMOR_PUBKEY || !pkt || len == 0)
        throw Error(source + " is not an OpenPGP public key block");
    // rpm itself must accept it, or it could never verify anything with it.
    Pubkey usable(rpmPubkeyNew(pkt.get(), len));
    if (!usable) throw Error(source + " holds an OpenPGP key that rpm cannot use");

    PgpKey key;
    key.armored = block;
    key.source = source;
    pgpKeyID_t id;
    if (pgpPubkeyKeyID(pkt.get(), len, id) != 0)
        throw Error(source + " holds an OpenPGP key without a key id");
    key.keyid = pgpHex(id, sizeof(id));
    uint8_t* fp = nullptr;
    size_t fplen = 0;
    if (pgpPubkeyFingerprint(pkt.get(), len, &fp, &fplen) == 0) {
        Malloced<uint8_t> owned(fp);
        key.fingerprint = pgpHex(fp, fplen);
    }
    pgpDigParams params = nullptr;
    if (userIds && pgpPrtParams(pkt.get(), len, PGPTAG_PUBLIC_KEY, &params) == 0) {
        DigParams owned(params);
        if (const char* uid = pgpDigParamsUserID(params)) key.userid = uid;
    }
    return key;
}

}  // namespace

std::vector<PgpKey> parsePgpKeys(const std::string& text, const std::string& source, bool userIds) {
    static const std::string kBegin = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    static const std::string kEnd = "-----END PGP PUBLIC KEY BLOCK-----";
    std::vector<PgpKey> keys;
    size_t at = 0;
    while ((at = text.find(kBegin, at)) != std::string::npos) {
        const size_t end = text.find(kEnd, at);
        if (end == std::string::npos) throw Error(source + " has a key block without its end line");
        keys.push_back(parseBlock(text.substr(at, end + kEnd.size() - at) + "\n", source, userIds));
        at = end + kEnd.size();
    }
    if (keys.empty()) throw Error(source + " holds no armored OpenPGP public key");
    return keys;
}

}  // namespace mpm::rpm
