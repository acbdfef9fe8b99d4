#include "libmodule/module/ModuleStates.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/module/DnfModuleFiles.hpp"

namespace fs = std::filesystem;

namespace mpm::module {

ModuleStates ModuleStates::load(const std::string& persistDir, const std::string& installroot,
                                std::vector<std::string>& warnings) {
    ModuleStates out;
    const DnfModuleFiles dnf(installroot, persistDir);
    try {
        auto stored = db::InstalledDb::openForReading(persistDir);
        if (stored && stored->hasModuleState()) {
            for (auto& s : stored->moduleStates()) out.states_[s.name] = std::move(s);
            // What dnf changed since mpm kept its files in step: dnf's word is the later one.
            for (auto& s : dnf.changedByDnf(warnings)) {
                out.fromDnf_.insert(s.name);
                out.set(s);
            }
            return out;
        }
    } catch (const db::DbError& e) {
        // A query still answers (defaults apply); a change is refused until it is rebuilt.
        if (!e.isDamaged()) throw;
        warnings.push_back(std::string(e.what()) + "; until then module defaults apply");
        return out;
    }
    for (auto& s : dnf.readAll(warnings)) {
        if (s.status == ModuleStatus::Unset) continue;  // reset: nothing chosen
        out.fromDnf_.insert(s.name);
        out.states_[s.name] = std::move(s);
    }
    return out;
}

ModuleState ModuleStates::get(const std::string& name) const {
    auto it = states_.find(name);
    if (it != states_.end()) return it->second;
    ModuleState s;
    s.name = name;
    return s;
}

void ModuleStates::set(const ModuleState& state) {
    if (state.status == ModuleStatus::Unset)
        states_.erase(state.name);
    else
        states_[state.name] = state;
}

std::vector<ModuleState> ModuleStates::changes(const ModuleStates& before,
                                               const ModuleStates& after) {
    std::vector<ModuleState> out;
    std::set<std::string> names;
    for (const auto& [name, s] : after.states_)
        if (before.get(name) != s) names.insert(name);
    for (const auto& [name, s] : before.states_)
        if (!after.states_.count(name)) names.insert(name);
    for (const auto& name : names) out.push_back(after.get(name));
    return out;
}

}  // namespace mpm::module
