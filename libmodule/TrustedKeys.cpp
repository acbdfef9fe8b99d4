#include "libmodule/TrustedKeys.hpp"

#include <algorithm>

#include "libmodule/InstalledDb.hpp"
#include "libmodule/KeySource.hpp"
#include "libmodule/KeyStore.hpp"
#include "repodata/MetadataCache.hpp"

namespace mpm {

TrustedKeys::TrustedKeys(const repodata::Config& config, KeyImportPrompt prompt)
    : config_(config), prompt_(std::move(prompt)), keys_(KeyStore::load(config.persistDir())) {}

bool TrustedKeys::offerRepoKeys(const repodata::RepoConfig& repo) {
    if (std::find(offered_.begin(), offered_.end(), repo.id) != offered_.end()) return false;
    offered_.push_back(repo.id);
    bool any = false;
    for (const auto& url : repo.gpgkey) {
        for (auto& key : fetchKeys(url, repodata::transferOptions(repo), config_.installroot)) {
            const bool known = std::any_of(keys_.begin(), keys_.end(),
                                           [&](const PgpKey& k) { return k.keyid == key.keyid; });
            if (known) continue;
            if (!prompt_ || !prompt_(key, repo.id))
                throw SignatureError("the key 0x" + key.shortId() + " (" + key.userid +
                                     ") offered by repository '" + repo.id +
                                     "' was not imported, so what it signed cannot be verified; "
                                     "nothing was changed");
            auto db = InstalledDb::openForWriting(config_.persistDir());
            KeyStore::add(*db, key);
            keys_.push_back(key);
            imported_.push_back(key);
            any = true;
        }
    }
    return any;
}

}  // namespace mpm
