// An OpenPGP public key as mpm shows and stores it, read with librpm's OpenPGP code.
#pragma once

#include <string>
#include <vector>

namespace mpm::rpm {

// The last 8 hex digits of a key id or fingerprint: the short id rpm and dnf show.
inline std::string shortKeyId(const std::string& hex) {
    return hex.size() > 8 ? hex.substr(hex.size() - 8) : hex;
}

// "key 0xABCD1234" for a message; a signature whose key id is missing or unreadable says so.
inline std::string keyLabel(const std::string& hex) {
    if (hex.empty()) return "an unknown key";
    if (hex == "unreadable") return "an unreadable key";
    return "key 0x" + shortKeyId(hex);
}

struct PgpKey {
    std::string keyid;        // 16 upper-case hex digits (the long key id)
    std::string fingerprint;  // upper-case hex
    std::string userid;       // "Name <mail>", as the key says
    std::string armored;      // the key block itself, as it was given
    std::string source;       // where it came from (URL or file)
    int64_t importedAt = 0;   // seconds since the epoch; 0 until stored

    std::string shortId() const { return shortKeyId(keyid); }
    // Whether `id` names this key, as a user gives it: its long or short id or its
    // fingerprint, any case, "0x" or not.
    bool matches(const std::string& id) const;
};

// Every public key block in `text` (armored, one or more blocks). Throws Error naming
// `source` when there is none or a block is not a public key librpm can use.
// `userIds`: read each key's user id too (librpm's pgpPrtParams; a key the RPM database holds
// has it in its entry's summary already).
std::vector<PgpKey> parsePgpKeys(const std::string& text, const std::string& source,
                                 bool userIds = true);

// Upper-case hex of raw bytes (key ids, fingerprints).
std::string pgpHex(const uint8_t* bytes, size_t n);

}  // namespace mpm::rpm
