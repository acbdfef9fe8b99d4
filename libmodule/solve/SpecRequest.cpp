#include "libmodule/solve/SpecRequest.hpp"

#include <algorithm>

#include "libmodule/comps/Comps.hpp"
#include "libmodule/comps/GroupRequest.hpp"
#include "libmodule/module/ModuleRequest.hpp"
#include "libmodule/module/ModuleSpec.hpp"

namespace mpm::solve {

bool namesModule(Goal& g, const std::string& spec) {
    if (spec.starts_with("^") || !g.modules()) return false;
    // A stream or a profile only modules have.
    if (spec.find_first_of(":/") != std::string::npos) return true;
    std::string name;
    try {
        name = module::ModuleSpec::parse(spec).name;
    } catch (const Error&) {
        return false;
    }
    const auto& streams = g.modules()->metadata().streams();
    return std::any_of(streams.begin(), streams.end(),
                       [&](const module::ModuleStream& s) { return s.name == name; });
}

void installSpecs(Goal& g, const std::vector<std::string>& specs,
                  const std::vector<std::string>& enableStreams) {
    std::vector<std::string> moduleSpecs, groupSpecs;
    for (const auto& s : specs)
        if (s.starts_with("@"))
            (namesModule(g, s.substr(1)) ? moduleSpecs : groupSpecs).push_back(s.substr(1));
    // @NAME[:STREAM][/PROFILE] is a module profile, as in dnf.
    if (!enableStreams.empty() || !moduleSpecs.empty()) {
        if (!g.modules() || g.modules()->metadata().streams().empty())
            throw Error(
                "no module metadata in the enabled repositories, so module streams cannot be "
                "used");
        module::ModuleRequest request(g.sack(), *g.modules());
        for (const auto& s : enableStreams) request.enable(s);
        for (const auto& s : moduleSpecs) request.install(s);
        g.addModuleJobs(request.apply());
    }
    if (!groupSpecs.empty()) {
        const comps::Comps comps = comps::Comps::load(g.sack());
        comps::GroupRequest request(g.sack(), comps);
        for (const auto& s : groupSpecs) {
            const bool environment = s.starts_with("^");
            const std::string pattern = environment ? s.substr(1) : s;
            if (!environment && !request.matchesAvailable(pattern)) {
                // Neither a module nor a group: say both were looked for.
                Error e("cannot install '@" + s + "': no module named '" + s +
                        "', and no group or environment either" +
                        (comps.empty() ? std::string(" (the enabled repositories have no comps "
                                                     "metadata)")
                                       : std::string(" (see mpm module list, mpm group list)")));
                e.addFact("group", s);
                throw e;
            }
            request.install(pattern, false, environment);
        }
        g.addGroupJobs(request.jobs());
    }
    for (const auto& s : specs)
        if (!s.starts_with("@")) g.install(s);
}

void upgradeSpecs(Goal& g, const std::vector<std::string>& specs) {
    std::vector<std::string> groups;
    for (const auto& s : specs)
        if (s.starts_with("@")) groups.push_back(s.substr(1));
    if (!groups.empty()) {
        const comps::Comps comps = comps::Comps::load(g.sack());
        comps::GroupRequest request(g.sack(), comps);
        for (const auto& s : groups)
            request.upgrade(s.starts_with("^") ? s.substr(1) : s);  // (says what matches none)
        g.addGroupJobs(request.jobs());
    }
    for (const auto& s : specs)
        if (!s.starts_with("@")) g.upgrade(s);
}

}  // namespace mpm::solve
