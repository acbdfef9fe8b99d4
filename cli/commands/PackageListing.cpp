#include "cli/commands/PackageListing.hpp"

#include <map>

#include "cli/Engine.hpp"
#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "libmodule/base/PackageQuery.hpp"

namespace mpm::cli {

ListScope takeScopeWord(std::vector<std::string>& specs, ListScope fromFlags,
                        const std::string& command) {
    static const std::map<std::string, ListScope> words = {{"all", ListScope::All},
                                                           {"installed", ListScope::Installed},
                                                           {"available", ListScope::Available},
                                                           {"upgrades", ListScope::Upgrades},
                                                           {"updates", ListScope::Upgrades},
                                                           {"extras", ListScope::Extras}};
    if (specs.empty()) return fromFlags;
    const std::string word = specs.front();
    if (word == "obsoletes" || word == "recent" || word == "autoremove")
        throw UsageError("mpm " + command + " " + word +
                         " is not supported yet; the scopes are all, installed, available, "
                         "upgrades and extras");
    auto it = words.find(word);
    if (it == words.end()) return fromFlags;
    if (fromFlags != ListScope::Default && fromFlags != it->second)
        throw UsageError("mpm " + command + " " + word + " contradicts the option given with it");
    specs.erase(specs.begin());
    return it->second;
}

bool scopeNeedsRepositories(ListScope scope) {
    return scope != ListScope::Installed;
}

void ScopeFlags::declare(CLI::App* cmd) {
    auto* inst = cmd->add_flag("--installed", installed, "Only installed packages");
    auto* avail = cmd->add_flag("--available", available, "Only available packages");
    auto* upg = cmd->add_flag("--upgrades,--updates", upgrades, "Only available upgrades");
    auto* extra =
        cmd->add_flag("--extras", extras, "Only installed packages no enabled repository has");
    cmd->add_flag("--all", all, "Installed and available packages (the default)")
        ->excludes(inst, avail, upg, extra);
    inst->excludes(avail, upg, extra);
    avail->excludes(upg, extra);
    upg->excludes(extra);
}

ListScope ScopeFlags::scope() const {
    return installed   ? ListScope::Installed
           : available ? ListScope::Available
           : upgrades  ? ListScope::Upgrades
           : extras    ? ListScope::Extras
           : all       ? ListScope::All
                       : ListScope::Default;
}

PackageListing listPackages(const base::Sack& sack, ListScope scope,
                            const std::vector<std::string>& specs, bool showDuplicates) {
    using base::PackageQuery;
    PackageListing l;
    const bool all = scope == ListScope::Default || scope == ListScope::All;
    if (all || scope == ListScope::Installed)
        l.installed = PackageQuery(sack).matching(specs).installed().packages();
    if (all || scope == ListScope::Available) {
        PackageQuery q(sack);
        q.matching(specs).available();
        // dnf lists what would be new to the system; with --showduplicates every version.
        if (!showDuplicates) q.latestByPriority().notInstalledAlready();
        l.available = q.packages();
    }
    if (scope == ListScope::Upgrades)
        l.upgrades = PackageQuery(sack).matching(specs).upgradesByPriority().latest().packages();
    if (scope == ListScope::Extras)
        l.extras = PackageQuery(sack).matching(specs).installed().extras().packages();
    return l;
}

namespace {

// dnf's format_number of a size as its info gives it (a float): 1024 steps past 999, one
// decimal below 9.95, then a space and the unit (a space for bytes): "15  ", "6.3 k", "15 k".
std::string dnfSize(uint64_t bytes) {
    static const char* units[] = {" ", "k", "M", "G", "T", "P"};
    double v = static_cast<double>(bytes);
    size_t depth = 0;
    while (v > 999 && depth + 1 < std::size(units)) {
        v /= 1024.0;
        ++depth;
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, v < 9.95 ? "%.1f %s" : "%.0f %s", v, units[depth]);
    return buf;
}

}  // namespace

std::string infoBlock(const Sack& sack, const Package& p) {
    // dnf's layout: keys padded to 12 columns, " : ", continuation lines under the colon.
    std::string block;
    auto row = [&block](const std::string& key, const std::string& value) {
        block += key + std::string(key.size() < 12 ? 12 - key.size() : 0, ' ') + " : " + value;
        block += '\n';
    };
    row("Name", p.name());
    if (p.epoch() != "0") row("Epoch", p.epoch());
    row("Version", p.version());
    row("Release", p.release());
    row("Architecture", p.arch());
    row("Size", dnfSize(p.installed() ? p.installSize() : p.downloadSize()));
    row("Source", p.sourceRpm());
    row("Repository", p.installed() ? std::string("@System") : p.repoId());
    const InstalledInfo* info = sack.installedInfo(p.id());
    if (info && !info->fromRepo.empty()) row("From repo", info->fromRepo);
    row("Summary", p.summary());
    if (!p.url().empty()) row("URL", p.url());
    row("License", p.license());
    // mpm's one row beyond dnf's: why an installed package is there (mpm mark changes it).
    if (info) row("Reason", db::reasonName(info->reason));
    const std::string desc = p.description();
    size_t start = 0;
    for (bool first = true; start <= desc.size(); first = false) {
        const size_t nl = desc.find('\n', start);
        row(first ? "Description" : "",
            desc.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    return block;
}

}  // namespace mpm::cli
