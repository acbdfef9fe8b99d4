// Carries out a TransactionPlan on the installroot: downloads and verifies the packages, checks
// them for file conflicts, stages every payload under temporary names, journals the commit,
// then renames into place, removes what is gone and records it all in one database
// transaction. Until the journal says "committing", a failure changes nothing.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "libmodule/Goal.hpp"
#include "libmodule/Sack.hpp"
#include "repodata/Downloader.hpp"

namespace mpm {

struct ExecuteOptions {
    bool nodocs = false;
    bool noscripts = false;
    std::string cmdline;
};

class TransactionExecutor {
  public:
    explicit TransactionExecutor(Sack& sack) : sack_(sack) {}

    // Local, checksum-verified RPM files for every package the plan installs. Packages of
    // file:// repos are used where they are; others are downloaded into the cache (or `dir`).
    std::map<Id, std::string> download(const TransactionPlan& plan, const std::string& dir = "",
                                       const repodata::DownloadProgress& progress = {});
    // Returns the history id. Throws Error; the system is unchanged unless the error says the
    // next run completes the transaction.
    int64_t execute(const TransactionPlan& plan, const std::map<Id, std::string>& files,
                    const ExecuteOptions& options);

    // Deletes the packages download() put into the cache (keepcache=0, after success).
    void dropCachedDownloads();

    // Records plan.markUser (also when the plan has no steps).
    void markUserInstalled(const TransactionPlan& plan);
    // Stores plan.moduleChanges on their own (a plan without package steps; execute() stores
    // them with the packages otherwise).
    void recordModuleChanges(const TransactionPlan& plan);

    const std::vector<std::string>& warnings() const { return warnings_; }

  private:
    Sack& sack_;
    std::vector<std::string> warnings_;
    std::vector<std::string> cached_;  // files download() wrote into the package cache
};

}  // namespace mpm
