#include "libmodule/module/StreamSelector.hpp"

#include "common/Strings.hpp"
#include "solv/Pool.hpp"
#include "solv/Queue.hpp"
#include "solv/Solver.hpp"

namespace mpm::module {

namespace {

Id moduleDep(::Pool* pool, const std::string& name, const std::string& stream = "") {
    const std::string dep = "module(" + name + (stream.empty() ? "" : ":" + stream) + ")";
    return pool_str2id(pool, dep.c_str(), 1);
}

// "foo:1" for a build.
std::string nameStream(const ModuleStream& s) {
    return s.name + ":" + s.stream;
}

bool archUsable(const std::string& buildArch, const std::string& arch) {
    return buildArch.empty() || buildArch == "noarch" || buildArch == arch ||
           (arch == "x86_64" && (buildArch == "i686" || buildArch == "i386"));
}

}  // namespace

const ModuleStream* ModuleSelection::chosenFor(const std::string& module) const {
    auto it = chosen.find(module);
    return it == chosen.end() ? nullptr : it->second;
}

StreamSelector::StreamSelector(const ModuleMetadata& metadata, const Platform& platform,
                               const std::string& arch)
    : md_(metadata), platform_(platform), arch_(arch) {}

namespace {

// The selection as a libsolv problem of its own: one solvable per build, named after its module
// (so the newest version of a stream is preferred), and one per platform stream.
class ModulePool {
  public:
    explicit ModulePool(const std::string& arch)
        : pool_(arch), p_(pool_.raw()), builds_(pool_.addRepo("modules")) {}

    ::Pool* raw() const { return p_; }

    // A build providing module(NAME) and module(NAME:STREAM), conflicting with the other
    // builds of its module, requiring its dependencies. The same build in several repos once.
    void addBuild(const ModuleStream& s) {
        const std::string nsvca =
            nameStream(s) + ":" + std::to_string(s.version) + ":" + s.context + "." + s.arch;
        if (!seen_.insert(nsvca).second) return;
        const Id id = repo_add_solvable(builds_);
        if (!firstId_) firstId_ = id;
        byId_.resize(id - firstId_ + 1);
        byId_[id - firstId_] = &s;
        ::Solvable* sv = pool_id2solvable(p_, id);
        sv->name = pool_str2id(p_, s.name.c_str(), 1);
        sv->evr = pool_str2id(p_, std::to_string(s.version).c_str(), 1);
        sv->arch = ARCH_NOARCH;
        sv->provides = repo_addid_dep(builds_, sv->provides, moduleDep(p_, s.name), 0);
        sv->provides = repo_addid_dep(builds_, sv->provides, moduleDep(p_, s.name, s.stream), 0);
        sv->provides =
            repo_addid_dep(builds_, sv->provides, pool_rel2id(p_, sv->name, sv->evr, REL_EQ, 1), 0);
        sv->conflicts = repo_addid_dep(builds_, sv->conflicts, moduleDep(p_, s.name), 0);
        addRequires(s, sv);
    }

    // The platform pseudo-module: this system's stream. An unknown platform adds none, so the
    // builds that need one are not used (taking every platform as fitting would pick another
    // system's context).
    void addPlatforms(const Platform& platform) {
        ::Repo* repo = pool_.addRepo("@platform");
        if (platform.known()) {
            const std::string& st = platform.stream;
            const Id id = repo_add_solvable(repo);
            ::Solvable* sv = pool_id2solvable(p_, id);
            sv->name = pool_str2id(p_, ("platform:" + st).c_str(), 1);
            sv->evr = pool_str2id(p_, "0", 1);
            sv->arch = ARCH_NOARCH;
            sv->provides = repo_addid_dep(repo, sv->provides, moduleDep(p_, "platform"), 0);
            sv->provides = repo_addid_dep(repo, sv->provides, moduleDep(p_, "platform", st), 0);
            platformIds_.push_back(id);
        }
        pool_.indexProvides();
    }
    const std::vector<Id>& platformIds() const { return platformIds_; }

    // The build a decided solvable stands for; null for platforms and undecided ones.
    const ModuleStream* buildOf(Id id) const {
        if (id <= 0 || !firstId_ || id < firstId_ || id - firstId_ >= static_cast<Id>(byId_.size()))
            return nullptr;
        if (pool_id2solvable(p_, id)->repo != builds_) return nullptr;
        return byId_[id - firstId_];
    }

