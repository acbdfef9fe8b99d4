#include "libmodule/module/ModuleStates.hpp"

#include <algorithm>
#include <filesystem>

#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "repodata/IniFile.hpp"

namespace fs = std::filesystem;

namespace mpm::module {

ModuleStates ModuleStates::load(const std::string& persistDir, const std::string& installroot,
                                std::vector<std::string>& warnings) {
    ModuleStates out;
    try {
        auto stored = db::InstalledDb::openForReading(persistDir);
        if (stored && stored->hasModuleState()) {
            for (auto& s : stored->moduleStates()) out.states_[s.name] = std::move(s);
            return out;
        }
    } catch (const db::DbError& e) {
        // A query still answers (defaults apply); a change is refused until it is rebuilt.
        if (!e.isDamaged()) throw;
        warnings.push_back(std::string(e.what()) + "; until then module defaults apply");
        return out;
    }
    for (auto& s : readDnfState(installroot, warnings)) {
        out.imported_ = true;
        out.states_[s.name] = std::move(s);
    }
    return out;
}

std::vector<ModuleState> ModuleStates::readDnfState(const std::string& installroot,
                                                    std::vector<std::string>& warnings) {
    std::vector<ModuleState> out;
    const fs::path dir = fs::path(installroot) / "etc/dnf/modules.d";
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".module") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        try {
            auto ini = repodata::IniFile::load(path.string());
            for (const auto& section : ini.sections) {
                ModuleState s;
                s.name = section.name;
                std::string state;
                for (const auto& e : section.entries) {
                    if (e.key == "name") s.name = e.value;
                    if (e.key == "stream") s.stream = e.value;
                    if (e.key == "state") state = toLower(e.value);
                    if (e.key == "profiles")
                        for (const auto& p : splitList(e.value, ", ")) s.profiles.insert(p);
                }
                if (state == "enabled" && !s.stream.empty())
                    s.status = ModuleStatus::Enabled;
                else if (state == "disabled")
                    s.status = ModuleStatus::Disabled;
                else
                    continue;  // reset or unknown: nothing chosen
                if (s.status != ModuleStatus::Enabled) {
                    s.stream.clear();
                    s.profiles.clear();
                }
                out.push_back(std::move(s));
            }
        } catch (const Error& e) {
            warnings.push_back(std::string("ignored dnf's module state: ") + e.what());
        }
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
    for (const auto& [name, s] : after.states_)
        if (before.get(name) != s || before.imported_) out.push_back(s);
    for (const auto& [name, s] : before.states_)
        if (!after.states_.count(name)) out.push_back(after.get(name));
    return out;
}

}  // namespace mpm::module
