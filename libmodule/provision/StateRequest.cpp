#include "libmodule/provision/StateRequest.hpp"

#include <algorithm>
#include <set>

#include "common/Error.hpp"
#include "libmodule/comps/Comps.hpp"
#include "libmodule/comps/GroupRequest.hpp"
#include "libmodule/module/ModuleRequest.hpp"
#include "libmodule/module/ModuleSpec.hpp"
#include "libmodule/solve/SpecRequest.hpp"

namespace mpm::provision {

namespace {

using db::ModuleState;
using db::ModuleStatus;

// A package entry written as dnf's "@module[:stream][/profile]".
bool namesModuleProfile(solve::Goal& g, const PackageEntry& p) {
    return p.spec.starts_with("@") && solve::namesModule(g, p.spec.substr(1));
}

// Whether the profile a spec names (the default ones, when it names none) is installed now.
bool profileInstalled(const ModuleState& now, const module::ModuleSpec& spec) {
    if (now.status != ModuleStatus::Enabled) return false;
    if (!spec.stream.empty() && now.stream != spec.stream) return false;
    return spec.profile.empty() ? !now.profiles.empty() : now.profiles.count(spec.profile) > 0;
}

void requestModule(module::ModuleRequest& request, const ModuleState& now, const ModuleEntry& m) {
    switch (m.state) {
        case ModuleGoal::Disabled:
            if (now.status != ModuleStatus::Disabled) request.disable(m.name);
            return;
        case ModuleGoal::Reset:
            if (now.status != ModuleStatus::Unset) request.reset(m.name);
            return;
        case ModuleGoal::Enabled:
            break;
    }
    const bool enabled = now.status == ModuleStatus::Enabled;
    if (enabled && !m.stream.empty() && now.stream != m.stream)
        request.switchTo(m.name + ":" + m.stream);  // installed profiles move along
    else if (!enabled)
        request.enable(m.stream.empty() ? m.name : m.name + ":" + m.stream);
    const std::string stream = !m.stream.empty() ? m.stream : enabled ? now.stream : "";
    const bool sameStream = enabled && now.stream == stream;
    for (const auto& profile : m.profiles)
        if (!sameStream || !now.profiles.count(profile))
            request.install(m.name + (stream.empty() ? "" : ":" + stream) + "/" + profile);
}

// A module given a stream under modules and another one in a package spec (@nodejs:18).
void refuseTwoStreams(const DesiredState& d, const std::vector<const PackageEntry*>& profiles) {
    for (const PackageEntry* p : profiles) {
        if (p->state == PackageState::Absent) continue;
        const module::ModuleSpec spec = module::ModuleSpec::parse(p->spec.substr(1));
        for (const auto& m : d.modules)
            if (m.name == spec.name && !spec.stream.empty() &&
                (m.state != ModuleGoal::Enabled || (!m.stream.empty() && m.stream != spec.stream)))
                throw d.errorAt(
                    p->line, p->spec + " wants stream " + spec.stream + ", but module " + m.name +
                                 " is " +
                                 (m.state == ModuleGoal::Enabled ? "on stream " + m.stream
                                                                 : moduleGoalName(m.state)) +
                                 " on line " + std::to_string(m.line) + "; give it one stream");
    }
}

void requestModules(solve::Goal& g, const DesiredState& d) {
    std::vector<const PackageEntry*> profiles;
    for (const auto& p : d.packages)
        if (namesModuleProfile(g, p)) profiles.push_back(&p);
    if (d.modules.empty() && profiles.empty()) return;
    if (!g.modules() || g.modules()->metadata().streams().empty())
        throw Error(
            "the desired state names module streams, but the enabled repositories have no "
            "module metadata");
    refuseTwoStreams(d, profiles);
    const module::ModuleStates& now = g.modules()->states();
    module::ModuleRequest request(g.sack(), *g.modules());
    // Profiles that go are removed first, from the stream they were installed from; then
    // streams change, and profiles come.
    for (const PackageEntry* p : profiles) {
        const std::string text = p->spec.substr(1);
        const module::ModuleSpec spec = module::ModuleSpec::parse(text);
        if (p->state == PackageState::Absent && profileInstalled(now.get(spec.name), spec))
            request.remove(text, false);
    }
    for (const auto& m : d.modules) requestModule(request, now.get(m.name), m);
    for (const PackageEntry* p : profiles) {
        const std::string text = p->spec.substr(1);
        const module::ModuleSpec spec = module::ModuleSpec::parse(text);
        const ModuleState current = now.get(spec.name);
        if (p->state == PackageState::Absent || profileInstalled(current, spec)) continue;
        // A state names the stream it wants: another one enabled now is switched (unless the
        // modules section switches it already).
        const bool switchedAbove = std::any_of(
            d.modules.begin(), d.modules.end(),
            [&](const ModuleEntry& m) { return m.name == spec.name && !m.stream.empty(); });
        if (current.status == ModuleStatus::Enabled && !spec.stream.empty() &&
            current.stream != spec.stream && !switchedAbove)
            request.switchTo(spec.name + ":" + spec.stream);
        request.install(text);
    }
    g.addModuleJobs(request.apply());
}

// A group listed absent that an environment listed present brings along: no order of the two
// steps gives both, and applying the state again would undo the first run.
void refuseContradictions(const comps::Comps& comps, const std::vector<GroupEntry>& groups,
                          const DesiredState& state) {
    for (const auto& env : groups) {
        if (!env.present) continue;
        for (const comps::Environment* e : comps.environmentsMatching(env.id))
            for (const auto& absent : groups) {
                if (absent.present || absent.environment) continue;
                for (const comps::Group* g : comps.groupsMatching(absent.id))
                    if (std::find(e->groups.begin(), e->groups.end(), g->id) != e->groups.end())
                        throw state.errorAt(
                            absent.line, "group " + g->id + " is absent, but environment " + e->id +
                                             " (present, line " + std::to_string(env.line) +
                                             ") installs it; give the group one state");
            }
    }
}

void requestGroups(solve::Goal& g, const DesiredState& d) {
    std::vector<GroupEntry> groups = d.groups;
    for (const auto& p : d.packages)  // "@group" among the packages, as dnf takes it
        if (p.spec.starts_with("@") && !namesModuleProfile(g, p)) {
            GroupEntry e;
            e.environment = p.spec.starts_with("@^");
            e.id = p.spec.substr(e.environment ? 2 : 1);
            e.present = p.state != PackageState::Absent;
            e.line = p.line;
            groups.push_back(e);
        }
    if (groups.empty()) return;
    const comps::Comps comps = comps::Comps::load(g.sack());
    refuseContradictions(comps, groups, d);
    comps::GroupRequest request(g.sack(), comps);
    for (const auto& e : groups) {
        const bool installed = request.matchesInstalled(e.id, e.environment);
        if (e.present && !installed)
            request.install(e.id, false, e.environment);
        else if (!e.present && installed)
            request.remove(e.id);
    }
    g.addGroupJobs(request.jobs());
}

// A package one spec wants and another, absent, matches too ("old-greeter" and "old*"): no
// transaction gives both.
void refuseOverlaps(solve::Goal& g, const DesiredState& d) {
    std::vector<std::pair<const PackageEntry*, std::set<std::string>>> absent;
    for (const auto& p : d.packages)
        if (p.state == PackageState::Absent && !p.spec.starts_with("@"))
            absent.emplace_back(&p, g.namesMatching(p.spec));
    if (absent.empty()) return;
    for (const auto& p : d.packages) {
        if (p.state == PackageState::Absent || p.spec.starts_with("@")) continue;
        for (const std::string& name : g.namesMatching(p.spec))
            for (const auto& [a, names] : absent)
                if (names.count(name))
                    throw d.errorAt(
                        p.line, p.spec + " is " + packageStateName(p.state) + ", but " + a->spec +
                                    ", absent on line " + std::to_string(a->line) +
                                    ", matches the same package (" + name + "); give it one state");
    }
}

void requestPackages(solve::Goal& g, const DesiredState& d) {
    refuseOverlaps(g, d);
    for (const auto& p : d.packages) {
        if (p.spec.starts_with("@")) continue;  // a module profile or a group, requested above
        switch (p.state) {
            case PackageState::Present:
                g.keepOrInstall(p.spec);  // an installed package satisfies it as it is
                break;
            case PackageState::Latest:
                // "The newest hello-2.0" would upgrade past 2.0 and go back to it next run.
                if (g.namesVersion(p.spec))
                    throw d.errorAt(
                        p.line, p.spec +
                                    " names a version, and latest takes names; for exactly that "
                                    "version, list it under present");
                // dnf's name='*' state=latest: every installed package upgraded, none added.
                if (p.spec == "*") {
                    if (g.matchesInstalled(p.spec)) g.upgrade(p.spec);
                } else {
                    g.installOrUpgrade(p.spec);
                }
                break;
            case PackageState::Absent:
                if (g.matchesInstalled(p.spec)) g.remove(p.spec);  // gone already: nothing to do
                g.forbid(p.spec);  // and nothing else in the state brings it back
                break;
        }
    }
}

}  // namespace

void requestState(solve::Goal& goal, const DesiredState& state) {
    requestModules(goal, state);
    requestGroups(goal, state);
    requestPackages(goal, state);
}

}  // namespace mpm::provision
