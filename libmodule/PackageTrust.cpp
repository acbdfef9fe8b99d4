#include "libmodule/PackageTrust.hpp"

#include <algorithm>

#include "libmodule/Goal.hpp"
#include "libmodule/InstalledDb.hpp"
#include "libmodule/KeySource.hpp"
#include "libmodule/KeyStore.hpp"
#include "libmodule/Package.hpp"
#include "libmodule/Sack.hpp"
#include "libmodule/SignatureVerifier.hpp"
#include "repodata/MetadataCache.hpp"

namespace mpm {

namespace {

const char* kWayOut = "; to install it anyway, run again with --nogpgcheck";

std::string keyName(const std::string& keyid) {
    if (keyid.empty() || keyid == "unreadable") return "an unreadable key";
    return "key 0x" + (keyid.size() > 8 ? keyid.substr(keyid.size() - 8) : keyid);
}

}  // namespace

PackageTrust::PackageTrust(const Sack& sack, KeyImportPrompt prompt)
    : sack_(sack),
      prompt_(std::move(prompt)),
      trusted_(KeyStore::load(sack.config().persistDir())) {}

bool PackageTrust::offerRepoKeys(const std::string& repoid) {
    if (std::find(offered_.begin(), offered_.end(), repoid) != offered_.end()) return false;
    offered_.push_back(repoid);
    const LoadedRepo* repo = sack_.repo(repoid);
    if (!repo || repo->config->gpgkey.empty()) return false;
    bool any = false;
    for (const auto& url : repo->config->gpgkey) {
        for (auto& key :
             fetchKeys(url, repodata::transferOptions(*repo->config), sack_.config().installroot)) {
            const bool known = std::any_of(trusted_.begin(), trusted_.end(),
                                           [&](const PgpKey& k) { return k.keyid == key.keyid; });
            if (known) continue;
            if (!prompt_ || !prompt_(key, repoid))
                throw SignatureError("the key 0x" + key.shortId() + " (" + key.userid +
                                     ") offered by repository '" + repoid +
                                     "' was not imported, so its packages cannot be verified; "
                                     "nothing was changed");
            auto db = InstalledDb::openForWriting(sack_.config().persistDir());
            KeyStore::add(*db, key);
            trusted_.push_back(key);
            imported_.push_back(key);
            any = true;
        }
    }
    return any;
}

void PackageTrust::verify(const TransactionPlan& plan, const std::map<Id, std::string>& files) {
    const auto& main = sack_.config().main;
    auto verifier = std::make_unique<SignatureVerifier>(trusted_);
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
        if (c.status == SignatureStatus::UnknownKey && repo && offerRepoKeys(repo->config->id)) {
            verifier = std::make_unique<SignatureVerifier>(trusted_);
            c = verifier->check(file->second);
        }
        switch (c.status) {
            case SignatureStatus::Ok:
                break;
            case SignatureStatus::Unsigned:
                throw SignatureError(what + " is not signed, and gpgcheck is on" + kWayOut);
            case SignatureStatus::UnknownKey: {
                std::string why =
                    what + " is signed with " + keyName(c.keyid) + ", which is not trusted";
                if (repo && repo->config->gpgkey.empty())
                    why += " (the repository names no gpgkey=; import the key with mpm key import)";
                else if (repo)
                    why += " (it is not among the keys of the repository's gpgkey=)";
                else
                    why += " (import it with mpm key import)";
                throw SignatureError(why + kWayOut);
            }
            case SignatureStatus::Bad:
                throw SignatureError(what +
                                     " fails its signature check: it was changed after it was "
                                     "signed, or the signature is damaged" +
                                     std::string(kWayOut));
            case SignatureStatus::Tampered:
                throw SignatureError(what +
                                     " was changed after it was signed: its payload does "
                                     "not match the digest in its header signed by " +
                                     keyName(c.keyid) + kWayOut);
            case SignatureStatus::Unreadable:
                throw SignatureError(what +
                                     " is not a readable RPM (damaged or truncated); delete "
                                     "it and download it again");
        }
    }
}

}  // namespace mpm