  private:
    // Dependency blocks are alternatives; inside a block every module is needed, in one of its
    // streams ([] = any, "-x" = any but x).
    void addRequires(const ModuleStream& s, ::Solvable* sv) {
        Id any = 0;
        bool unconditional = s.requires_.empty();
        for (const auto& block : s.requires_) {
            Id all = 0;
            for (const auto& [module, streams] : block) {
                Id one = 0;
                bool negative = false;
                for (const auto& st : streams) {
                    if (st.starts_with("-")) {
                        negative = true;
                        continue;
                    }
                    const Id d = moduleDep(p_, module, st);
                    one = one ? pool_rel2id(p_, one, d, REL_OR, 1) : d;
                }
                if (!one) one = moduleDep(p_, module);
                if (negative && s.requires_.size() == 1)
                    for (const auto& st : streams)
                        if (st.starts_with("-"))
                            sv->conflicts = repo_addid_dep(builds_, sv->conflicts,
                                                           moduleDep(p_, module, st.substr(1)), 0);
                all = all ? pool_rel2id(p_, all, one, REL_AND, 1) : one;
            }
            if (!all)
                unconditional = true;
            else
                any = any ? pool_rel2id(p_, any, all, REL_OR, 1) : all;
        }
        if (any && !unconditional)
            sv->solv_requires_ = repo_addid_dep(builds_, sv->solv_requires_, any, 0);
    }

    solv::Pool pool_;
    ::Pool* p_;
    ::Repo* builds_;
    std::vector<const ModuleStream*> byId_;  // solvable id - first id -> build
    Id firstId_ = 0;
    std::set<std::string> seen_;  // name:stream:version:context.arch
    std::vector<Id> platformIds_;
};

}  // namespace

namespace {

std::string enabledButNowhere(const std::string& name, const std::string& stream) {
    return "stream " + name + ":" + stream + " is enabled, but no enabled repository has it";
}

}  // namespace

// Enabled streams are hard jobs (each checked to be usable first), default streams of modules
// the user left alone are weak ones, and a known platform is installed.
solv::Queue StreamSelector::jobs(const ModuleStates& states, const std::vector<Id>& platformIds,
                                 ::Pool* pool, std::vector<std::string>& problems) const {
    solv::Queue jobs;
    if (platform_.known())
        for (Id id : platformIds)
            jobs.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE), jobs.push_back(id);
    for (const auto& [name, st] : states.all()) {
        if (st.status != ModuleStatus::Enabled) continue;
        const Id dep = moduleDep(pool, name, st.stream);
        if (!pool_whatprovides(pool, dep)) {
            problems.push_back(enabledButNowhere(name, st.stream));
            continue;
        }
        if (const std::string why = whyUnusable(name, st.stream, states); !why.empty()) {
            problems.push_back(why);
            continue;
        }
        jobs.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE_PROVIDES);
        jobs.push_back(dep);
    }
    std::set<std::string> defaulted;
    for (const auto& s : md_.streams()) {
        const ModuleDefaults* d = md_.defaults(s.name);
        if (!d || d->stream.empty() || !defaulted.insert(s.name).second) continue;
        if (states.get(s.name).status != ModuleStatus::Unset) continue;
        jobs.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE_PROVIDES | SOLVER_WEAK);
        jobs.push_back(moduleDep(pool, s.name, d->stream));
    }
    return jobs;
}

