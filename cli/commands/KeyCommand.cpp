// mpm key list | import KEYFILE_OR_URL... | remove KEYID...
#include <algorithm>
#include <filesystem>
#include <set>

#include "cli/commands/Commands.hpp"
#include "common/Strings.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/trust/KeySource.hpp"
#include "libmodule/trust/TrustStore.hpp"
#include "repodata/Downloader.hpp"

namespace mpm::cli {

void KeyCommand::declareArguments(CLI::App* cmd) {
    cmd->require_subcommand(0, 1);
    list_ = cmd->add_subcommand("list", "List the trusted keys (the default)");
    import_ = cmd->add_subcommand("import", "Trust the keys in files or at URLs");
    import_->add_option("keys", args_, "Armored key files or URLs (file, http, https)")->required();
    remove_ = cmd->add_subcommand("remove", "Stop trusting keys");
    remove_->add_option("keyids", args_, "Key ids (short or long) or fingerprints")->required();
}

namespace {

nlohmann::json toJson(const PgpKey& k) {
    return {{"keyid", k.keyid},   {"short_id", k.shortId()}, {"fingerprint", k.fingerprint},
            {"userid", k.userid}, {"source", k.source},      {"imported_at", k.importedAt}};
}

}  // namespace

ExitCode KeyCommand::run(Context& ctx) {
    const std::string persist = ctx.config().persistDir();
    if (import_->parsed() || remove_->parsed()) {
        ctx.lockSystem();
        auto db = InstalledDb::openForWriting(persist);
        nlohmann::json changed = nlohmann::json::array();
        if (import_->parsed()) {
            // Every key is read before any is stored: a bad argument changes nothing.
            std::vector<PgpKey> keys;
            // Key files named on the command line are host files (rpm --root R --import).
            for (const auto& arg : args_) {
                const bool local = arg.find("://") == std::string::npos;
                const std::string url =
                    local ? std::filesystem::absolute(arg).lexically_normal().string() : arg;
                for (auto& k : fetchKeys(url, repodata::TransferOptions{}, "/"))
                    keys.push_back(std::move(k));
            }
            std::set<std::string> trusted;  // fingerprints trusted before
            for (const auto& k : trust::trustedKeys(ctx.config())) trusted.insert(k.fingerprint);
            for (const auto& k : keys) {
                const bool already = trusted.count(k.fingerprint) > 0;
                if (!already) trust::trustKey(ctx.config(), *db, k);
                if (!ctx.out.json() && !ctx.out.quiet())
                    ctx.out.line(
                        (already
                             ? "Key 0x" + k.shortId() + " \"" + k.userid + "\" is already trusted"
                             : "Imported key 0x" + k.shortId() + " \"" + k.userid + "\""));
            }
            // As stored (with the time it was trusted), what the import named.
            for (const auto& k : trust::trustedKeys(ctx.config()))
                if (std::ranges::any_of(
                        keys, [&](const PgpKey& i) { return i.fingerprint == k.fingerprint; }))
                    changed.push_back(toJson(k));
        } else {
            for (const auto& id : args_) {
                auto gone = trust::distrustKey(ctx.config(), *db, id);
                if (gone.empty())
                    throw Error("no trusted key matches '" + id + "' (see mpm key list)");
                for (const auto& k : gone) {
                    changed.push_back(toJson(k));
                    if (!ctx.out.json() && !ctx.out.quiet())
                        ctx.out.line("Removed key 0x" + k.shortId() + " \"" + k.userid + "\"");
                }
            }
        }
        if (ctx.out.json()) ctx.out.printJson(changed);
        return ExitCode::Ok;
    }
    const auto keys = trust::trustedKeys(ctx.config());
    if (ctx.out.json()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& k : keys) out.push_back(toJson(k));
        ctx.out.printJson(out);
        return ExitCode::Ok;
    }
    if (keys.empty()) {
        if (!ctx.out.quiet()) ctx.out.line("No trusted keys.");
        return ExitCode::Ok;
    }
    std::vector<std::vector<std::string>> rows{{"Key id", "Imported", "User id", "Fingerprint"}};
    for (const auto& k : keys)
        rows.push_back(
            {"0x" + k.shortId(), localTime(k.importedAt, "%Y-%m-%d"), k.userid, k.fingerprint});
    ctx.out.table(rows);
    return ExitCode::Ok;
}

}  // namespace mpm::cli
