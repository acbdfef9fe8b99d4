// Checks an RPM file against the trusted keys before anything of it is unpacked: the header's
// OpenPGP signature and digests (librpm, with a keyring of exactly the keys mpm stores), then
// the payload against the payload digest that the signed header carries, so that a payload
// changed after signing is caught even when the repository checksums were regenerated.
#pragma once

#include <string>
#include <vector>

#include "libmodule/rpm/PgpKey.hpp"
#include "libmodule/rpm/RpmHandles.hpp"

namespace mpm::trust {

enum class SignatureStatus {
    Ok,          // signed by a trusted key, header and payload intact
    Unsigned,    // no header signature at all
    UnknownKey,  // signed, by a key that is not trusted
    Bad,         // the signature or a header digest does not match: changed after signing
    Tampered,    // the payload does not match the signed payload digest
    Unreadable,  // not an RPM librpm can read
};

struct SignatureCheck {
    SignatureStatus status = SignatureStatus::Unreadable;
    std::string keyid;  // the signing key's long id, when signed
    rpm::Hdr header;    // the header as checked, when Ok
};

class SignatureVerifier {
  public:
    explicit SignatureVerifier(const std::vector<rpm::PgpKey>& trusted);
    SignatureCheck check(const std::string& path) const;

  private:
    rpm::Keyring keyring_;
};

}  // namespace mpm::trust
