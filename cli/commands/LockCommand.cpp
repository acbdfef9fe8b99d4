// mpm lock [-o FILE] [--arch ARCH]... [--module NAME:STREAM]... SPEC...: what installing SPECs
// into the root would take, as an rpms.lock.yaml, the root unchanged.
// mpm lock --check FILE: whether the repositories still serve the lock's packages.
// install --from-lock FILE: exactly the lock's packages, verified.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/ProgressBar.hpp"
#include "cli/commands/Commands.hpp"
#include "common/Interrupt.hpp"
#include "common/Strings.hpp"
#include "common/TextFile.hpp"
#include "libmodule/lockfile/LockBuilder.hpp"
#include "libmodule/lockfile/LockCheck.hpp"
#include "libmodule/lockfile/LockFile.hpp"
#include "libmodule/lockfile/LockedPackages.hpp"
#include "libmodule/module/ModuleStates.hpp"
#include "libmodule/solve/SpecRequest.hpp"
#include "repodata/Config.hpp"

namespace fs = std::filesystem;

namespace mpm::cli {

namespace {

using lockfile::LockFile;

constexpr size_t kMaxLockFile = 64 << 20;  // a lock of 100,000 packages is ~30 MiB

std::string readLockFile(const std::string& path) {
    return readTextFile(path, kMaxLockFile, "lockfile");
}

// The package set of the root for one architecture: the context's own for its architecture,
// else one loaded for `arch` as --forcearch would (config, repositories, modules).
class ArchSet {
  public:
    ArchSet(Context& ctx, const std::string& arch) {
        if (!arch.empty() && (!repodata::Variables::isKnownArch(arch) || arch == "noarch"))
            throw UsageError("--arch: '" + arch +
                             "' is not an architecture mpm knows (x86_64, "
                             "i686, aarch64, ppc64le, s390x, armv7hl, riscv64)");
        if (arch.empty() || arch == ctx.config().arch) {
            sack_ = &ctx.sack();
            modules_ = ctx.modules();
            return;
        }
        own_ = ctx.packagesFor(arch);
        sack_ = own_.sack.get();
        modules_ = own_.modules.get();
    }
    Sack& sack() { return *sack_; }
    Modules* modules() { return modules_; }

