// mpm history [list] | info [ID] | undo ID, where ID is a number, last or last-N (dnf's words)
#include <map>
#include <set>

#include "cli/PackageJson.hpp"
#include "cli/TransactionFlow.hpp"
#include "cli/commands/Commands.hpp"
#include "common/Strings.hpp"
#include "libmodule/db/History.hpp"

namespace mpm::cli {

void HistoryCommand::declareArguments(CLI::App* cmd) {
    cmd->require_subcommand(0, 1);
    list_ = cmd->add_subcommand("list", "List transactions, newest first (the default)");
    list_->add_option("id", listIds_, "Only these transactions: ids, last or last-N");
    info_ = cmd->add_subcommand("info", "Show what one transaction did");
    info_->add_option("id", id_, "Transaction id, last or last-N (default: last)");
    undo_ = cmd->add_subcommand("undo", "Reverse one transaction");
    undo_->add_option("id", id_, "Transaction id, last or last-N")->required();
}

namespace {

std::string when(int64_t t) {
    return localTime(t, "%Y-%m-%d %H:%M");
}

nlohmann::json toJson(const HistoryTransaction& t) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& i : t.items) {
        nlohmann::json item = identityJson(i.nevra);
        item["action"] = toLower(db::historyActionName(i.action));
        item["repo"] = i.repo;
        item["reason"] = db::reasonName(i.reason);
        items.push_back(item);
    }
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& g : t.groups) groups.push_back(groupChangeJson(g));
    return {{"id", t.id},           {"begin", t.begin}, {"end", t.end},    {"cmdline", t.cmdline},
            {"comment", t.comment}, {"items", items},   {"groups", groups}};
}

std::string actions(const HistoryTransaction& t) {
    std::map<std::string, int> counts;
    for (const auto& i : t.items)
        if (i.action != db::HistoryAction::Replaced) counts[db::historyActionName(i.action)]++;
    std::string out;
    for (const auto& [a, n] : counts)
        out += (out.empty() ? "" : ", ") + a + (n > 1 ? " (" + std::to_string(n) + ")" : "");
    return out;
}

}  // namespace

ExitCode HistoryCommand::run(Context& ctx) {
    auto db = InstalledDb::openForReading(ctx.config().persistDir());
    if (undo_->parsed()) {
        HistoryTransaction t = History::get(db.get(), History::resolve(db.get(), id_));
        db.reset();
        return runTransaction(
            ctx, [&](Goal& g) { g.undo(t); }, FlowOptions{});
    }
    if (info_->parsed()) {
        HistoryTransaction t = History::get(db.get(), History::resolve(db.get(), id_));
        if (ctx.out.json()) {
            ctx.out.printJson(toJson(t));
            return ExitCode::Ok;
        }
        std::vector<std::vector<std::string>> head = {
            {"Transaction ID", ": " + std::to_string(t.id)},
            {"Begin time", ": " + when(t.begin)},
            {"End time", ": " + when(t.end)},
            {"Command line", ": " + t.cmdline}};
        if (!t.comment.empty()) head.push_back({"Comment", ": " + t.comment});
        ctx.out.table(head);
        ctx.out.line("Packages Altered:");
        std::vector<std::vector<std::string>> rows;
        for (const auto& i : t.items)
            rows.push_back({std::string("    ") + db::historyActionName(i.action), i.nevra,
                            "@" + i.repo, db::reasonName(i.reason)});
        // Groups as dnf lists them: "Install @core", an environment as "@^server-env".
        for (const auto& g : t.groups) {
            const std::string action = db::groupActionName(g);
            rows.push_back({"    " + std::string(1, static_cast<char>(std::toupper(action[0]))) +
                                action.substr(1),
                            (g.group.kind == db::CompsKind::Environment ? "@^" : "@") + g.group.id,
                            "", ""});
        }
        ctx.out.table(rows);
        return ExitCode::Ok;
    }
    auto all = History::list(db.get());
    if (!listIds_.empty()) {
        std::set<int64_t> wanted;
        for (const auto& id : listIds_) wanted.insert(History::resolve(db.get(), id));
        std::erase_if(all, [&](const HistoryTransaction& t) { return !wanted.count(t.id); });
    }
    if (ctx.out.json()) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& t : all) arr.push_back(toJson(t));
        ctx.out.printJson(arr);
        return ExitCode::Ok;
    }
    std::vector<std::vector<std::string>> rows = {
        {"ID", "Command line", "Date and time", "Action(s)", "Altered"}};
    for (const auto& t : all) {
        size_t altered = 0;
        for (const auto& i : t.items) altered += i.action != db::HistoryAction::Replaced;
        rows.push_back(
            {std::to_string(t.id), t.cmdline, when(t.begin), actions(t), std::to_string(altered)});
    }
    ctx.out.table(rows, 1);  // the command line gives way on a narrow terminal
    return ExitCode::Ok;
}

}  // namespace mpm::cli
