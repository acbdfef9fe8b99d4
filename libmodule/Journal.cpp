#include "libmodule/Journal.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

#include "libmodule/FaultPoint.hpp"

namespace mpm {

namespace {

using nlohmann::json;

json toJson(const InstalledPackage& p) {
    json deps = json::array(), files = json::array(), scripts = json::array();
    for (const auto& sc : p.scriptlets) scripts.push_back({sc.kind, sc.interpreter, sc.body});
    for (const auto& d : p.deps) deps.push_back({d.kind, d.dep});
    for (const auto& f : p.files)
        files.push_back(
            {f.path, f.mode, f.user, f.group, f.digest, f.linkto, f.flags, f.size, f.mtime});
    return {{"name", p.name},
            {"epoch", p.epoch},
            {"version", p.version},
            {"release", p.release},
            {"arch", p.arch},
            {"repo", p.repo},
            {"reason", p.reason},
            {"install_time", p.installTime},
            {"download_size", p.downloadSize},
            {"install_size", p.installSize},
            {"buildtime", p.buildTime},
            {"checksum", p.checksum},
            {"summary", p.summary},
            {"description", p.description},
            {"url", p.url},
            {"license", p.license},
            {"sourcerpm", p.sourceRpm},
            {"deps", deps},
            {"files", files},
            {"scriptlets", scripts}};
}

InstalledPackage packageFrom(const json& j) {
    InstalledPackage p;
    p.name = j["name"];
    p.epoch = j["epoch"];
    p.version = j["version"];
    p.release = j["release"];
    p.arch = j["arch"];
    p.repo = j["repo"];
    p.reason = j["reason"];
    p.installTime = j["install_time"];
    p.downloadSize = j["download_size"];
    p.installSize = j["install_size"];
    p.buildTime = j["buildtime"];
    p.checksum = j["checksum"];
    p.summary = j["summary"];
    p.description = j["description"];
    p.url = j["url"];
    p.license = j["license"];
    p.sourceRpm = j["sourcerpm"];
    for (const auto& d : j["deps"]) p.deps.push_back({d[0], d[1]});
    for (const auto& sc : j["scriptlets"]) p.scriptlets.push_back({sc[0], sc[1], sc[2]});
    for (const auto& f : j["files"])
        p.files.push_back({f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]});
    return p;
}

std::string serialize(const CommitPlan& plan) {
    json j;
    j["renames"] = plan.renames;
    j["removals"] = plan.removals;
    j["dir_removals"] = plan.dirRemovals;
    j["staged_extras"] = plan.stagedExtras;
    j["db_remove"] = plan.dbRemove;
    json add = json::array();
    for (const auto& p : plan.dbAdd) add.push_back(toJson(p));
    j["db_add"] = add;
    j["cmdline"] = plan.cmdline;
    j["begin"] = plan.beginTime;
    json hist = json::array();
    for (const auto& h : plan.history) hist.push_back({h.action, h.nevra, h.repo, h.reason});
    j["history"] = hist;
    json modules = json::array();
    for (const auto& m : plan.modules)
        modules.push_back({m.name, static_cast<int>(m.status), m.stream, m.profiles});
    j["modules"] = modules;
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

CommitPlan deserialize(const std::string& text) {
    json j = json::parse(text);
    CommitPlan plan;
    plan.renames = j["renames"].get<std::vector<std::pair<std::string, std::string>>>();
    plan.removals = j["removals"].get<std::vector<std::string>>();
    plan.dirRemovals = j["dir_removals"].get<std::vector<std::string>>();
    plan.stagedExtras = j["staged_extras"].get<std::vector<std::string>>();
    plan.dbRemove = j["db_remove"].get<std::vector<int64_t>>();
    for (const auto& p : j["db_add"]) plan.dbAdd.push_back(packageFrom(p));
    plan.cmdline = j["cmdline"];
    plan.beginTime = j["begin"];
    for (const auto& h : j["history"]) plan.history.push_back({h[0], h[1], h[2], h[3]});
    if (j.contains("modules"))
        for (const auto& m : j["modules"])
            plan.modules.push_back({m[0], static_cast<ModuleStatus>(m[1].get<int>()), m[2],
                                    m[3].get<std::set<std::string>>()});
    return plan;
}

int64_t now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

int64_t Journal::begin(const CommitPlan& plan) {
    DbTransaction tx(db_.db());
    db_.db()
        .prepare("INSERT INTO journal (tid, plan, state) VALUES (0, ?, 'staging')")
        .bind(1, serialize(plan))
        .run();
    int64_t id = db_.db().lastInsertId();
    tx.commit();
    return id;
}

void Journal::markCommitting(int64_t id) {
    DbTransaction tx(db_.db());
    db_.db().prepare("UPDATE journal SET state = 'committing' WHERE id = ?").bind(1, id).run();
    tx.commit();
}

void Journal::abandon(int64_t id, const CommitPlan& plan) {
    for (const auto& [temp, final] : plan.renames) unlink(temp.c_str());
    for (const auto& extra : plan.stagedExtras) unlink(extra.c_str());
    DbTransaction tx(db_.db());
    db_.db().prepare("DELETE FROM journal WHERE id = ?").bind(1, id).run();
    tx.commit();
}

int64_t Journal::commit(int64_t id, const CommitPlan& plan,
                        const std::function<void()>& afterRenames) {
    size_t renamed = 0;
    for (const auto& [temp, final] : plan.renames) {
        if (++renamed == plan.renames.size() / 2 + 1) faultPoint("renaming");
        // Already renamed by an interrupted run: the temp is gone and the file is in place.
        // (lstat, not access: a staged symlink may point at a file not in place yet.)
        struct stat st {};
        if (lstat(temp.c_str(), &st) != 0 && errno == ENOENT) continue;
        if (std::rename(temp.c_str(), final.c_str()) != 0)
            throw Error("cannot move " + temp + " to " + final + ": " + std::strerror(errno) +
                        "; fix the cause and run mpm again to complete the transaction");
    }
    if (afterRenames) afterRenames();
    for (const auto& path : plan.removals)
        if (unlink(path.c_str()) != 0 && errno != ENOENT && errno != ENOTDIR)
            throw Error("cannot remove " + path + ": " + std::strerror(errno) +
                        "; fix the cause and run mpm again to complete the transaction");
    for (const auto& dir : plan.dirRemovals)
        rmdir(dir.c_str());  // only when empty: errors are fine
    faultPoint("renamed");

    DbTransaction tx(db_.db());
    for (int64_t pkg : plan.dbRemove) db_.removePackage(pkg);
    for (const auto& pkg : plan.dbAdd) db_.addPackage(pkg);
    for (const auto& m : plan.modules) db_.saveModuleState(m);
    db_.db()
        .prepare("INSERT INTO history (begin_time, end_time, cmdline, rc) VALUES (?, ?, ?, 0)")
        .bind(1, plan.beginTime)
        .bind(2, now())
        .bind(3, plan.cmdline)
        .run();
    const int64_t tid = db_.db().lastInsertId();
    Statement item = db_.db().prepare(
        "INSERT INTO history_items (tid, action, nevra, repo, reason) VALUES (?,?,?,?,?)");
    for (const auto& h : plan.history)
        item.bind(1, tid)
            .bind(2, h.action)
            .bind(3, h.nevra)
            .bind(4, h.repo)
            .bind(5, h.reason)
            .run();
    db_.db().prepare("DELETE FROM journal WHERE id = ?").bind(1, id).run();
    tx.commit();
    return tid;
}

std::vector<std::string> Journal::recover() {
    std::vector<std::tuple<int64_t, std::string, std::string>> entries;
    Statement s = db_.db().prepare("SELECT id, plan, state FROM journal ORDER BY id");
    while (s.step()) entries.emplace_back(s.integer(0), s.text(1), s.text(2));
    std::vector<std::string> done;
    for (const auto& [id, text, state] : entries) {
        CommitPlan plan = deserialize(text);
        if (state == "committing") {
            commit(id, plan);
            done.push_back("completed the interrupted transaction '" + plan.cmdline + "'");
        } else {
            abandon(id, plan);
            done.push_back("undid the interrupted transaction '" + plan.cmdline +
                           "' (nothing had been changed)");
        }
    }
    return done;
}

}  // namespace mpm
