#include "libmodule/db/DnfHistory.hpp"

#include <filesystem>
#include <set>

#include "libmodule/db/Sqlite.hpp"

namespace mpm::db {

namespace {

// libdnf's TransactionItemReason.
InstallReason fromDnf(int64_t reason) {
    switch (reason) {
        case 1:  // dependency
        case 3:  // clean (a dependency that was cleaned up)
            return InstallReason::Dependency;
        case 2:
            return InstallReason::User;
        case 4:
            return InstallReason::WeakDependency;
        case 5:  // group, for a group's package and a module profile's alike (told below)
            return InstallReason::Group;
        default:
            return InstallReason::External;
    }
}

}  // namespace

std::map<std::pair<std::string, std::string>, DnfReason> readDnfReasons(
    const std::string& installroot) {
    std::map<std::pair<std::string, std::string>, DnfReason> out;
    const std::string path = (std::filesystem::path(installroot) / "var/lib/dnf/history.sqlite");
    if (!std::filesystem::exists(path)) return out;
    try {
        Database db = Database::readOnly(path);
        // As libdnf resolves a reason: the newest done transaction item that put the package
        // there (actions install, downgrade, obsolete, upgrade, reinstall, reason change).
        Statement s = db.prepare(R"sql(
            SELECT r.name, r.arch, ti.reason, coalesce(repo.repoid, '')
            FROM trans_item ti
                JOIN trans t ON ti.trans_id = t.id
                JOIN rpm r USING (item_id)
                LEFT JOIN repo ON repo.id = ti.repo_id
            WHERE t.state = 1 AND ti.state = 1 AND ti.action IN (1, 2, 4, 6, 9, 11)
            ORDER BY ti.trans_id, ti.id)sql");
        while (s.step()) out[{s.text(0), s.text(1)}] = {fromDnf(s.integer(2)), s.text(3)};
    } catch (const DbError&) {
        out.clear();
    }
    // dnf's "group" reason of a package no installed group lists came with a module profile.
    std::set<std::string> inGroups;
    for (const auto& g : readDnfGroups(installroot))
        if (g.kind == CompsKind::Group) inGroups.insert(g.members.begin(), g.members.end());
    for (auto& [key, r] : out)
        if (r.reason == InstallReason::Group && !inGroups.count(key.first))
            r.reason = InstallReason::Module;
    return out;
}

namespace {

// libdnf's CompsPackageType bits, as mpm names the types.
std::set<std::string> packageTypesOf(int64_t bits) {
    std::set<std::string> out;
    if (bits & 1) out.insert("conditional");
    if (bits & 2) out.insert("default");
    if (bits & 4) out.insert("mandatory");
    if (bits & 8) out.insert("optional");
    return out;
}

}  // namespace

std::vector<InstalledGroup> readDnfGroups(const std::string& installroot) {
    std::vector<InstalledGroup> out;
    const std::string path = (std::filesystem::path(installroot) / "var/lib/dnf/history.sqlite");
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return out;
    try {
        Database db = Database::readOnly(path);
        // Each install records a new item with what the group listed then; the newest done
        // transaction item of an id says whether it is installed (anything but a removal, 8).
        struct Latest {
            int64_t item = 0, action = 0, types = 0;
            std::string name;
        };
        for (const CompsKind kind : {CompsKind::Group, CompsKind::Environment}) {
            const bool group = kind == CompsKind::Group;
            const std::string table = group ? "comps_group" : "comps_environment";
            const std::string idColumn = group ? "groupid" : "environmentid";
            Statement items =
                db.prepare("SELECT c." + idColumn +
                           ", c.item_id, ti.action, c.pkg_types, c.name "
                           "FROM trans_item ti JOIN trans t ON ti.trans_id = t.id "
                           "JOIN " +
                           table +
                           " c ON c.item_id = ti.item_id "
                           "WHERE t.state = 1 AND ti.state = 1 ORDER BY ti.trans_id, ti.id");
            std::map<std::string, Latest> latest;
            while (items.step())
                latest[items.text(0)] = {items.integer(1), items.integer(2), items.integer(3),
                                         items.text(4)};
            Statement members =
                db.prepare(group ? "SELECT name FROM comps_group_package WHERE group_id = ?"
                                 : "SELECT groupid FROM comps_environment_group "
                                   "WHERE environment_id = ?");
            for (const auto& [id, l] : latest) {
                if (l.action == 8) continue;  // removed
                InstalledGroup g;
                g.id = id;
                g.kind = kind;
                g.name = l.name;
                g.packageTypes = packageTypesOf(l.types);
                members.bind(1, l.item);
                while (members.step()) g.members.insert(members.text(0));
                members.reset();
                out.push_back(std::move(g));
            }
        }
    } catch (const DbError&) {
        out.clear();
    }
    return out;
}

}  // namespace mpm::db
