#include "libmodule/trust/TrustedKeys.hpp"

#include <algorithm>

#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/trust/DetachedSignature.hpp"
#include "libmodule/trust/KeySource.hpp"
#include "libmodule/trust/TrustStore.hpp"
#include "repodata/MetadataCache.hpp"

namespace mpm::trust {

TrustedKeys::TrustedKeys(const repodata::Config& config, KeyImportPrompt prompt)
    : config_(config), prompt_(std::move(prompt)) {}

const std::vector<rpm::PgpKey>& TrustedKeys::keys() const {
    if (!keys_) keys_ = trustedKeys(config_);
    return *keys_;
}

bool TrustedKeys::offerRepoKeys(const repodata::RepoConfig& repo) {
    if (std::find(offered_.begin(), offered_.end(), repo.id) != offered_.end()) return false;
    offered_.push_back(repo.id);
    bool any = false;
    for (const auto& url : repo.gpgkey) {
        for (auto& key : fetchKeys(url, repodata::transferOptions(repo), config_.installroot)) {
            const bool known = std::ranges::any_of(
                keys(), [&](const rpm::PgpKey& k) { return k.keyid == key.keyid; });
            if (known) continue;
            if (!prompt_ || !prompt_(key, repo.id))
                throw SignatureError("the key 0x" + key.shortId() + " (" + key.userid +
                                     ") offered by repository '" + repo.id +
                                     "' was not imported, so what it signed cannot be verified; "
                                     "nothing was changed");
            auto store = db::InstalledDb::openForWriting(config_.persistDir());
            trustKey(config_, *store, key);
            keys_->push_back(key);
            imported_.push_back(key);
            any = true;
        }
    }
    return any;
}

void TrustedKeys::checkRepomd(const repodata::RepoConfig& repo, const std::string& file,
                              const std::string& signature) {
    DetachedCheck c = verifyDetached(file, signature, keys());
    if (c.status == DetachedStatus::UnknownKey && offerRepoKeys(repo))
        c = verifyDetached(file, signature, keys());
    switch (c.status) {
        case DetachedStatus::Good:
            return;
        case DetachedStatus::UnknownKey:
            throw SignatureError(
                "repomd.xml is signed with " + rpm::keyLabel(c.keyid) + ", which is not trusted (" +
                (repo.gpgkey.empty()
                     ? "the repository names no gpgkey=; import it with mpm key import"
                     : "it is not among the keys of the repository's gpgkey=") +
                ")");
        case DetachedStatus::Bad:
            throw SignatureError("repomd.xml does not match its signature repomd.xml.asc (" +
                                 c.detail + "): it was changed after it was signed");
        case DetachedStatus::Malformed:
            throw SignatureError("repomd.xml.asc is not a usable signature (" + c.detail + ")");
    }
}

}  // namespace mpm::trust
