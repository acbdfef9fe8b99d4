#include "libmodule/transaction/FileFilter.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "common/Strings.hpp"
#include "libmodule/rpm/RootMacros.hpp"

namespace mpm::transaction {

namespace {

// rpmExpandNumeric's reading: y/Y is 1, n/N is 0, else the leading number (0 for none).
long numeric(const std::string& value) {
    if (value.empty()) return 0;
    if (value[0] == 'y' || value[0] == 'Y') return 1;
    if (value[0] == 'n' || value[0] == 'N') return 0;
    return std::strtol(value.c_str(), nullptr, 0);
}

}  // namespace

FileFilter::FileFilter(bool nodocs, const std::string& installroot) : nodocs_(nodocs) {
    const rpm::RootMacros macros(installroot);
    nodocs_ = nodocs_ || numeric(macros.get("_excludedocs")) != 0;
    langs_ = splitList(macros.get("_install_langs"), ":");
    if (std::ranges::find(langs_, "all") != langs_.end()) langs_.clear();
}

std::set<std::string> FileFilter::leftOutPaths(const rpm::PackageRecord& p) const {
    std::set<std::string> out;
    if (!nodocs_ && langs_.empty()) return out;
    struct Entries {
        size_t kept = 0, leftOut = 0;
    };
    std::map<std::string, Entries> byDir;
    auto dirOf = [](const std::string& path) { return path.substr(0, path.rfind('/')); };
    for (const auto& f : p.files) {
        Entries& in = byDir[dirOf(f.path)];
        if (leftOut(f)) {
            ++in.leftOut;
            out.insert(f.path);
        } else {
            ++in.kept;
        }
    }
    for (const auto& f : p.files) {
        if (!S_ISDIR(f.mode) || out.count(f.path)) continue;
        auto in = byDir.find(f.path);
        if (in != byDir.end() && in->second.kept == 0 && in->second.leftOut > 0) out.insert(f.path);
    }
    return out;
}

// rpm's rule (skipFiles): a file is kept when one of its languages ("de|de_DE") begins one of
// the languages named (de_DE.UTF-8 keeps the files for "de").
bool FileFilter::languageWanted(const std::string& fileLangs) const {
    for (const auto& token : splitList(fileLangs, "|"))
        for (const auto& want : langs_)
            if (want.compare(0, token.size(), token) == 0) return true;
    return false;
}

}  // namespace mpm::transaction
