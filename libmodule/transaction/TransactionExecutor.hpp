// Carries out a TransactionPlan on the installroot, in phases: read and check every incoming
// package, learn what leaves, refuse file conflicts, plan the disk changes (%config files
// included), stage every payload under temporary names and run the scriptlets that may still
// refuse, journal the commit, then rename into place, remove what is gone and record it all in
// one database transaction. Until the journal says "committing", a failure changes nothing.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "libmodule/base/Sack.hpp"
#include "libmodule/rpm/RpmHeader.hpp"
#include "libmodule/solve/TransactionPlan.hpp"
#include "libmodule/trust/TrustedKeys.hpp"

namespace mpm::transaction {

struct ExecuteOptions {
    bool nodocs = false;
    bool noscripts = false;
    std::string cmdline;
    std::string comment;  // --comment, kept with the history entry
};

class TransactionExecutor {
  public:
    explicit TransactionExecutor(base::Sack& sack) : sack_(sack) {}

    // gpgcheck: every package the plan installs against the trusted keys (SignatureError).
    // The headers checked are kept for execute(), which does not read those files again.
    void verifySignatures(const solve::TransactionPlan& plan,
                          const std::map<Id, std::string>& files, trust::TrustedKeys& keys);
    // `files`: every package the plan installs (PackageDownloader). Returns the history id.
    // Throws Error; the system is unchanged unless the error says the next run completes the
    // transaction.
    int64_t execute(const solve::TransactionPlan& plan, const std::map<Id, std::string>& files,
                    const ExecuteOptions& options);

    // Records plan.markUser (also when the plan has no steps).
    void markUserInstalled(const solve::TransactionPlan& plan);
    // Records a new reason for installed packages (mpm mark).
    void markReason(const std::vector<Id>& packages, db::InstallReason reason);
    // Stores plan.moduleChanges on their own (a plan without package steps; execute() stores
    // them with the packages otherwise).
    void recordModuleChanges(const solve::TransactionPlan& plan);
    // Stores plan.groupChanges on their own (group mark, or a group whose packages are all
    // installed already).
    void recordGroupChanges(const solve::TransactionPlan& plan);

    const std::vector<std::string>& warnings() const { return warnings_; }

  private:
    base::Sack& sack_;
    std::vector<std::string> warnings_;
    // By verifySignatures, for execute: each header with the file it was read from.
    std::map<Id, std::pair<std::string, rpm::RpmHeader>> checkedHeaders_;
};

}  // namespace mpm::transaction