ModuleSelection StreamSelector::select(const ModuleStates& states) const {
    ModuleSelection out;
    if (md_.streams().empty()) {
        // No module metadata at all: an enabled stream filters nothing now, which is said.
        for (const auto& [name, st] : states.all())
            if (st.status == ModuleStatus::Enabled)
                out.problems.push_back(enabledButNowhere(name, st.stream));
        return out;
    }
    ModulePool pool(arch_);
    for (const auto& s : md_.streams())
        if (states.get(s.name).status != ModuleStatus::Disabled && archUsable(s.arch, arch_))
            pool.addBuild(s);
    pool.addPlatforms(platform_);
    solv::Queue jobs = this->jobs(states, pool.platformIds(), pool.raw(), out.problems);
    solv::Solver solver(pool.raw());
    if (solver.solve(jobs) != 0) {
        // Enabled streams that cannot be used together: report each problem, then go on with
        // what can be used (weak jobs), so queries still work.
        for (Id problem = 1; problem <= solver.problemCount(); ++problem)
            out.problems.push_back("the enabled module streams cannot be used together: " +
                                   solver.problemText(problem));
        for (int i = 0; i < jobs.size(); i += 2) jobs.raw()->elements[i] |= SOLVER_WEAK;
        solver.solve(jobs);
    }
    // The chosen build of each module; every build of a chosen name:stream:context is active.
    std::set<std::tuple<std::string, std::string, std::string>> chosenKeys;
    for (Id d : solver.decisions())
        if (const ModuleStream* s = pool.buildOf(d)) {
            out.chosen[s->name] = s;
            chosenKeys.emplace(s->name, s->stream, s->context);
        }
    for (const auto& s : md_.streams())
        if (chosenKeys.count({s.name, s.stream, s.context}) && archUsable(s.arch, arch_))
            out.active.push_back(&s);
    return out;
}

std::string StreamSelector::whyUnusable(const std::string& name, const std::string& stream,
                                        const ModuleStates& states) const {
    // A build is usable when, in one of its dependency blocks, every required module has a
    // stream that exists, is not disabled and (for the platform) is this system's.
    std::vector<std::string> reasons;
    bool any = false;
    for (const auto& s : md_.streams()) {
        if (s.name != name || s.stream != stream || !archUsable(s.arch, arch_)) continue;
        any = true;
        bool usable = s.requires_.empty();
        for (const auto& block : s.requires_) {
            bool blockOk = true;
            for (const auto& [module, streams] : block) {
                std::vector<std::string> wanted;
                for (const auto& st : streams)
                    if (!st.starts_with("-")) wanted.push_back(st);
                if (module == "platform") {
                    if (platform_.known() &&
                        (wanted.empty() ||
                         std::find(wanted.begin(), wanted.end(), platform_.stream) != wanted.end()))
                        continue;
                    blockOk = false;
                    std::vector<std::string> ids;
                    for (const auto& w : wanted) ids.push_back("platform:" + w);
                    const std::string built =
                        name + ":" + stream + " (context " + s.context + ") is built for " +
                        (ids.empty() ? std::string("a platform") : join(ids, " or "));
                    reasons.push_back(platform_.known()
                                          ? built + ", but this system is " + platform_.id() +
                                                " (from " + platform_.source + ")"
                                          : built);
                    continue;
                }
                if (states.get(module).status == ModuleStatus::Disabled) {
                    blockOk = false;
                    reasons.push_back(name + ":" + stream + " needs module " + module +
                                      ", which is disabled (mpm module reset " + module + ")");
                    continue;
                }
                const ModuleState other = states.get(module);
                bool found = false;
                for (const auto& t : md_.streams()) {
                    if (t.name != module) continue;
                    if (!wanted.empty() &&
                        std::find(wanted.begin(), wanted.end(), t.stream) == wanted.end())
                        continue;
                    if (other.status == ModuleStatus::Enabled && other.stream != t.stream) continue;
                    found = true;
                    break;
                }
                if (found) continue;
                blockOk = false;
                const std::string needs =
                    module + (wanted.empty() ? "" : ":" + join(wanted, " or " + module + ":"));
                if (other.status == ModuleStatus::Enabled)
                    reasons.push_back(name + ":" + stream + " needs " + needs + ", but " + module +
                                      ":" + other.stream + " is enabled");
                else
                    reasons.push_back(name + ":" + stream + " needs " + needs +
                                      ", which no enabled repository has");
            }
            usable = usable || blockOk;
        }
        if (usable) return {};
    }
    if (!any) {
        const bool elsewhere = std::any_of(
            md_.streams().begin(), md_.streams().end(),
            [&](const ModuleStream& s) { return s.name == name && s.stream == stream; });
        return elsewhere ? "no build of " + name + ":" + stream + " is made for this architecture"
                         : "no enabled repository has stream " + name + ":" + stream;
    }
    std::sort(reasons.begin(), reasons.end());
    reasons.erase(std::unique(reasons.begin(), reasons.end()), reasons.end());
    if (!platform_.known())
        return join(reasons, "; ") + "; this system's platform is unknown (" +
               platform_.unknownWhy + "): name it with --setopt=module_platform_id=platform:STREAM";
    return join(reasons, "; ");
}

}  // namespace mpm::module
