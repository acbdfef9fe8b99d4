#include "libmodule/db/JournalStore.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <string_view>

#include "common/Process.hpp"
#include "common/UniqueFd.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/db/Sqlite.hpp"

namespace mpm::db {

namespace {

namespace fs = std::filesystem;

// What a row holds instead of its plan: this tag, the file's name and its size.
constexpr std::string_view kFileTag = "MPMPLANFILE1\n";

std::string reference(const std::string& name, size_t size) {
    return std::string(kFileTag) + name + "\n" + std::to_string(size);
}

// The plan file a row names: nullopt for a row of an earlier version, which holds the plan.
struct PlanFile {
    std::string name;
    std::string size;  // empty when the reference is cut short
};
std::optional<PlanFile> referenced(const std::string& row) {
    if (!row.starts_with(kFileTag)) return std::nullopt;
    const std::string ref = row.substr(kFileTag.size());
    const size_t nl = ref.find('\n');
    if (nl == std::string::npos) return PlanFile{ref, ""};
    return PlanFile{ref.substr(0, nl), ref.substr(nl + 1)};
}

std::string errnoText() {
    return std::strerror(errno);
}

// Writes `bytes` to a new file `path` and syncs it and its directory. Throws DbError (and
// leaves no file).
void writePlanFile(const std::string& path, const std::string& bytes) {
    UniqueFd fd(open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!fd) throw DbError("cannot write the transaction's journal " + path + ": " + errnoText());
    if (!writeAll(fd.get(), bytes) || fdatasync(fd.get()) != 0) {
        const std::string why = errnoText();
        unlink(path.c_str());
        throw DbError("cannot write the transaction's journal " + path + ": " + why);
    }
    UniqueFd dir(open(fs::path(path).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir) fsync(dir.get());
}

}  // namespace

JournalStore::JournalStore(InstalledDb& db)
    : db_(db), dir_(fs::path(db.db().path()).parent_path().string()) {}

void JournalStore::removeOrphans() {
    std::set<std::string> named;
    // The head of each row is enough to tell a reference from an earlier version's plan.
    Statement s = db_.db().prepare("SELECT substr(plan, 1, 512) FROM journal");
    while (s.step())
        if (const auto file = referenced(s.blob(0))) named.insert(file->name);
    std::error_code ec;
    for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.starts_with("journal-") && name.ends_with(".plan") && !named.count(name))
            fs::remove(it->path(), ec);
    }
}

int64_t JournalStore::begin(const std::string& plan) {
    removeOrphans();
    static std::atomic<unsigned> serial{0};
    const std::string name =
        "journal-" + std::to_string(getpid()) + "-" +
        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-" +
        std::to_string(serial++) + ".plan";
    const std::string path = dir_ + "/" + name;
    writePlanFile(path, plan);
    try {
        DbTransaction tx(db_.db());
        db_.db()
            .prepare("INSERT INTO journal (tid, plan, state) VALUES (0, ?, 'staging')")
            .bindBlob(1, reference(name, plan.size()))
            .run();
        const int64_t id = db_.db().lastInsertId();
        tx.commit();
        files_[id] = path;
        return id;
    } catch (...) {
        unlink(path.c_str());
        throw;
    }
}

std::string JournalStore::removalHint(int64_t id) const {
    return "remove the entry (sqlite3 " + db_.db().path() +
           " 'DELETE FROM journal WHERE id = " + std::to_string(id) + "')";
}

std::string JournalStore::planLocation(int64_t id) const {
    const auto it = files_.find(id);
    return it != files_.end() ? it->second : db_.db().path();
}

void JournalStore::markCommitting(int64_t id) {
    DbTransaction tx(db_.db());
    db_.db().prepare("UPDATE journal SET state = 'committing' WHERE id = ?").bind(1, id).run();
    tx.commit();
}

void JournalStore::drop(int64_t id) {
    DbTransaction tx(db_.db());
    db_.db().prepare("DELETE FROM journal WHERE id = ?").bind(1, id).run();
    tx.commit();
    forget(id);
}

void JournalStore::forget(int64_t id) {
    if (auto it = files_.find(id); it != files_.end()) {
        unlink(it->second.c_str());
        files_.erase(it);
    }
}

std::vector<JournalEntry> JournalStore::pending() {
    std::vector<JournalEntry> out;
    Statement s = db_.db().prepare("SELECT id, plan, state FROM journal ORDER BY id");
    while (s.step())
        out.push_back(
            {s.integer(0), s.blob(1),
             s.text(2) == "committing" ? JournalState::Committing : JournalState::Staging});
    for (auto& entry : out) {
        const auto file = referenced(entry.plan);
        if (!file) continue;  // an earlier version's row: the plan itself
        const std::string path = dir_ + "/" + file->name;
        std::string plan;
        UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (file->name.find('/') != std::string::npos || !fd || !readAll(fd.get(), plan) ||
            std::to_string(plan.size()) != file->size)
            throw DbError("the plan of an interrupted transaction (" + path +
                          ") is missing or damaged, so mpm can neither finish nor undo it; "
                          "restore the file, or " +
                          removalHint(entry.id));
        entry.plan = std::move(plan);
        files_[entry.id] = path;
    }
    removeOrphans();
    return out;
}

bool hasInterruptedTransaction(const std::string& persistDir) {
    auto db = InstalledDb::openForReading(persistDir);
    if (!db) return false;
    Statement s = db->db().prepare("SELECT count(*) FROM journal");
    s.step();
    return s.integer(0) > 0;
}

bool hasLegacyPackages(const std::string& persistDir) {
    auto db = InstalledDb::openForReading(persistDir);
    if (!db) return false;
    Statement s = db->db().prepare("SELECT count(*) FROM packages");
    s.step();
    return s.integer(0) > 0;
}

}  // namespace mpm::db
