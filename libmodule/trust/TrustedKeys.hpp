// The keys trusted for this run: those stored in the database, plus any a repository's
// gpgkey= offers and the user accepts (asked once per key; accepted keys are stored at once).
// Shared by package signatures (gpgcheck) and metadata signatures (repo_gpgcheck).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/Error.hpp"
#include "libmodule/rpm/PgpKey.hpp"
#include "repodata/Config.hpp"

namespace mpm::trust {

// Asked once per key that a repository offers and that is not trusted yet; true imports it.
using KeyImportPrompt = std::function<bool(const rpm::PgpKey& key, const std::string& repoid)>;

// A signature check failed. The message names what, which key, and the way out.
class SignatureError : public Error {
  public:
    using Error::Error;
};

class TrustedKeys {
  public:
    TrustedKeys(const repodata::Config& config, KeyImportPrompt prompt);
    // Read from the root when first asked (an install without gpgcheck never asks).
    const std::vector<rpm::PgpKey>& keys() const;
    // Offers the keys of `repo`'s gpgkey= that are not trusted yet (once per repo and run).
    // True when one was imported; throws SignatureError when the user declines one.
    bool offerRepoKeys(const repodata::RepoConfig& repo);
    // repo_gpgcheck: throws SignatureError unless `signature` is a good signature of `file`
    // by a trusted key (the repo's gpgkey= is offered first when the signer is unknown).
    void checkRepomd(const repodata::RepoConfig& repo, const std::string& file,
                     const std::string& signature);
    // Keys imported during this run.
    const std::vector<rpm::PgpKey>& imported() const { return imported_; }

  private:
    const repodata::Config& config_;
    KeyImportPrompt prompt_;
    mutable std::optional<std::vector<rpm::PgpKey>> keys_;
    std::vector<std::string> offered_;
    std::vector<rpm::PgpKey> imported_;
};

}  // namespace mpm::trust
