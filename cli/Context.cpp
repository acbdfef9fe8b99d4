#include "cli/Context.hpp"

#include <sys/stat.h>

#include "libmodule/transaction/ReproducibleRoot.hpp"

#include "cli/Prompt.hpp"
#include "cli/TransactionFlow.hpp"

#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "libmodule/base/SystemRepo.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/db/JournalStore.hpp"
#include "libmodule/module/DnfModuleFiles.hpp"
#include "libmodule/module/ModuleParse.hpp"
#include "libmodule/module/Platform.hpp"
#include "libmodule/transaction/Journal.hpp"
#include "libmodule/transaction/LegacyMigration.hpp"

namespace mpm::cli {

repodata::ConfigRequest GlobalOptions::toConfigRequest() const {
    repodata::ConfigRequest req;
    req.installroot = installroot;
    if (!config.empty()) req.configFile = config;
    if (!releasever.empty()) req.releasever = releasever;
    req.useHostConfig = useHostConfig;
    req.nogpgcheck = nogpgcheck;
    for (const auto& s : setopts) {
        size_t eq = s.find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError("--setopt: '" + s +
                             "' is not of the form KEY=VALUE or REPOID.KEY=VALUE");
        req.setopts.emplace_back(trim(s.substr(0, eq)), trim(s.substr(eq + 1)));
    }
    for (const auto& r : repofrompath) {
        size_t comma = r.find(',');
        if (comma == std::string::npos || comma == 0 || comma + 1 == r.size())
            throw UsageError("--repofrompath: '" + r + "' is not of the form ID,PATH_OR_URL");
        req.repofrompath.emplace_back(r.substr(0, comma), r.substr(comma + 1));
    }
    for (const auto& r : repos)
        for (const auto& id : splitList(r, ",")) req.onlyRepos.push_back(id);
    req.repoToggles = repoToggles;
    if (best) req.setopts.emplace_back("best", best > 0 ? "1" : "0");
    if (noautoremove) req.setopts.emplace_back("clean_requirements_on_remove", "0");
    req.disableExcludes = disableExcludes;
    for (const auto& x : excludes)
        for (const auto& glob : splitList(x, ",")) req.excludes.push_back(glob);
    req.nodocs = nodocs;
    req.forcearch = forcearch;
    req.detectReleasever = base::systemReleasever;  // as dnf: the installed release package
    return req;
}

const repodata::Config& Context::config() {
    if (!config_) {
        repodata::ConfigRequest req = options.toConfigRequest();
        req.stateToggles = stateToggles_;
        req.stateFile = stateFile_;
        config_ = std::make_unique<repodata::Config>(repodata::ConfigLoader::load(req));
        for (const auto& w : config_->warnings) out.warn(w);
        for (const auto& n : config_->notes) out.info(n);
        if (options.noplugins || !options.disableplugins.empty() || !options.enableplugins.empty())
            out.info(
                "mpm has no plugins: --noplugins, --disableplugin and --enableplugin change "
                "nothing");
    }
    return *config_;
}

void Context::setStateRepos(const std::string& file,
                            const std::vector<std::pair<bool, std::string>>& toggles) {
    if (config_)
        throw std::logic_error("a state's repositories set after the configuration was read");
    stateFile_ = file;
    stateToggles_ = toggles;
}

repodata::RefreshPolicy Context::refreshPolicy() {
    if (cacheOnly()) return repodata::RefreshPolicy::Never;
    if (options.refresh) return repodata::RefreshPolicy::Always;
    return repodata::RefreshPolicy::IfExpired;
}

Context::Context(const GlobalOptions& opts, Output& output) : options(opts), out(output) {}

// A Context lives as long as the run, and the process ends right after it: giving the module
// metadata's 16,000 allocations back one by one cost a warm query 3 M instructions (~1 ms) for
// memory the kernel takes back at once. (The pool is a few large blocks, freed at no cost.)
Context::~Context() {
#ifndef MPM_FREE_AT_EXIT
    static_cast<void>(modules_.release());
    static_cast<void>(streamsModules_.release());
#endif
}

void Context::finish() {
    if (!lock_) return;
    // Module bookkeeping follows a change only: a run that changed nothing writes nothing.
    if (systemChanged()) {
        if (modules_) {
            modules_->keepFailsafe();
            modules_->storeDnfChoices();
        }
        for (const auto& w : module::DnfModuleFiles::syncStored(
                 config().installroot, config().persistDir(),
                 modules_ ? modules_->takenFromDnf() : std::set<std::string>{}))
            out.warn(w);
    }
    keys_.reset();
    modules_.reset();
    sack_.reset();
    transaction::settleReproducibleRoot(config());
}

transaction::LockWait Context::lockWait() {
    transaction::LockWait wait;
    wait.seconds = config().main.lock_wait;
    wait.command = options.cmdline;
    wait.onWait = [this](const std::string& holder) {
        out.notice("Waiting for another mpm (" + holder +
                   ") to finish changing this system (--setopt=lock_wait=0 fails at once)");
    };
    return wait;
}

void Context::lockSystem() {
    // What a change creates (the root's directories, mpm's database) is readable by everyone
    // whatever the caller's umask, as rpm makes it: its transactions run with umask 022.
    ::umask(022);
    if (!lock_)
        lock_ = std::make_unique<transaction::SystemLock>(config().persistDir(), lockWait());
}

TrustedKeys& Context::trustedKeys() {
    if (!keys_)
        keys_ = std::make_unique<TrustedKeys>(config(),
                                              [this](const PgpKey& key, const std::string& repoid) {
                                                  return confirmKeyImport(*this, key, repoid);
                                              });
    return *keys_;
}

// A transaction interrupted by a crash is finished (or undone), and packages an older mpm kept
// only in its own database are moved into the RPM database, before anything else reads the
// installed system. Readers take the lock only when there is something to do, and never wait
// for it: a journal whose writer holds the lock is a transaction under way, not a crash, and a
// query reads what was last committed (the RPM database and mpm.sqlite change atomically).
void Context::recoverInterrupted() {
    const std::string persist = config().persistDir();
    bool interrupted = false, legacy = false;
    try {
        interrupted = db::hasInterruptedTransaction(persist);
        legacy = db::hasLegacyPackages(persist);
    } catch (const db::DbError& e) {
        // A damaged database: a query answers from the RPM database (said once, when reasons
        // are read); a change is refused with the sentence naming mpm rebuilddb.
        if (e.isDamaged() && !lock_) return;
        throw;
    }
    if (!interrupted && !legacy) return;
    std::unique_ptr<transaction::SystemLock> temporary;
    if (!lock_) {
        temporary = transaction::SystemLock::tryTake(persist);
        if (!temporary) return;
    }
    auto recover = [&] {
        auto db = InstalledDb::openForWriting(persist);
        transaction::Journal journal(*db, config().installroot, base::rpmDbPath(config()));
        for (const auto& line : journal.recover()) out.warn(line);
        if (legacy)
            if (const std::string moved = transaction::migrateLegacyPackages(config(), *db);
                !moved.empty())
                out.warn(moved);
    };
    if (!temporary) return recover();  // a change: it cannot go on before the recovery
    // A query answers what was last committed when the recovery cannot be made now (a disk
    // still full, a file in the way), saying why; the next change is refused until it is.
    try {
        recover();
    } catch (const Error& e) {
        out.warn(std::string(e.what()) + " (this answer is what was last committed)");
    }
}

Sack& Context::sack(bool available, bool system) {
    if (!sack_) {
        if (system) recoverInterrupted();
        sack_ = std::make_unique<Sack>(config());
        modules_ = load(*sack_, available, system);
    }
    return *sack_;
}

Context::ModuleStreams Context::moduleStreams() {
    if (!sack_ && !streamsModules_ && module::Platform::configured(config()).known()) {
        recoverInterrupted();  // module states as the last transaction left them
        streamsSack_ = std::make_unique<Sack>(config());
        streamsModules_ = load(*streamsSack_, true, false, base::RepoContent::MetadataOnly);
    }
    if (streamsModules_) return {*streamsSack_, *streamsModules_};
    sack(true, true);
    if (!modules_) throw Error("module metadata is not loaded");
    return {*sack_, *modules_};
}

std::unique_ptr<Modules> Context::load(Sack& sack, bool available, bool system,
                                       base::RepoContent content) {
    std::unique_ptr<Modules> modules;
    if (system) {
        sack.loadSystem();
        const base::SystemCache& read = sack.systemCache();
        if (read.headersRead || read.kept)
            out.info("installed packages: " + std::to_string(read.kept) + " from the cache, " +
                     std::to_string(read.headersRead) + " headers read from the RPM database");
    }
    if (available) {
        // A refresh starts the module metadata's parse beside its parse of the package lists.
        std::unique_ptr<module::ModuleParse> early;
        sack.loadAvailable(
            refreshPolicy(),
            [this](const repodata::RepoConfig& repo, const std::string& file,
                   const std::string& signature) {
                trustedKeys().checkRepomd(repo, file, signature);
            },
            content,
            [&](const repodata::RepoConfig& repo, const repodata::RepoMetadata& candidate) {
                early = module::ModuleMetadata::parseEarly(sack, repo, candidate);
            });
        modules = Modules::load(sack, early.get());
    }
    sack.finalize();
    for (const auto& w : sack.warnings()) out.warn(w);
    return modules;
}

Context::ArchPackages Context::packagesFor(const std::string& arch) {
    repodata::ConfigRequest req = options.toConfigRequest();
    req.forcearch = arch;
    ArchPackages set;
    set.config = std::make_unique<repodata::Config>(repodata::ConfigLoader::load(req));
    set.sack = std::make_unique<Sack>(*set.config);
    set.modules = load(*set.sack, true, true);
    return set;
}

}  // namespace mpm::cli
