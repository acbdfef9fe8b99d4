#include "libmodule/transaction/Journal.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

#include "common/Error.hpp"
#include "common/FaultPoint.hpp"

namespace mpm::transaction {

namespace {

using nlohmann::json;

json toJson(const db::InstalledPackage& p) {
    json deps = json::array(), files = json::array(), scripts = json::array();
    for (const auto& sc : p.scriptlets)
        scripts.push_back({rpm::scriptletName(sc.kind), sc.interpreter, sc.body});
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
            {"reason", db::reasonName(p.reason)},
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

db::InstalledPackage packageFrom(const json& j) {
    db::InstalledPackage p;
    p.name = j["name"];
    p.epoch = j["epoch"];
    p.version = j["version"];
    p.release = j["release"];
    p.arch = j["arch"];
    p.repo = j["repo"];
    p.reason = db::parseReason(j["reason"]).value_or(db::InstallReason::User);
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
    for (const auto& sc : j["scriptlets"])
        if (auto kind = rpm::parseScriptletKind(sc[0]))
            p.scriptlets.push_back({*kind, sc[1], sc[2]});
    for (const auto& f : j["files"])
        p.files.push_back({f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]});
    return p;
}

}  // namespace

std::string CommitPlan::toText() const {
    const CommitPlan& plan = *this;
    json j;
    j["renames"] = plan.renames;
    j["removals"] = plan.removals;
    j["dir_removals"] = plan.dirRemovals;
    j["staged_extras"] = plan.stagedExtras;
    const db::TransactionRecord& rec = plan.record;
    j["db_remove"] = rec.removed;
    json add = json::array();
    for (const auto& p : rec.added) add.push_back(toJson(p));
    j["db_add"] = add;
    j["cmdline"] = rec.cmdline;
    j["begin"] = rec.beginTime;
    json hist = json::array();
    for (const auto& h : rec.history)
        hist.push_back(
            {db::historyActionName(h.action), h.nevra, h.repo, db::reasonName(h.reason)});
    j["history"] = hist;
    json modules = json::array();
    for (const auto& m : rec.modules)
        modules.push_back({m.name, static_cast<int>(m.status), m.stream, m.profiles});
    j["modules"] = modules;
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

CommitPlan CommitPlan::fromText(const std::string& text) {
    json j = json::parse(text);
    CommitPlan plan;
    plan.renames = j["renames"].get<std::vector<std::pair<std::string, std::string>>>();
    plan.removals = j["removals"].get<std::vector<std::string>>();
    plan.dirRemovals = j["dir_removals"].get<std::vector<std::string>>();
    plan.stagedExtras = j["staged_extras"].get<std::vector<std::string>>();
    db::TransactionRecord& rec = plan.record;
    rec.removed = j["db_remove"].get<std::vector<int64_t>>();
    for (const auto& p : j["db_add"]) rec.added.push_back(packageFrom(p));
    rec.cmdline = j["cmdline"];
    rec.beginTime = j["begin"];
    for (const auto& h : j["history"])
        rec.history.push_back({db::parseHistoryAction(h[0]).value_or(db::HistoryAction::Install),
                               h[1], h[2],
                               db::parseReason(h[3]).value_or(db::InstallReason::User)});
    if (j.contains("modules"))
        for (const auto& m : j["modules"])
            rec.modules.push_back({m[0], static_cast<db::ModuleStatus>(m[1].get<int>()), m[2],
                                   m[3].get<std::set<std::string>>()});
    return plan;
}

int64_t Journal::begin(const CommitPlan& plan) {
    return store_.begin(plan.toText());
}

void Journal::markCommitting(int64_t id) {
    store_.markCommitting(id);
}

void Journal::abandon(int64_t id, const CommitPlan& plan) {
    for (const auto& [temp, final] : plan.renames) unlink(temp.c_str());
    for (const auto& extra : plan.stagedExtras) unlink(extra.c_str());
    store_.drop(id);
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
    return db_.record(plan.record, id);
}

std::vector<std::string> Journal::recover() {
    std::vector<std::string> done;
    for (const auto& entry : store_.pending()) {
        const CommitPlan plan = CommitPlan::fromText(entry.plan);
        if (entry.state == db::JournalState::Committing) {
            commit(entry.id, plan);
            done.push_back("completed the interrupted transaction '" + plan.record.cmdline + "'");
        } else {
            abandon(entry.id, plan);
            done.push_back("undid the interrupted transaction '" + plan.record.cmdline +
                           "' (nothing had been changed)");
        }
    }
    return done;
}

}  // namespace mpm::transaction
