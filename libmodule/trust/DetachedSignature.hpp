// Verifies a detached OpenPGP signature (repomd.xml.asc) with gpgme against exactly the given
// keys: they are imported into a throwaway GNUPGHOME, so neither the user's nor root's gpg
// keyring is read or changed.
#pragma once

#include <string>
#include <vector>

#include "libmodule/rpm/PgpKey.hpp"

namespace mpm::trust {

enum class DetachedStatus { Good, UnknownKey, Bad, Malformed };

struct DetachedCheck {
    DetachedStatus status = DetachedStatus::Malformed;
    std::string keyid;   // the signer's fingerprint or key id, as gpg reports it
    std::string detail;  // gpgme's words, for the message
};

DetachedCheck verifyDetached(const std::string& file, const std::string& signature,
                             const std::vector<rpm::PgpKey>& keys);

}  // namespace mpm::trust
