#include "libmodule/PackageTrust.hpp"

#include "libmodule/Goal.hpp"
#include "libmodule/Package.hpp"
#include "libmodule/Sack.hpp"
#include "libmodule/SignatureVerifier.hpp"

namespace mpm {

namespace {

const char* kWayOut = "; to install it anyway, run again with --nogpgcheck";

}  // namespace

PackageTrust::PackageTrust(const Sack& sack, TrustedKeys& keys) : sack_(sack), keys_(keys) {}

void PackageTrust::verify(const TransactionPlan& plan, const std::map<Id, std::string>& files) {
    const auto& main = sack_.config().main;
    auto verifier = std::make_unique<SignatureVerifier>(keys_.keys());
    for (const auto& step : plan.steps) {
        if (step.kind == StepKind::Remove) continue;
        auto file = files.find(step.package);
        if (file == files.end()) continue;
        const Package pkg = sack_.package(step.package);
        const bool local = !sack_.localFile(step.package).empty();
        const LoadedRepo* repo = local ? nullptr : sack_.repo(pkg.repoId());
        if (local ? !main.localpkg_gpgcheck : (!repo || !repo->config->gpgcheck)) continue;
        const std::string what =
            "package " + pkg.nevra() +
            (local ? " (" + file->second + ")" : " from repository '" + pkg.repoId() + "'");

        SignatureCheck c = verifier->check(file->second);
        if (c.status == SignatureStatus::UnknownKey && repo && keys_.offerRepoKeys(*repo->config)) {
            verifier = std::make_unique<SignatureVerifier>(keys_.keys());
            c = verifier->check(file->second);
        }
        switch (c.status) {
            case SignatureStatus::Ok:
                break;
            case SignatureStatus::Unsigned:
                throw SignatureError(what + " is not signed, and gpgcheck is on" + kWayOut);
            case SignatureStatus::UnknownKey: {
                std::string why =
                    what + " is signed with " + keyLabel(c.keyid) + ", which is not trusted";
                if (repo && repo->config->gpgkey.empty())
                    why += " (the repository names no gpgkey=; import the key with mpm key import)";
                else if (repo)
                    why += " (it is not among the keys of the repository's gpgkey=)";
                else
                    why += " (import it with mpm key import)";
                throw SignatureError(why + kWayOut);
            }
            case SignatureStatus::Bad:
                throw SignatureError(
                    what + " fails its signature check" +
                    (c.keyid.empty() ? std::string() : " (signed by " + keyLabel(c.keyid) + ")") +
                    ": its header was changed after it was signed, or the "
                    "signature is damaged" +
                    kWayOut);
            case SignatureStatus::Tampered:
                throw SignatureError(what +
                                     " was changed after it was signed: its payload does "
                                     "not match the digest in its header signed by " +
                                     keyLabel(c.keyid) + kWayOut);
            case SignatureStatus::Unreadable:
                throw SignatureError(what +
                                     " is not a readable RPM (damaged or truncated); delete "
                                     "it and download it again");
        }
    }
}

}  // namespace mpm
