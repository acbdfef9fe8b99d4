#include "libmodule/comps/GroupRequest.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "common/Error.hpp"
#include "libmodule/db/DnfHistory.hpp"
#include "libmodule/db/InstalledDb.hpp"

namespace mpm::comps {

namespace {

// mpm's own group records, when it keeps any (a root mpm made groups in before it marked that
// it keeps them has its records and no mark).
std::optional<std::vector<db::InstalledGroup>> mpmsGroups(const base::Sack& sack) {
    auto db = db::InstalledDb::openForReading(sack.config().persistDir());
    if (!db) return std::nullopt;
    std::vector<db::InstalledGroup> groups = db->installedGroups();
    if (db->hasGroupState() || !groups.empty()) return groups;
    return std::nullopt;
}

}  // namespace

GroupRequest::GroupRequest(const base::Sack& sack, const Comps& comps)
    : sack_(sack), comps_(comps) {
    if (auto own = mpmsGroups(sack_)) {
        installed_ = std::move(*own);
        return;
    }
    // dnf's groups (mpm keeps none yet) become mpm's with the first change this request makes.
    installed_ = db::readDnfGroups(sack_.config().installroot);
    jobs_.fromDnf = installed_;
}

std::vector<std::string> GroupRequest::typesFor(bool withOptional) const {
    std::vector<std::string> types = sack_.config().main.group_package_types;
    if (withOptional && std::find(types.begin(), types.end(), "optional") == types.end())
        types.push_back("optional");
    return types;
}

db::InstalledGroup GroupRequest::recordOf(const Group& g,
                                          const std::vector<std::string>& types) const {
    db::InstalledGroup r{g.id, db::CompsKind::Group, g.name, {types.begin(), types.end()}, {}};
    for (const auto& p : g.packages) r.members.insert(p.name);
    return r;
}

db::InstalledGroup GroupRequest::recordOf(const Environment& e,
                                          const std::vector<std::string>& types) const {
    db::InstalledGroup r{
        e.id, db::CompsKind::Environment, e.name, {types.begin(), types.end()}, {}};
    r.members.insert(e.groups.begin(), e.groups.end());
    r.members.insert(e.optionalGroups.begin(), e.optionalGroups.end());
    return r;
}

const db::GroupChange* GroupRequest::changeOf(db::CompsKind kind, const std::string& id) const {
    for (const auto& c : jobs_.changes)
        if (c.group.kind == kind && c.group.id == id) return &c;
    return nullptr;
}

std::vector<PackageType> GroupRequest::packageTypesOf(const std::vector<std::string>& types) {
    std::vector<PackageType> out;
    for (const auto& t : types)
        if (auto type = parsePackageType(t)) out.push_back(*type);
    return out;
}

void GroupRequest::setRecord(db::InstalledGroup record, bool removed) {
    std::erase_if(jobs_.changes, [&](const db::GroupChange& c) {
        return c.group.kind == record.kind && c.group.id == record.id;
    });
    const bool was = installedRecord(record.kind, record.id) != nullptr;
    jobs_.changes.push_back({std::move(record), removed, was});
}

std::vector<db::InstalledGroup> GroupRequest::installedGroups(const base::Sack& sack) {
    if (auto own = mpmsGroups(sack)) return *own;
    return db::readDnfGroups(sack.config().installroot);  // a root dnf made: its groups
}

void GroupRequest::installGroup(const Group& g, const std::vector<std::string>& types,
                                bool packages) {
    setRecord(recordOf(g, types), false);
    if (!packages) return;
    for (const GroupPackage* p : g.packagesOf(packageTypesOf(types))) {
        if (p->type == PackageType::Conditional)
            jobs_.installIf.emplace_back(p->name, p->condition);
        else if (std::find(jobs_.install.begin(), jobs_.install.end(), p->name) ==
                 jobs_.install.end())
            jobs_.install.push_back(p->name);
    }
}

void GroupRequest::installEnvironment(const Environment& e, const std::vector<std::string>& types,
                                      bool packages) {
    setRecord(recordOf(e, types), false);
    for (const auto& id : e.groups) {
        if (const Group* g = comps_.group(id))
            installGroup(*g, types, packages);
        else
            jobs_.warnings.push_back("environment " + e.id + " lists group " + id +
                                     ", which no enabled repository has");
    }
}

void GroupRequest::install(const std::string& pattern, bool withOptional, bool environmentsOnly) {
    const auto envs = comps_.environmentsMatching(pattern);
    const auto groups =
        environmentsOnly ? std::vector<const Group*>{} : comps_.groupsMatching(pattern);
    if (envs.empty() && groups.empty()) {
        Error e(std::string("no ") + (environmentsOnly ? "environment" : "group or environment") +
                " matches '" + pattern + "'" +
                (comps_.empty() ? ": the enabled repositories have no comps (group) metadata"
                                : " (see mpm group list --hidden)"));
        e.addFact("group", pattern);
        throw e;
    }
    const auto types = typesFor(withOptional);
    for (const Environment* e : envs) installEnvironment(*e, types, true);
    for (const Group* g : groups) installGroup(*g, types, true);
}

void GroupRequest::markInstalled(const std::string& pattern, bool withOptional) {
    const auto envs = comps_.environmentsMatching(pattern);
    const auto groups = comps_.groupsMatching(pattern);
    if (envs.empty() && groups.empty())
        throw Error("no group or environment matches '" + pattern + "' (see mpm group list)");
    const auto types = typesFor(withOptional);
    for (const Environment* e : envs) installEnvironment(*e, types, false);
    for (const Group* g : groups) installGroup(*g, types, false);
}

bool GroupRequest::matchesAvailable(const std::string& pattern) const {
    return !comps_.groupsMatching(pattern).empty() || !comps_.environmentsMatching(pattern).empty();
}

bool GroupRequest::matchesInstalled(const std::string& pattern, bool environmentsOnly) const {
    for (const db::InstalledGroup* g : matching(installed_, pattern))
        if (!environmentsOnly || g->kind == db::CompsKind::Environment) return true;
    return false;
}

const db::InstalledGroup* GroupRequest::installedRecord(db::CompsKind kind,
                                                        const std::string& id) const {
    for (const auto& g : installed_)
        if (g.kind == kind && g.id == id) return &g;
    return nullptr;
}

std::vector<const db::InstalledGroup*> GroupRequest::installedMatching(
    const std::string& pattern) const {
    std::vector<const db::InstalledGroup*> out = matching(installed_, pattern);
    if (out.empty()) {
        Error e("no installed group or environment matches '" + pattern +
                "' (see mpm group list --installed)");
        e.addFact("group", pattern);
        throw e;
    }
    return out;
}

void GroupRequest::removeRecord(const db::InstalledGroup& g, bool packages) {
    setRecord(g, true);
    if (g.kind == db::CompsKind::Group) {
        if (packages) removedNames_.insert(removedNames_.end(), g.members.begin(), g.members.end());
        return;
    }
    // An environment takes its groups along, except those another installed environment has.
    for (const auto& id : g.members) {
        const db::InstalledGroup* group = installedRecord(db::CompsKind::Group, id);
        if (!group) continue;
        const bool elsewhere =
            std::any_of(installed_.begin(), installed_.end(), [&](const auto& o) {
                // an environment removed by this request too does not keep it
                const db::GroupChange* change = changeOf(o.kind, o.id);
                return o.kind == db::CompsKind::Environment && o.id != g.id &&
                       !(change && change->removed) && o.members.count(id);
            });
        if (!elsewhere) removeRecord(*group, packages);
    }
}

void GroupRequest::remove(const std::string& pattern, bool packages) {
    const std::vector<const db::InstalledGroup*> groups = matching(installed_, pattern);
    // As a package that is not installed: said, and nothing to do (a second run succeeds).
    if (groups.empty())
        jobs_.warnings.push_back("no installed group or environment matches '" + pattern +
                                 "': nothing to remove (see mpm group list --installed)");
    for (const db::InstalledGroup* g : groups) removeRecord(*g, packages);
}

void GroupRequest::markRemoved(const std::string& pattern) {
    remove(pattern, false);
}

void GroupRequest::upgrade(const std::string& pattern) {
    for (const db::InstalledGroup* installed : installedMatching(pattern)) upgradeOne(*installed);
}

// One installed group or environment brought to what the repositories list now.
void GroupRequest::upgradeOne(const db::InstalledGroup& record) {
    const db::InstalledGroup* installed = &record;
    // Each record once (an environment's group may also be named by the pattern).
    if (changeOf(record.kind, record.id)) return;
    const std::vector<std::string> types(installed->packageTypes.begin(),
                                         installed->packageTypes.end());
    if (installed->kind == db::CompsKind::Environment) {
        const Environment* e = comps_.environment(installed->id);
        if (!e)
            throw Error("environment " + installed->id +
                        " is installed, but no enabled repository has it any more");
        setRecord(recordOf(*e, types), false);
        // Its groups: new ones are installed, installed ones upgraded.
        for (const auto& id : e->groups) {
            const Group* g = comps_.group(id);
            if (!g) continue;
            // by id and kind: a pattern could match the environment itself again
            if (const db::InstalledGroup* group = installedRecord(db::CompsKind::Group, id))
                upgradeOne(*group);
            else
                installGroup(*g, types, true);
        }
        return;
    }
    const Group* g = comps_.group(installed->id);
    if (!g)
        throw Error("group " + installed->id +
                    " is installed, but no enabled repository has it any more");
    // dnf 4's rule: what the group now lists is installed (or upgraded); what it no longer
    // lists stays (a name also drops out of a merged group when the repository whose comps
    // listed it is unreachable). The record keeps those names, so that removing the group
    // still takes what it brought.
    for (const GroupPackage* p : g->packagesOf(packageTypesOf(types))) {
        if (installed->members.count(p->name))
            jobs_.upgrade.push_back(p->name);
        else if (p->type == PackageType::Conditional)
            jobs_.installIf.emplace_back(p->name, p->condition);
        else
            jobs_.install.push_back(p->name);
    }
    db::InstalledGroup upgraded = recordOf(*g, types);
    upgraded.members.insert(installed->members.begin(), installed->members.end());
    setRecord(std::move(upgraded), false);
}

bool GroupRequest::listedElsewhere(const std::string& name) const {
    // an installed group this request leaves alone that lists it...
    for (const auto& g : installed_)
        if (g.kind == db::CompsKind::Group && !changeOf(g.kind, g.id) && g.members.count(name))
            return true;
    // ...or one this request installs or upgrades that lists it now
    for (const auto& c : jobs_.changes)
        if (!c.removed && c.group.kind == db::CompsKind::Group && c.group.members.count(name))
            return true;
    return false;
}

GroupJobs GroupRequest::jobs() const {
    GroupJobs out = jobs_;
    std::set<std::string> names;
    for (const auto& n : removedNames_)
        if (!listedElsewhere(n)) names.insert(n);
    ::Pool* pool = sack_.raw();
    if (!names.empty() && pool->installed) {
        Id p;
        ::Solvable* s;
        FOR_REPO_SOLVABLES(pool->installed, p, s) {
            if (!names.count(pool_id2str(pool, s->name))) continue;
            // Only what a group brought: the user's own packages stay.
            const base::InstalledInfo* info = sack_.installedInfo(p);
            if (info && info->reason == db::InstallReason::Group) out.remove.push_back(p);
        }
    }
    // A group recorded as it already is (installed again, upgraded to what it already lists)
    // is no change: a second run has nothing to do.
    std::erase_if(out.changes, [this](const db::GroupChange& c) {
        const db::InstalledGroup* was = installedRecord(c.group.kind, c.group.id);
        return !c.removed && was && *was == c.group;
    });
    return out;
}

}  // namespace mpm::comps