  private:
    Context::ArchPackages own_;
    Sack* sack_ = nullptr;
    Modules* modules_ = nullptr;
};

// Writes `text` to `path` whole or not at all.
void writeAtomically(const std::string& path, const std::string& text) {
    if (fs::is_directory(path))
        throw Error("cannot write the lockfile to " + path + ": a directory");
    const std::string tmp = path + ".tmp-" + std::to_string(getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error("cannot write the lockfile to " + path + ": " + std::strerror(errno));
        out << text;
        if (!out.flush()) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw Error("cannot write the lockfile to " + path + " (disk full?)");
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw Error("cannot write " + path + ": " + ec.message());
    }
}

nlohmann::json archJson(const lockfile::LockedArch& a) {
    nlohmann::json packages = nlohmann::json::array();
    for (const auto& p : a.packages)
        packages.push_back({{"url", p.url},
                            {"repoid", p.repoid},
                            {"size", p.size},
                            {"checksum", p.checksum},
                            {"name", p.name},
                            {"evr", p.evr},
                            {"sourcerpm", p.sourcerpm}});
    nlohmann::json modules = nlohmann::json::array();
    for (const auto& m : a.modules)
        modules.push_back({{"name", m.name}, {"stream", m.stream}, {"profiles", m.profiles}});
    return {{"arch", a.arch}, {"packages", packages}, {"modules", modules}};
}

}  // namespace

void LockCommand::declareArguments(CLI::App* cmd) {
    cmd->add_option("spec", specs_, "Package specs, as install takes them (@NAME:STREAM/PROFILE)");
    cmd->add_option("-o,--output", output_, "Write the lockfile here (default: standard output)");
    cmd->add_option("--arch", arches_, "Lock for this architecture (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--module", modules_, "Enable this module stream, NAME:STREAM (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--check", check_,
                    "Say whether the repositories still serve this lock's packages "
                    "(exit 100: newer versions exist; 1: some are gone)");
}

ExitCode LockCommand::run(Context& ctx) {
    if (!check_.empty()) {
        if (!specs_.empty() || !output_.empty())
            throw UsageError("lock --check takes the lockfile only");
        return check(ctx);
    }
    if (specs_.empty() && modules_.empty())
        throw UsageError("lock needs package specs (or --module NAME:STREAM)");
    LockFile lock;
    std::vector<std::string> arches = arches_;
    if (arches.empty()) arches.push_back(ctx.config().arch);
    std::sort(arches.begin(), arches.end());
    arches.erase(std::unique(arches.begin(), arches.end()), arches.end());
    for (const auto& arch : arches) {
        ArchSet set(ctx, arch);
        Goal goal(set.sack(), set.modules());
        solve::installSpecs(goal, specs_, modules_);
        lock.arches.push_back(lockfile::lockPlan(set.sack(), goal.resolve()));
    }
    for (const auto& a : lock.arches)
        if (a.packages.empty())
            ctx.out.warn("nothing to lock for " + a.arch + ": this root already has what " +
                         join(specs_, " ") +
                         " needs (lock from an empty root to pin a whole "
                         "image; readers such as Hermeto refuse an architecture without packages)");
    const std::string yaml = lock.toYaml();
    const bool toStdout = output_.empty() || output_ == "-";
    if (!toStdout) writeAtomically(output_, yaml);
    if (ctx.out.json()) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& a : lock.arches) arr.push_back(archJson(a));
        ctx.out.printJson(
            {{"lockfile", toStdout ? nlohmann::json() : nlohmann::json(output_)}, {"arches", arr}});
    } else if (toStdout) {
        std::cout << yaml;
    } else if (!ctx.out.quiet()) {
        size_t count = 0;
        for (const auto& a : lock.arches) count += a.packages.size();
        ctx.out.line("Locked " + std::to_string(count) + (count == 1 ? " package" : " packages") +
                     " for " + join(arches, ", ") + " in " + output_);
    }
    return ExitCode::Ok;
}

ExitCode LockCommand::check(Context& ctx) {
    const LockFile lock = LockFile::parse(readLockFile(check_), check_);
    nlohmann::json arr = nlohmann::json::array();
    bool gone = false, newer = false;
    for (const auto& a : lock.arches) {
        ArchSet set(ctx, a.arch);
        // Filtering as the lock's streams would have it.
        if (Modules* m = set.modules(); m && !a.modules.empty()) {
            module::ModuleStates states = m->states();
            for (const auto& s : a.modules) states.set(s);
            m->setStates(states);
            set.sack().finalize();
        }
        const lockfile::LockStatus status = lockfile::checkLock(set.sack(), a);
        gone = gone || !status.gone.empty() || !status.changed.empty();
        newer = newer || !status.newer.empty();
        nlohmann::json updates = nlohmann::json::array();
        for (const auto& [nevra, evr] : status.newer)
            updates.push_back({{"locked", nevra}, {"available", evr}});
        arr.push_back({{"arch", a.arch},
                       {"gone", status.gone},
                       {"changed", status.changed},
                       {"newer", updates}});
        if (ctx.out.json()) continue;
        for (const auto& nevra : status.gone)
            ctx.out.line(a.arch + ": " + nevra +
                         " is no longer served by the enabled repositories");
        for (const auto& nevra : status.changed)
            ctx.out.line(a.arch + ": " + nevra +
                         " is served with other content than locked (the "
                         "same version, another checksum)");
        for (const auto& [nevra, evr] : status.newer)
            ctx.out.line(a.arch + ": " + nevra + " has a newer version, " + evr);
    }
    const ExitCode rc = gone ? ExitCode::Error : newer ? ExitCode::UpdatesAvailable : ExitCode::Ok;
    if (ctx.out.json())
        ctx.out.printJson({{"lockfile", check_}, {"current", rc == ExitCode::Ok}, {"arches", arr}});
    else if (rc == ExitCode::Ok && !ctx.out.quiet())
        ctx.out.line(check_ +
                     " is current: the enabled repositories serve every locked package, "
                     "and none has a newer version");
    return rc;
}

