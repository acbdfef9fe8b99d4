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

ModuleSelection StreamSelector::select(const ModuleStates& states) const {
    ModuleSelection out;
    if (md_.streams().empty()) return out;
    solv::Pool pool(arch_);
    ::Pool* p = pool.raw();
    ::Repo* repo = pool.addRepo("modules");
    std::vector<const ModuleStream*> byId(1, nullptr);  // solvable id - first id -> build
    Id firstId = 0;
    std::set<std::string> seen;             // name:stream:version:context.arch
    std::set<std::string> platformStreams;  // referenced, for an unknown platform
    for (const auto& s : md_.streams()) {
        if (states.get(s.name).status == ModuleStatus::Disabled) continue;
        if (!archUsable(s.arch, arch_)) continue;
        const std::string nsvca =
            nameStream(s) + ":" + std::to_string(s.version) + ":" + s.context + "." + s.arch;
        if (!seen.insert(nsvca).second) continue;  // the same build in several repos
        Id id = repo_add_solvable(repo);
        if (!firstId) firstId = id;
        byId.resize(id - firstId + 1);
        byId[id - firstId] = &s;
        ::Solvable* sv = pool_id2solvable(p, id);
        sv->name = pool_str2id(p, s.name.c_str(), 1);
        sv->evr = pool_str2id(p, std::to_string(s.version).c_str(), 1);
        sv->arch = ARCH_NOARCH;
        sv->provides = repo_addid_dep(repo, sv->provides, moduleDep(p, s.name), 0);
        sv->provides = repo_addid_dep(repo, sv->provides, moduleDep(p, s.name, s.stream), 0);
        sv->provides =
            repo_addid_dep(repo, sv->provides, pool_rel2id(p, sv->name, sv->evr, REL_EQ, 1), 0);
        // One build per module.
        sv->conflicts = repo_addid_dep(repo, sv->conflicts, moduleDep(p, s.name), 0);
        // Dependency blocks are alternatives; inside a block every module is needed, in one of
        // its streams ([] = any, "-x" = any but x).
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
                    if (module == "platform") platformStreams.insert(st);
                    Id d = moduleDep(p, module, st);
                    one = one ? pool_rel2id(p, one, d, REL_OR, 1) : d;
                }
                if (!one) one = moduleDep(p, module);
                if (negative && s.requires_.size() == 1)
                    for (const auto& st : streams)
                        if (st.starts_with("-"))
                            sv->conflicts = repo_addid_dep(repo, sv->conflicts,
                                                           moduleDep(p, module, st.substr(1)), 0);
                all = all ? pool_rel2id(p, all, one, REL_AND, 1) : one;
            }
            if (!all)
                unconditional = true;
            else
                any = any ? pool_rel2id(p, any, all, REL_OR, 1) : all;
        }
        if (any && !unconditional)
            sv->solv_requires_ = repo_addid_dep(repo, sv->solv_requires_, any, 0);
    }
    // The platform pseudo-module. Unknown: every platform stream the metadata names is offered,
    // so modules still work in a root that says nothing about its platform.
    ::Repo* platformRepo = pool.addRepo("@platform");
    std::vector<Id> platformIds;
    if (platform_.known()) platformStreams = {platform_.stream};
    for (const auto& st : platformStreams) {
        Id id = repo_add_solvable(platformRepo);
        ::Solvable* sv = pool_id2solvable(p, id);
        sv->name = pool_str2id(p, ("platform:" + st).c_str(), 1);
        sv->evr = pool_str2id(p, "0", 1);
        sv->arch = ARCH_NOARCH;
        sv->provides = repo_addid_dep(platformRepo, sv->provides, moduleDep(p, "platform"), 0);
        sv->provides = repo_addid_dep(platformRepo, sv->provides, moduleDep(p, "platform", st), 0);
        platformIds.push_back(id);
    }
    pool.finalize();

    solv::Queue jobs;
    if (platform_.known())
        for (Id id : platformIds)
            jobs.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE), jobs.push_back(id);
    std::vector<std::string> hardModules;  // in job order, for problems
    for (const auto& [name, st] : states.all()) {
        if (st.status != ModuleStatus::Enabled) continue;
        Id dep = moduleDep(p, name, st.stream);
        if (!pool_whatprovides(p, dep)) {
            out.problems.push_back("stream " + name + ":" + st.stream +
                                   " is enabled, but no enabled repository has it");
            continue;
        }
        const std::string why = whyUnusable(name, st.stream, states);
        if (!why.empty()) {
            out.problems.push_back(why);
            continue;
        }
        jobs.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE_PROVIDES);
        jobs.push_back(dep);
        hardModules.push_back(name);
    }
    std::set<std::string> defaulted;
    for (const auto& s : md_.streams()) {
        const ModuleDefaults* d = md_.defaults(s.name);
        if (!d || d->stream.empty() || !defaulted.insert(s.name).second) continue;
        if (states.get(s.name).status != ModuleStatus::Unset) continue;
        jobs.push_back(SOLVER_INSTALL | SOLVER_SOLVABLE_PROVIDES | SOLVER_WEAK);
        jobs.push_back(moduleDep(p, s.name, d->stream));
    }
    solv::Solver solver(p);
    if (solver.solve(jobs) != 0) {
        // Enabled streams that cannot be used together: report each problem, then go on with
        // what can be used (weak jobs), so queries still work.
        for (Id problem = 1; problem <= solver.problemCount(); ++problem)
            out.problems.push_back("the enabled module streams cannot be used together: " +
                                   solver.problemText(problem));
        for (int i = 0; i < jobs.size(); i += 2) jobs.raw()->elements[i] |= SOLVER_WEAK;
        solver.solve(jobs);
    }
    const solv::Queue decided = solver.decisions();
    std::set<std::tuple<std::string, std::string, std::string>> chosenKeys;
    for (Id d : decided) {
        if (d <= 0 || !firstId || d < firstId || d - firstId >= static_cast<Id>(byId.size()))
            continue;
        if (pool_id2solvable(p, d)->repo != repo) continue;
        const ModuleStream* s = byId[d - firstId];
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
                    if (!platform_.known() || wanted.empty() ||
                        std::find(wanted.begin(), wanted.end(), platform_.stream) != wanted.end())
                        continue;
                    blockOk = false;
                    std::vector<std::string> ids;
                    for (const auto& w : wanted) ids.push_back("platform:" + w);
                    reasons.push_back(name + ":" + stream + " (context " + s.context +
                                      ") is built for " + join(ids, " or ") +
                                      ", but this system is " + platform_.id() + " (from " +
                                      platform_.source + ")");
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
    if (!any) return "no build of " + name + ":" + stream + " is made for this architecture";
    std::sort(reasons.begin(), reasons.end());
    reasons.erase(std::unique(reasons.begin(), reasons.end()), reasons.end());
    return join(reasons, "; ");
}

}  // namespace mpm::module
