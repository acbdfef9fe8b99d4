#include "libmodule/trust/PackageTrust.hpp"

#include <memory>

#include "libmodule/trust/SignatureVerifier.hpp"

namespace mpm::trust {

namespace {

const char* kWayOut = "; to install it anyway, run again with --nogpgcheck";

}  // namespace

void PackageTrust::verify(std::vector<PackageToVerify>& packages) {
    // Made for the first package to check: the trusted keys are read and librpm's keyring built
    // from them (2 ms), which an install with gpgcheck off does not need.
    std::unique_ptr<SignatureVerifier> verifier;
    for (auto& pkg : packages) {
        const repodata::RepoConfig* repo = pkg.repo;
        if (repo ? !repo->gpgcheck : !config_.main.localpkg_gpgcheck) continue;
        if (!verifier) verifier = std::make_unique<SignatureVerifier>(keys_.keys());
        const std::string what =
            "package " + pkg.nevra +
            (repo ? " from repository '" + repo->id + "'" : " (" + pkg.file + ")");

        SignatureCheck c = verifier->check(pkg.file);
        if (c.status == SignatureStatus::UnknownKey && repo && keys_.offerRepoKeys(*repo)) {
            verifier = std::make_unique<SignatureVerifier>(keys_.keys());
            c = verifier->check(pkg.file);
        }
        switch (c.status) {
            case SignatureStatus::Ok:
                pkg.header = rpm::RpmHeader::ofFile(c.header.get());
                break;
            case SignatureStatus::Unsigned:
                throw SignatureError(what + " is not signed, and gpgcheck is on" + kWayOut);
            case SignatureStatus::UnknownKey: {
                std::string why =
                    what + " is signed with " + rpm::keyLabel(c.keyid) + ", which is not trusted";
                if (repo && repo->gpgkey.empty())
                    why += " (the repository names no gpgkey=; import the key with mpm key import)";
                else if (repo)
                    why += " (it is not among the keys of the repository's gpgkey=)";
                else
                    why += " (import it with mpm key import)";
                throw SignatureError(why + kWayOut);
            }
            case SignatureStatus::Bad:
                throw SignatureError(what + " fails its signature check" +
                                     (c.keyid.empty()
                                          ? std::string()
                                          : " (signed by " + rpm::keyLabel(c.keyid) + ")") +
                                     ": its header was changed after it was signed, or the "
                                     "signature is damaged" +
                                     kWayOut);
            case SignatureStatus::Tampered:
                throw SignatureError(what +
                                     " was changed after it was signed: its payload does "
                                     "not match the digest in its header signed by " +
                                     rpm::keyLabel(c.keyid) + kWayOut);
            case SignatureStatus::Unreadable:
                throw SignatureError(what +
                                     " is not a readable RPM (damaged or truncated); delete "
                                     "it and download it again");
        }
    }
}

}  // namespace mpm::trust
