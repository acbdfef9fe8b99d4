#include "libmodule/transaction/CommitPlan.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>

#include "common/Base64.hpp"
#include "common/BinaryCodec.hpp"
#include "common/Error.hpp"

namespace mpm::transaction {

namespace {

using nlohmann::json;

json keyJson(const db::PackageKey& k) {
    return {k.name, k.epoch, k.version, k.release, k.arch};
}

db::PackageKey keyFrom(const json& j) {
    db::PackageKey k;
    k.name = j[0];
    k.epoch = j[1];
    k.version = j[2];
    k.release = j[3];
    k.arch = j[4];
    return k;
}

// The plan's own binary form (since the CBOR one spent 3.5 ms of a 300-package install building
// a document of its 2 MB): this tag, then its fields in order, enums by name.
// (version 2 added the root after the tag; a plan of version 1 is read with none)
constexpr std::string_view kBinaryTag = "MPMPLAN2";
constexpr std::string_view kBinaryTagV1 = "MPMPLAN1";

void putKey(BinaryWriter& w, const db::PackageKey& k) {
    w.str(k.name);
    w.u64(static_cast<uint64_t>(k.epoch));
    w.str(k.version);
    w.str(k.release);
    w.str(k.arch);
}

db::PackageKey getKey(BinaryReader& r) {
    db::PackageKey k;
    k.name = r.str();
    k.epoch = static_cast<int64_t>(r.u64());
    k.version = r.str();
    k.release = r.str();
    k.arch = r.str();
    return k;
}

void putSet(BinaryWriter& w, const std::set<std::string>& s) {
    w.strings({s.begin(), s.end()});
}

std::set<std::string> getSet(BinaryReader& r) {
    const auto v = r.strings();
    return {v.begin(), v.end()};
}

uint32_t u32(BinaryReader& r) {
    const uint64_t v = r.u64();
    if (v > UINT32_MAX) throw CodecError();
    return static_cast<uint32_t>(v);
}

bool flag(BinaryReader& r) {
    const uint64_t v = r.u64();
    if (v > 1) throw CodecError();
    return v == 1;
}

template <typename Enum>
Enum getEnum(BinaryReader& r, std::optional<Enum> (*parse)(const std::string&)) {
    if (auto e = parse(r.str())) return *e;
    throw CodecError();
}

std::string encodeBinary(const CommitPlan& plan) {
    BinaryWriter w;
    size_t size = 4096;  // the headers and paths, most of it: one allocation, not twenty
    for (const auto& a : plan.rpmdbAdd) size += a.header.size() + 128;
    for (const auto& [temp, final] : plan.renames) size += temp.size() + final.size() + 16;
    w.reserve(size);
    w.raw(kBinaryTag);
    w.str(plan.root);
    w.u64(plan.renames.size());
    for (const auto& [temp, final] : plan.renames) {
        w.str(temp);
        w.str(final);
    }
    w.strings(plan.removals);
    w.strings(plan.dirRemovals);
    w.strings(plan.stagedExtras);
    w.u64(plan.rpmdbErase.size());
    for (unsigned i : plan.rpmdbErase) w.u64(i);
    w.u64(plan.rpmdbAdd.size());
    for (const auto& a : plan.rpmdbAdd) {
        putKey(w, a.key);
        w.str(a.header);
        w.strings(a.notInstalled);
    }
    w.u64(plan.tid);
    w.u64(plan.installTime);
    w.u64(plan.rpmDbMade.has_value());
    w.strings(plan.rpmDbMade.value_or(std::vector<std::string>{}));
    const db::TransactionRecord& rec = plan.record;
    w.u64(rec.removed.size());
    for (const auto& k : rec.removed) putKey(w, k);
    w.u64(rec.added.size());
    for (const auto& row : rec.added) {
        putKey(w, row);
        w.str(row.repo);
        w.str(db::reasonName(row.reason));
        w.str(row.checksum);
    }
    w.str(rec.cmdline);
    w.str(rec.comment);
    w.u64(static_cast<uint64_t>(rec.beginTime));
    w.u64(rec.history.size());
    for (const auto& h : rec.history) {
        w.str(db::historyActionName(h.action));
        w.str(h.nevra);
        w.str(h.repo);
        w.str(db::reasonName(h.reason));
    }
    w.u64(rec.modules.size());
    for (const auto& m : rec.modules) {
        w.str(m.name);
        w.str(db::moduleStatusName(m.status));
        w.str(m.stream);
        putSet(w, m.profiles);
    }
    w.u64(rec.groups.size());
    for (const auto& g : rec.groups) {
        w.str(db::compsKindName(g.group.kind));
        w.str(g.group.id);
        w.str(g.group.name);
        putSet(w, g.group.packageTypes);
        putSet(w, g.group.members);
        w.u64(g.removed);
        w.u64(g.wasInstalled);
    }
    // Last, and only when there are any: plans written before them end above.
    if (!rec.groupsFromDnf.empty()) {
        w.u64(rec.groupsFromDnf.size());
        for (const auto& g : rec.groupsFromDnf) {
            w.str(db::compsKindName(g.kind));
            w.str(g.id);
            w.str(g.name);
            putSet(w, g.packageTypes);
            putSet(w, g.members);
        }
    }
    return w.take();
}

CommitPlan decodeBinary(const std::string& bytes) {
    BinaryReader r(bytes, kBinaryTag.size());
    CommitPlan plan;
    if (bytes.starts_with(kBinaryTag)) plan.root = r.str();
    for (size_t n = r.count(); n > 0; --n) {
        std::string temp = r.str();
        plan.renames.emplace_back(std::move(temp), r.str());
    }
    plan.removals = r.strings();
    plan.dirRemovals = r.strings();
    plan.stagedExtras = r.strings();
    for (size_t n = r.count(); n > 0; --n) plan.rpmdbErase.push_back(u32(r));
    for (size_t n = r.count(); n > 0; --n) {
        RpmDbAdd a;
        a.key = getKey(r);
        a.header = r.str();
        a.notInstalled = r.strings();
        plan.rpmdbAdd.push_back(std::move(a));
    }
    plan.tid = u32(r);
    plan.installTime = u32(r);
    const bool rpmDbMade = flag(r);
    std::vector<std::string> made = r.strings();
    if (rpmDbMade)
        plan.rpmDbMade = std::move(made);
    else if (!made.empty())
        throw CodecError();
    db::TransactionRecord& rec = plan.record;
    for (size_t n = r.count(); n > 0; --n) rec.removed.push_back(getKey(r));
    for (size_t n = r.count(); n > 0; --n) {
        db::InstalledRow row;
        static_cast<db::PackageKey&>(row) = getKey(r);
        row.repo = r.str();
        row.reason = getEnum(r, &db::parseReason);
        row.checksum = r.str();
        rec.added.push_back(std::move(row));
    }
    rec.cmdline = r.str();
    rec.comment = r.str();
    rec.beginTime = static_cast<int64_t>(r.u64());
    for (size_t n = r.count(); n > 0; --n) {
        db::HistoryItem h;
        h.action = getEnum(r, &db::parseHistoryAction);
        h.nevra = r.str();
        h.repo = r.str();
        h.reason = getEnum(r, &db::parseReason);
        rec.history.push_back(std::move(h));
    }
    for (size_t n = r.count(); n > 0; --n) {
        db::ModuleState m;
        m.name = r.str();
        m.status = getEnum(r, &db::parseModuleStatus);
        m.stream = r.str();
        m.profiles = getSet(r);
        rec.modules.push_back(std::move(m));
    }
    for (size_t n = r.count(); n > 0; --n) {
        db::GroupChange g;
        g.group.kind = getEnum(r, &db::parseCompsKind);
        g.group.id = r.str();
        g.group.name = r.str();
        g.group.packageTypes = getSet(r);
        g.group.members = getSet(r);
        g.removed = flag(r);
        g.wasInstalled = flag(r);
        rec.groups.push_back(std::move(g));
    }
    if (!r.atEnd())
        for (size_t n = r.count(); n > 0; --n) {
            db::InstalledGroup g;
            g.kind = getEnum(r, &db::parseCompsKind);
            g.id = r.str();
            g.name = r.str();
            g.packageTypes = getSet(r);
            g.members = getSet(r);
            rec.groupsFromDnf.push_back(std::move(g));
        }
    if (!r.atEnd()) throw CodecError();
    return plan;
}

}  // namespace

std::string CommitPlan::encode() const {
    return encodeBinary(*this);
}

// The CBOR form mpm wrote before the binary one, kept for the tests of reading it back.
std::string CommitPlan::encodeCbor() const {
    const CommitPlan& plan = *this;
    json j;
    j["renames"] = plan.renames;
    j["removals"] = plan.removals;
    j["dir_removals"] = plan.dirRemovals;
    j["staged_extras"] = plan.stagedExtras;
    j["rpmdb_erase"] = plan.rpmdbErase;
    json adds = json::array();
    for (const auto& a : plan.rpmdbAdd)
        adds.push_back({keyJson(a.key),
                        json::binary(std::vector<uint8_t>(a.header.begin(), a.header.end())),
                        a.notInstalled});
    j["rpmdb_add"] = adds;
    j["tid"] = plan.tid;
    j["install_time"] = plan.installTime;
    const db::TransactionRecord& rec = plan.record;
    json removed = json::array(), added = json::array();
    for (const auto& k : rec.removed) removed.push_back(keyJson(k));
    for (const auto& r : rec.added)
        added.push_back({keyJson(r), r.repo, db::reasonName(r.reason), r.checksum});
    j["db_remove"] = removed;
    j["db_add"] = added;
    j["cmdline"] = rec.cmdline;
    j["comment"] = rec.comment;
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
    json groups = json::array();
    for (const auto& g : rec.groups)
        groups.push_back({db::compsKindName(g.group.kind), g.group.id, g.group.name,
                          g.group.packageTypes, g.group.members, g.removed, g.wasInstalled});
    j["groups"] = groups;
    const std::vector<uint8_t> cbor = json::to_cbor(j);
    return std::string(cbor.begin(), cbor.end());
}

bool CommitPlan::isOwnForm(const std::string& bytes) {
    return bytes.starts_with(kBinaryTag) || bytes.starts_with(kBinaryTagV1);
}

bool CommitPlan::isLaterVersionsForm(const std::string& bytes) {
    return !isOwnForm(bytes) && bytes.starts_with(kBinaryTag.substr(0, kBinaryTag.size() - 1));
}

void CommitPlan::moveTo(const std::string& newRoot) {
    if (root.empty() || newRoot.empty() || root == newRoot) return;
    const std::string from = root == "/" ? "" : root, to = newRoot == "/" ? "" : newRoot;
    auto move = [&](std::string& path) {
        if (path.size() > from.size() && path.starts_with(from) && path[from.size()] == '/')
            path = to + path.substr(from.size());
    };
    for (auto& [temp, final] : renames) {
        move(temp);
        move(final);
    }
    for (auto* paths : {&removals, &dirRemovals, &stagedExtras})
        for (auto& path : *paths) move(path);
    if (rpmDbMade)
        for (auto& path : *rpmDbMade) move(path);
    root = newRoot;
}

CommitPlan CommitPlan::decode(const std::string& bytes) {
    if (isOwnForm(bytes)) return decodeBinary(bytes);
    // Earlier versions. A JSON object starts with '{'; CBOR's map never does (major type 5 is
    // 0xa0-0xbf), nor does the binary tag's 'M'.
    json j = bytes.starts_with("{") ? json::parse(bytes) : json::from_cbor(bytes);
    CommitPlan plan;
    plan.renames = j["renames"].get<std::vector<std::pair<std::string, std::string>>>();
    plan.removals = j["removals"].get<std::vector<std::string>>();
    plan.dirRemovals = j["dir_removals"].get<std::vector<std::string>>();
    plan.stagedExtras = j["staged_extras"].get<std::vector<std::string>>();
    plan.rpmdbErase = j["rpmdb_erase"].get<std::vector<unsigned>>();
    for (const auto& a : j["rpmdb_add"]) {
        std::string header;
        if (a[1].is_binary()) {
            header.assign(a[1].get_binary().begin(), a[1].get_binary().end());
        } else {  // JSON of an earlier version: base64
            auto decoded = base64Decode(a[1].get<std::string>());
            if (!decoded) throw Error("the journal holds a damaged package header");
            header = std::move(*decoded);
        }
        plan.rpmdbAdd.push_back({keyFrom(a[0]), header, a[2].get<std::vector<std::string>>()});
    }
    plan.tid = j["tid"];
    plan.installTime = j["install_time"];
    db::TransactionRecord& rec = plan.record;
    for (const auto& k : j["db_remove"]) rec.removed.push_back(keyFrom(k));
    for (const auto& r : j["db_add"]) {
        db::InstalledRow row;
        static_cast<db::PackageKey&>(row) = keyFrom(r[0]);
        row.repo = r[1];
        row.reason = db::parseReason(r[2]).value_or(db::InstallReason::User);
        row.checksum = r[3];
        rec.added.push_back(std::move(row));
    }
    rec.cmdline = j["cmdline"];
    rec.comment = j.value("comment", "");  // journals of older mpm have none
    rec.beginTime = j["begin"];
    for (const auto& h : j["history"])
        rec.history.push_back({db::parseHistoryAction(h[0]).value_or(db::HistoryAction::Install),
                               h[1], h[2],
                               db::parseReason(h[3]).value_or(db::InstallReason::User)});
    if (j.contains("modules"))
        for (const auto& m : j["modules"])
            rec.modules.push_back({m[0], static_cast<db::ModuleStatus>(m[1].get<int>()), m[2],
                                   m[3].get<std::set<std::string>>()});
    if (j.contains("groups"))  // journals of older mpm have none
        for (const auto& g : j["groups"]) {
            db::GroupChange change;
            change.group.kind = db::parseCompsKind(g[0]).value_or(db::CompsKind::Group);
            change.group.id = g[1];
            change.group.name = g[2];
            change.group.packageTypes = g[3].get<std::set<std::string>>();
            change.group.members = g[4].get<std::set<std::string>>();
            change.removed = g[5];
            change.wasInstalled = g[6];
            rec.groups.push_back(std::move(change));
        }
    return plan;
}

}  // namespace mpm::transaction