ExitCode installFromLock(Context& ctx, const std::string& lockPath, const FlowOptions& flow) {
    const LockFile lock = LockFile::parse(readLockFile(lockPath), lockPath);
    const repodata::Config& config = ctx.config();
    const lockfile::LockedArch* arch = lock.forArch(config.arch);
    if (!arch) {
        std::vector<std::string> have;
        for (const auto& a : lock.arches) have.push_back(a.arch);
        throw Error(lockPath + " locks no packages for " + config.arch + " (it has " +
                    join(have, ", ") + "); --forcearch=ARCH installs another architecture's");
    }
    // A stream the lock enables against another one the root has is a switch, which mpm does
    // only when asked (module switch-to), as module enable refuses it.
    std::vector<std::string> warnings;
    const module::ModuleStates states =
        module::ModuleStates::load(config.persistDir(), config.installroot, warnings);
    std::vector<ModuleState> streams;  // what the lock changes in the root's module states
    for (const auto& m : arch->modules) {
        const ModuleState now = states.get(m.name);
        if (now.status == ModuleStatus::Enabled && now.stream == m.stream) {
            ModuleState merged = now;
            merged.profiles.insert(m.profiles.begin(), m.profiles.end());
            if (merged != now) streams.push_back(merged);
            continue;
        }
        if (now.status == ModuleStatus::Unset) {
            streams.push_back(m);
            continue;
        }
        if (now.status == ModuleStatus::Enabled && now.stream != m.stream)
            throw Error(lockPath + " enables " + m.name + ":" + m.stream + ", but " + m.name + ":" +
                        now.stream +
                        " is enabled in this root; switch first (mpm module "
                        "switch-to " +
                        m.name + ":" + m.stream +
                        "), or install the lock into "
                        "an empty root");
        if (now.status == ModuleStatus::Disabled)
            throw Error(lockPath + " enables " + m.name + ":" + m.stream + ", but module " +
                        m.name + " is disabled in this root (mpm module reset " + m.name + ")");
    }
    // Every file, verified, before anything changes (the transaction takes the lock).
    catchInterrupts();  // Ctrl-C while downloading stops cleanly, as in every transaction
    // (--downloaddir before the command too, as dnf takes it)
    const std::string dir = flow.downloadDir.empty() ? ctx.options.downloadDir : flow.downloadDir;
    lockfile::LockedPackages fetcher(config, dir, ctx.cacheOnly());
    std::vector<lockfile::LockedFile> files;
    {
        ProgressBar bar("Downloading",
                        isatty(STDERR_FILENO) && !ctx.out.quiet() && !ctx.out.json());
        files = fetcher.fetch(
            *arch, [&](uint64_t d, uint64_t t, size_t fd, size_t f) { bar.update(d, t, fd, f); });
    }
    for (const auto& w : fetcher.warnings()) ctx.out.warn(w);
    if ((flow.downloadOnly || ctx.options.downloadOnly) && !dir.empty())
        lockfile::LockedPackages::copyInto(files, dir);
    std::vector<Goal::LockedFile> locked;
    for (const auto& f : files) {
        const auto reason = arch->reasons.find(f.package->nevra());
        locked.push_back(
            {f.path, f.package->repoid, f.package->nevra(),
             reason == arch->reasons.end() ? db::InstallReason::User : reason->second});
    }
    FlowOptions options = flow;
    options.repositories = false;  // the lock's files and the installed packages, nothing else
    options.downloadDir.clear();   // it named where the locked packages are
    try {
        return runTransaction(
            ctx, [&](Goal& g) { g.installLocked(locked, streams); }, options);
    } catch (const solve::SolveError& e) {
        std::string why = e.what();
        const std::string prefix = "the request cannot be satisfied: ";
        if (why.starts_with(prefix)) why = why.substr(prefix.size());
        throw solve::SolveError(lockPath + " cannot be installed into this root as it is: " + why,
                                e.rules());
    }
}

}  // namespace mpm::cli
