// mpm updateinfo [summary|list|info] [available|installed|updates|all] [SPEC...]: the
// advisories that concern the installed packages, in dnf 4's words and layout.
#include <algorithm>
#include <map>
#include <set>

#include "cli/PackageJson.hpp"
#include "cli/commands/Commands.hpp"
#include "common/Strings.hpp"

namespace mpm::cli {

using advisory::Advisory;
using advisory::AdvisoryHit;
using advisory::AdvisoryType;
using advisory::Availability;

void UpdateinfoCommand::declareArguments(CLI::App* cmd) {
    cmd->add_option("words", words_,
                    "[summary|list|info] [available|installed|updates|all] [security|bugfix|"
                    "enhancement|newpackage] then advisory IDs or package names (globs)");
    cmd->add_flag("--summary", summary_, "Count the advisories by type (the default)");
    cmd->add_flag("--list", list_, "One line per advisory and package");
    cmd->add_flag("--info", info_, "Each advisory in full");
    cmd->add_flag("--available", available_,
                  "Advisories about newer versions of installed packages (the default)");
    cmd->add_flag("--installed", installed_,
                  "Advisories about equal and older versions of installed packages");
    cmd->add_flag("--updates", updates_,
                  "Advisories about newer versions the repositories have of installed packages");
    cmd->add_flag("--all", all_, "Advisories about any version of installed packages");
    cmd->add_flag("--with-cve", withCve_, "Only advisories with a CVE (listed by CVE)");
    cmd->add_flag("--with-bz", withBz_, "Only advisories with a bug (listed by bug)");
    addAdvisoryOptions(*cmd, advisory_);
}

namespace {

enum class Display { Summary, List, Info };

const char* scopeWord(Availability a) {
    switch (a) {
        case Availability::Installed:
            return "installed";
        case Availability::Updates:
            return "updates";
        case Availability::All:
            return "all";
        case Availability::Available:
            break;
    }
    return "available";
}

// The severities dnf names; any other is "Unknown".
bool knownSeverity(const std::string& severity) {
    return severity == "Critical" || severity == "Important" || severity == "Moderate" ||
           severity == "Low";
}

// dnf's label: "Important/Sec." for a security advisory, else its type.
std::string label(const Advisory& a) {
    if (a.type != AdvisoryType::Security) return advisory::advisoryTypeWord(a.type);
    return (knownSeverity(a.severity) ? a.severity : "Unknown") + "/Sec.";
}

// Python's str.splitlines, as dnf splits descriptions: nothing for an empty text.
std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = text.find('\n', start);
        out.push_back(text.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

// dnf's advisory dates, to the second.
std::string when(int64_t t) {
    return localTime(t, "%Y-%m-%d %H:%M:%S");
}

// What updateinfo list and info say of every advisory (ADVISORY in mpm(8)).
nlohmann::json advisoryJson(const Advisory& a) {
    return {{"id", a.id},
            {"type", advisory::advisoryTypeWord(a.type)},
            {"severity", a.severity},
            {"title", a.title},
            {"updated", a.updated},
            {"repo", a.repoid}};
}

nlohmann::json referencesJson(const Advisory& a) {
    nlohmann::json refs = nlohmann::json::array();
    for (const auto& r : a.references)
        refs.push_back({{"type", r.type}, {"id", r.id}, {"title", r.title}, {"href", r.href}});
    return refs;
}

// dnf's summary: advisories counted once each, by type and (security) severity.
void printSummary(Context& ctx, const std::vector<AdvisoryHit>& hits, Availability scope) {
    std::map<std::string, const Advisory*> byId;
    for (const auto& h : hits) byId.emplace(h.advisory->id, h.advisory);
    std::map<std::string, int> count;
    for (const auto& [id, a] : byId) {
        ++count[advisory::advisoryTypeWord(a->type)];
        if (a->type == AdvisoryType::Security)
            ++count[knownSeverity(a->severity) ? a->severity : "Unknown"];
    }
    if (ctx.out.json()) {
        nlohmann::json j = {{"scope", scopeWord(scope)}};
        for (const char* k : {"security", "bugfix", "enhancement", "newpackage", "unknown"})
            j[k] = count[k];
        nlohmann::json severities = nlohmann::json::object();
        for (const char* k : {"Critical", "Important", "Moderate", "Low", "Unknown"})
            severities[k] = count[k];
        j["security_severities"] = severities;
        ctx.out.printJson(j);
        return;
    }
    if (byId.empty()) return;
    const std::vector<std::tuple<int, std::string, int>> rows = {
        {0, "New Package notice(s)", count["newpackage"]},
        {0, "Security notice(s)", count["security"]},
        {1, "Critical Security notice(s)", count["Critical"]},
        {1, "Important Security notice(s)", count["Important"]},
        {1, "Moderate Security notice(s)", count["Moderate"]},
        {1, "Low Security notice(s)", count["Low"]},
        {1, "Unknown Security notice(s)", count["Unknown"]},
        {0, "Bugfix notice(s)", count["bugfix"]},
        {0, "Enhancement notice(s)", count["enhancement"]},
        {0, "other notice(s)", count["unknown"]}};
    size_t width = 0;
    for (const auto& [indent, text, n] : rows)
        if (n) width = std::max(width, std::to_string(n).size());
    ctx.out.line(std::string("Updates Information Summary: ") + scopeWord(scope));
    for (const auto& [indent, text, n] : rows) {
        if (!n) continue;
        const std::string number = std::to_string(n);
        ctx.out.line("    " + std::string(width + 4 * indent - number.size(), ' ') + number + " " +
                     text);
    }
}

}  // namespace

ExitCode UpdateinfoCommand::run(Context& ctx) {
    std::vector<std::string> words = words_;
    const auto takeFirst = [&](std::initializer_list<const char*> choices) -> std::string {
        if (words.empty()) return "";
        for (const char* c : choices)
            if (words.front() == c) {
                words.erase(words.begin());
                return c;
            }
        return "";
    };
    Display display = info_ ? Display::Info : list_ ? Display::List : Display::Summary;
    if (const std::string w = takeFirst({"summary", "list", "info"});
        !w.empty() && !summary_ && !list_ && !info_)
        display = w == "list" ? Display::List : w == "info" ? Display::Info : Display::Summary;
    Availability scope = all_         ? Availability::All
                         : installed_ ? Availability::Installed
                         : updates_   ? Availability::Updates
                                      : Availability::Available;
    if (const std::string w = takeFirst({"available", "installed", "updates", "all"});
        !w.empty() && !available_ && !installed_ && !updates_ && !all_)
        scope = w == "installed" ? Availability::Installed
                : w == "updates" ? Availability::Updates
                : w == "all"     ? Availability::All
                                 : Availability::Available;
    advisory::AdvisoryFilter filter = advisory_.filter();
    filter.withCve = withCve_;
    filter.withBug = withBz_;
    // yum's words for types, as dnf takes them
    if (const std::string w = takeFirst(
            {"security", "sec", "bugfix", "enhancement", "newpackage", "bugzillas", "bzs", "cves"});
        !w.empty()) {
        if (w == "bugzillas" || w == "bzs")
            filter.withBug = true;
        else if (w == "cves")
            filter.withCve = true;
        else
            filter.types.insert(advisory::advisoryTypeOf(w == "sec" ? "security" : w));
    }
    // The remaining words name advisories or packages (globs).
    filter.ids.insert(filter.ids.end(), words.begin(), words.end());

    const advisory::LoadedAdvisories loaded = loadAdvisories(ctx);
    const auto hits = advisory::AdvisoryQuery(ctx.sack(), ctx.modules(), loaded.advisories)
                          .hits(scope, filter, words);

    if (display == Display::Summary) {
        printSummary(ctx, hits, scope);
        return ExitCode::Ok;
    }
    if (display == Display::List) {
        // dnf: by package, then installed, then date; with --with-cve/--with-bz one line per
        // reference instead of per advisory.
        struct Row {
            std::string nevra;
            bool installed;
            int64_t updated;
            std::string id, label;
            const Advisory* advisory;
        };
        std::vector<Row> rows;
        std::set<std::tuple<std::string, bool, int64_t, std::string>> seen;
        for (const auto& h : hits) {
            std::vector<std::string> ids;
            if (filter.withCve || filter.withBug) {
                for (const auto& r : h.advisory->references)
                    if ((r.type == "cve" && filter.withCve) ||
                        (r.type == "bugzilla" && filter.withBug))
                        ids.push_back(r.id);
            } else {
                ids.push_back(h.advisory->id);
            }
            const std::string nevra = h.package->nevra();
            for (const auto& id : ids)
                if (seen.insert({nevra, h.installed, h.advisory->updated, id}).second)
                    rows.push_back({nevra, h.installed, h.advisory->updated, id, label(*h.advisory),
                                    h.advisory});
        }
        std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
            return std::tie(a.nevra, a.installed, a.updated) <
                   std::tie(b.nevra, b.installed, b.updated);
        });
        if (ctx.out.json()) {
            nlohmann::json arr = nlohmann::json::array();
            for (const auto& r : rows) {
                nlohmann::json row = advisoryJson(*r.advisory);
                row["listed_as"] = r.id;
                row["package"] = identityJson(r.nevra);
                row["installed"] = r.installed;
                arr.push_back(std::move(row));
            }
            ctx.out.printJson(arr);
            return ExitCode::Ok;
        }
        size_t idw = 0, labelw = 0, nevraw = 0;
        for (const auto& r : rows) {
            idw = std::max(idw, r.id.size());
            nevraw = std::max(nevraw, r.nevra.size());
            labelw = std::max(labelw, r.label.size());
        }
        const auto pad = [](const std::string& s, size_t w) {
            return s + std::string(w > s.size() ? w - s.size() : 0, ' ');
        };
        for (const auto& r : rows) {
            std::string mark = scope == Availability::All ? (r.installed ? "i " : "  ") : "";
            ctx.out.line(
                mark + pad(r.id, idw) + " " + pad(r.label, labelw) + " " +
                (ctx.options.verbose ? pad(r.nevra, nevraw) + " " + when(r.updated) : r.nevra));
        }
        return ExitCode::Ok;
    }
    // info: each advisory once, as dnf lays it out, sorted by its text.
    std::map<std::string, bool> installedOf;  // advisory id -> one of its packages installed
    std::vector<const Advisory*> shown;
    for (const auto& h : hits) {
        auto [it, added] = installedOf.emplace(h.advisory->id, h.installed);
        if (added) shown.push_back(h.advisory);
    }
    if (ctx.out.json()) {
        nlohmann::json arr = nlohmann::json::array();
        for (const Advisory* a : shown) {
            nlohmann::json pkgs = nlohmann::json::array();
            for (const auto& c : a->collections)
                for (const auto& p : c.packages) {
                    nlohmann::json pkg = identityJson(p.nevra());
                    pkg["filename"] = p.filename;
                    pkgs.push_back(std::move(pkg));
                }
            nlohmann::json one = advisoryJson(*a);
            one["description"] = a->description;
            one["rights"] = a->rights;
            one["reboot_suggested"] = a->rebootSuggested;
            one["installed"] = installedOf[a->id];
            one["references"] = referencesJson(*a);
            one["packages"] = std::move(pkgs);
            arr.push_back(std::move(one));
        }
        ctx.out.printJson(arr);
        return ExitCode::Ok;
    }
    const std::vector<std::string> labels = {"Update ID", "Type",        "Updated",  "Bugs",
                                             "CVEs",      "Description", "Severity", "Rights",
                                             "Files",     "Installed"};
    size_t width = 0;
    for (const auto& l : labels) width = std::max(width, l.size());
    std::vector<std::string> blocks;
    for (const Advisory* a : shown) {
        std::vector<std::vector<std::string>> values(labels.size());
        values[0] = {a->id};
        values[1] = {advisory::advisoryTypeWord(a->type)};
        values[2] = {when(a->updated)};
        for (const auto& r : a->references) {
            if (r.type == "bugzilla") values[3].push_back(r.id + " - " + r.title);
            if (r.type == "cve") values[4].push_back(r.id);
        }
        std::sort(values[3].begin(), values[3].end());
        std::sort(values[4].begin(), values[4].end());
        values[5] = splitLines(a->description);
        if (!a->severity.empty()) values[6] = {a->severity};
        if (ctx.options.verbose) {
            values[7] = splitLines(a->rights);
            std::set<std::string> files;
            for (const auto& c : a->collections)
                for (const auto& p : c.packages) files.insert(p.filename);
            values[8] = {files.begin(), files.end()};
        }
        if (scope == Availability::All) values[9] = {installedOf[a->id] ? "true" : "false"};
        std::string text = std::string(79, '=') + "\n  " + a->title + "\n" + std::string(79, '=');
        for (size_t i = 0; i < labels.size(); ++i)
            for (size_t n = 0; n < values[i].size(); ++n) {
                const std::string key = n == 0 ? labels[i] : "";
                text += "\n" + std::string(width - key.size(), ' ') + key + ": " + values[i][n];
            }
        blocks.push_back(std::move(text));
    }
    std::sort(blocks.begin(), blocks.end(),
              [](const std::string& a, const std::string& b) { return toLower(a) < toLower(b); });
    for (size_t i = 0; i < blocks.size(); ++i) ctx.out.line((i ? "\n" : "") + blocks[i]);
    return ExitCode::Ok;
}

}  // namespace mpm::cli
