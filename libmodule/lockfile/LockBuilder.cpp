#include "libmodule/lockfile/LockBuilder.hpp"

#include <set>

#include "common/Error.hpp"
#include "common/Secrets.hpp"
#include "common/Strings.hpp"

namespace mpm::lockfile {

LockedArch lockPlan(const base::Sack& sack, const solve::TransactionPlan& plan) {
    LockedArch out;
    out.arch = sack.config().arch;
    std::set<const base::LoadedRepo*> used;
    for (const auto& step : plan.steps) {
        if (step.kind == solve::StepKind::Remove) continue;
        const base::Package pkg = sack.package(step.package);
        const base::LoadedRepo* repo = sack.repoOf(step.package);
        if (!repo || repo->metadata.baseUrls.empty())
            throw Error(pkg.nevra() +
                        " comes from no repository (an RPM file given on the "
                        "command line cannot be locked)");
        if (pkg.checksumType().empty())
            throw Error("repository '" + repo->config->id + "' names no checksum for " +
                        pkg.nevra() + ", so a lock could not verify it");
        LockedPackage p;
        // A lock is shared (committed, attached to builds): never with a password in it.
        p.url = secrets::redact(pkg.urls(repo->metadata.baseUrls).front());
        p.repoid = repo->config->id;
        p.size = pkg.downloadSize();
        p.checksum = pkg.checksumType() + ":" + pkg.checksum();
        p.name = pkg.name();
        p.evr = pkg.evr();
        p.sourcerpm = pkg.sourceRpm();
        out.reasons[p.nevra()] = step.reason;
        out.packages.push_back(std::move(p));
        used.insert(repo);
    }
    for (const base::LoadedRepo* repo : used)
        if (const repodata::RepomdRecord* rec = repo->metadata.repomd.find("modules"))
            out.moduleMetadata.push_back(
                {secrets::redact(joinUrl(repo->metadata.baseUrls.front(), rec->location)),
                 repo->config->id, rec->size > 0 ? static_cast<uint64_t>(rec->size) : 0,
                 rec->checksumType + ":" + rec->checksum});
    for (const auto& m : plan.moduleChanges)
        if (m.status == db::ModuleStatus::Enabled) out.modules.push_back(m);
    return out;
}

}  // namespace mpm::lockfile
