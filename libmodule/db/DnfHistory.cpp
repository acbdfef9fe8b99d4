#include "libmodule/db/DnfHistory.hpp"

#include <filesystem>

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
        case 5:  // group: mpm's module profiles play that part
            return InstallReason::Module;
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
    return out;
}

}  // namespace mpm::db
