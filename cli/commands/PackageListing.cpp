#include "cli/commands/PackageListing.hpp"

#include <map>

#include "common/Error.hpp"
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
        if (!showDuplicates) q.latest().notInstalledAlready();
        l.available = q.packages();
    }
    if (scope == ListScope::Upgrades)
        l.upgrades = PackageQuery(sack).matching(specs).upgrades().latest().packages();
    if (scope == ListScope::Extras)
        l.extras = PackageQuery(sack).matching(specs).installed().extras().packages();
    return l;
}

}  // namespace mpm::cli
