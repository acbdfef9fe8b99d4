#include "libmodule/provision/StateRequest.hpp"

#include <algorithm>

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

void requestModules(solve::Goal& g, const DesiredState& d) {
    std::vector<const PackageEntry*> profiles;
    for (const auto& p : d.packages)
        if (namesModuleProfile(g, p)) profiles.push_back(&p);
    if (d.modules.empty() && profiles.empty()) return;
    if (!g.modules() || g.modules()->metadata().streams().empty())
        throw Error(
            "the desired state names module streams, but the enabled repositories have no "
            "module metadata");
    const module::ModuleStates& now = g.modules()->states();
    module::ModuleRequest request(g.sack(), *g.modules());
    for (const auto& m : d.modules) requestModule(request, now.get(m.name), m);
    for (const PackageEntry* p : profiles) {
        const std::string text = p->spec.substr(1);
        const module::ModuleSpec spec = module::ModuleSpec::parse(text);
        const ModuleState current = now.get(spec.name);
        const bool installed = profileInstalled(current, spec);
        if (p->state == PackageState::Absent && installed) {
            request.remove(text, false);
        } else if (p->state != PackageState::Absent && !installed) {
            // A state names the stream it wants: another one enabled now is switched.
            if (current.status == ModuleStatus::Enabled && !spec.stream.empty() &&
                current.stream != spec.stream)
                request.switchTo(spec.name + ":" + spec.stream);
            request.install(text);
        }
    }
    g.addModuleJobs(request.apply());
}

// A group listed absent that an environment listed present brings along: no order of the two
// steps gives both, and applying the state again would undo the first run.
void refuseContradictions(const comps::Comps& comps, const std::vector<GroupEntry>& groups,
                          const std::string& source) {
    for (const auto& env : groups) {
        if (!env.present) continue;
        for (const comps::Environment* e : comps.environmentsMatching(env.id))
            for (const auto& absent : groups) {
                if (absent.present || absent.environment) continue;
                for (const comps::Group* g : comps.groupsMatching(absent.id))
                    if (std::find(e->groups.begin(), e->groups.end(), g->id) != e->groups.end())
                        throw Error(source + ":" + std::to_string(absent.line) + ": group " +
                                    g->id + " is absent, but environment " + e->id +
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
    refuseContradictions(comps, groups, d.source);
    comps::GroupRequest request(g.sack(), comps, comps::GroupRequest::installedGroups(g.sack()));
    for (const auto& e : groups) {
        const bool installed = request.matchesInstalled(e.id, e.environment);
        if (e.present && !installed)
            request.install(e.id, false, e.environment);
        else if (!e.present && installed)
            request.remove(e.id);
    }
    g.addGroupJobs(request.jobs());
}

void requestPackages(solve::Goal& g, const DesiredState& d) {
    for (const auto& p : d.packages) {
        if (p.spec.starts_with("@")) continue;  // a module profile or a group, requested above
        switch (p.state) {
            case PackageState::Present:
                g.install(p.spec);  // an installed package satisfies it as it is
                break;
            case PackageState::Latest:
                // dnf's name='*' state=latest: every installed package upgraded, none added.
                if (p.spec == "*") {
                    if (g.matchesInstalled(p.spec)) g.upgrade(p.spec);
                } else {
                    g.installOrUpgrade(p.spec);
                }
                break;
            case PackageState::Absent:
                if (g.matchesInstalled(p.spec)) g.remove(p.spec);  // gone already: nothing to do
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
