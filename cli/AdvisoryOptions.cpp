#include "cli/AdvisoryOptions.hpp"

#include "common/Strings.hpp"

namespace mpm::cli {

namespace {

// dnf takes "--cve A,B" and "--cve A --cve B".
void addList(CLI::App& cmd, const std::string& names, std::vector<std::string>& into,
             const std::string& help) {
    cmd.add_option_function<std::vector<std::string>>(
           names,
           [&into](const std::vector<std::string>& values) {
               for (const auto& v : values)
                   for (const auto& part : splitList(v, ","))
                       if (!part.empty()) into.push_back(part);
           },
           help)
        ->type_name("LIST")
        ->allow_extra_args(false);
}

}  // namespace

advisory::AdvisoryFilter AdvisoryOptions::filter() const {
    advisory::AdvisoryFilter f;
    using advisory::AdvisoryType;
    if (security) f.types.insert(AdvisoryType::Security);
    if (bugfix) f.types.insert(AdvisoryType::Bugfix);
    if (enhancement) f.types.insert(AdvisoryType::Enhancement);
    if (newpackage) f.types.insert(AdvisoryType::NewPackage);
    f.ids = advisories;
    f.cves = cves;
    f.bugs = bugs;
    f.severities = severities;
    return f;
}

void addAdvisoryOptions(CLI::App& cmd, AdvisoryOptions& o) {
    cmd.add_flag("--security", o.security, "Only advisories of type security");
    cmd.add_flag("--bugfix", o.bugfix, "Only advisories of type bugfix");
    cmd.add_flag("--enhancement", o.enhancement, "Only advisories of type enhancement");
    cmd.add_flag("--newpackage", o.newpackage, "Only advisories of type newpackage");
    addList(cmd, "--advisory,--advisories", o.advisories, "Only these advisories (IDs)");
    addList(cmd, "--cve,--cves", o.cves, "Only advisories that fix these CVEs");
    addList(cmd, "--bz,--bzs", o.bugs, "Only advisories that fix these bugs (Bugzilla IDs)");
    addList(cmd, "--sec-severity,--secseverity", o.severities,
            "Only advisories of these severities (Critical, Important, Moderate, Low)");
}

advisory::LoadedAdvisories loadAdvisories(Context& ctx) {
    advisory::LoadedAdvisories loaded = advisory::AdvisoryLoader::load(ctx.sack());
    for (const auto& note : loaded.notes) ctx.out.warn(note);
    return loaded;
}

std::vector<Id> advisoryUpgrades(Context& ctx, const advisory::AdvisoryFilter& filter,
                                 advisory::FixVersion fix) {
    const advisory::LoadedAdvisories loaded = loadAdvisories(ctx);
    return advisory::AdvisoryQuery(ctx.sack(), ctx.modules(), loaded.advisories)
        .upgradeCandidates(filter, fix);
}

}  // namespace mpm::cli
