#include "libmodule/module/DnfModuleFiles.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "common/CacheFile.hpp"
#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "common/TextFile.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "repodata/IniFile.hpp"

namespace fs = std::filesystem;

namespace mpm::module {

using db::ModuleState;
using db::ModuleStatus;

namespace {

// (A fingerprint, not a digest of gcrypt's: loading gcrypt cost every query 0.3 ms.)
std::string digest(const std::string& bytes) {
    return fingerprint(bytes);
}

std::vector<ModuleState> parse(const std::string& bytes, const std::string& path) {
    std::vector<ModuleState> out;
    for (const auto& section : repodata::IniFile::parse(bytes, path).sections) {
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
        // dnf writes a reset module with every field empty: nothing chosen.
        s.status = state == "enabled" && !s.stream.empty() ? ModuleStatus::Enabled
                   : state == "disabled"                   ? ModuleStatus::Disabled
                                                           : ModuleStatus::Unset;
        if (s.status != ModuleStatus::Enabled) {
            s.stream.clear();
            s.profiles.clear();
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace

DnfModuleFiles::DnfModuleFiles(const std::string& installroot, const std::string& persistDir)
    : dir_((fs::path(installroot) / "etc/dnf/modules.d").string()),
      seenPath_(persistDir + "/dnf-modules.seen"),
      dbPath_(persistDir + "/mpm.sqlite") {}

std::string DnfModuleFiles::render(const ModuleState& s) {
    const bool enabled = s.status == ModuleStatus::Enabled;
    return "[" + s.name + "]\nname=" + s.name + "\nstream=" + (enabled ? s.stream : "") +
           "\nprofiles=" + (enabled ? join({s.profiles.begin(), s.profiles.end()}, ", ") : "") +
           "\nstate=" + (s.status == ModuleStatus::Unset ? "" : db::moduleStatusName(s.status)) +
           "\n";
}

std::map<std::string, DnfModuleFiles::File> DnfModuleFiles::files(
    std::vector<std::string>& warnings) const {
    std::map<std::string, File> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir_, ec)) {
        if (e.path().extension() != ".module") continue;
        try {
            File f;
            f.bytes = readTextFile(e.path().string(), 1 << 20, "dnf module file");
            // Only the section of the module the file is named after, as libdnf reads it.
            const std::string name = e.path().stem().string();
            for (auto& st : parse(f.bytes, e.path().string()))
                if (st.name == name) f.states.push_back(std::move(st));
            out.emplace(name, std::move(f));
        } catch (const Error& err) {
            warnings.push_back(std::string("ignored dnf's module state: ") + err.what());
        }
    }
    return out;
}

std::vector<ModuleState> DnfModuleFiles::readAll(std::vector<std::string>& warnings) const {
    std::vector<ModuleState> out;
    for (auto& [name, f] : files(warnings))
        for (auto& s : f.states) out.push_back(std::move(s));
    return out;
}

std::optional<std::map<std::string, std::string>> DnfModuleFiles::seen() const {
    std::error_code ec;
    if (!fs::exists(seenPath_, ec)) return std::nullopt;
    std::map<std::string, std::string> out;
    std::istringstream lines(readCacheFile(seenPath_));
    std::string name, hash;
    while (lines >> name >> hash) out[name] = hash;
    return out;
}

bool DnfModuleFiles::changedSince(
    const std::string& name, const File& file,
    const std::optional<std::map<std::string, std::string>>& recorded) const {
    if (recorded) {
        auto it = recorded->find(name);
        return it == recorded->end() || it->second != digest(file.bytes);
    }
    // A root an older mpm made records nothing: a file written after mpm's database last
    // changed is dnf's (mpm's own state rules the older ones).
    std::error_code ec, ec2;
    const auto written = fs::last_write_time(dir_ + "/" + name + ".module", ec);
    const auto stored = fs::last_write_time(dbPath_, ec2);
    return !ec && !ec2 && written > stored;
}

std::vector<ModuleState> DnfModuleFiles::changedByDnf(std::vector<std::string>& warnings) const {
    std::error_code ec;
    if (!fs::is_directory(dir_, ec)) return {};
    const auto recorded = seen();
    std::vector<ModuleState> out;
    for (auto& [name, f] : files(warnings)) {
        if (!changedSince(name, f, recorded)) continue;
        for (auto& s : f.states) out.push_back(std::move(s));
    }
    return out;
}

void DnfModuleFiles::sync(const std::vector<ModuleState>& committed,
                          const std::set<std::string>& taken,
                          std::vector<std::string>& warnings) const {
    std::map<std::string, ModuleState> stored;
    for (const auto& s : committed) stored[s.name] = s;
    std::map<std::string, File> current = files(warnings);
    const auto recorded = seen();
    std::set<std::string> names;
    for (const auto& [name, s] : stored) names.insert(name);
    for (const auto& [name, f] : current) names.insert(name);
    std::map<std::string, std::string> now;  // what the files are after this
    for (const auto& name : names) {
        ModuleState want;
        want.name = name;
        if (auto it = stored.find(name); it != stored.end()) want = it->second;
        auto file = current.find(name);
        const bool inStep = file == current.end()
                                ? want.status == ModuleStatus::Unset
                                : file->second.states.size() == 1 && file->second.states[0] == want;
        if (inStep) {
            if (file != current.end()) now[name] = digest(file->second.bytes);
            continue;
        }
        // dnf changed it and this run did not take it (nor store it): the next run takes it.
        if (file != current.end() && !taken.count(name) &&
            changedSince(name, file->second, recorded))
            continue;
        const std::string bytes = render(want);
        const std::string path = dir_ + "/" + name + ".module";
        if (writeFileAtomically(path, bytes)) {
            now[name] = digest(bytes);
        } else {
            warnings.push_back("dnf's module state could not be kept in step: cannot write " +
                               path);
            // The file as it is counts as mpm's: the next run keeps mpm's own state over it.
            if (file != current.end()) now[name] = digest(file->second.bytes);
        }
    }
    std::string record;
    for (const auto& [name, hash] : now) record += name + " " + hash + "\n";
    if (!recorded || *recorded != now)
        writeCacheFile(seenPath_, record, [](const std::string&) { return false; });
}

std::vector<std::string> DnfModuleFiles::syncStored(const std::string& installroot,
                                                    const std::string& persistDir,
                                                    const std::set<std::string>& taken) {
    std::vector<std::string> warnings;
    std::error_code ec;
    if (!fs::exists(persistDir + "/mpm.sqlite", ec)) return warnings;
    auto stored = db::InstalledDb::openForReading(persistDir);
    // Nothing stored yet: dnf's files are all there is (and were read as they are).
    if (!stored || !stored->hasModuleState()) return warnings;
    DnfModuleFiles(installroot, persistDir).sync(stored->moduleStates(), taken, warnings);
    return warnings;
}

}  // namespace mpm::module
