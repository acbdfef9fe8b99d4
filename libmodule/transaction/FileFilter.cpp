#include "libmodule/transaction/FileFilter.hpp"

#include <algorithm>

#include "common/Strings.hpp"
#include "libmodule/rpm/RootMacros.hpp"

namespace mpm::transaction {

FileFilter::FileFilter(bool nodocs, const std::string& installroot) : nodocs_(nodocs) {
    const rpm::RootMacros macros(installroot);
    const std::string excludeDocs = macros.get("_excludedocs");
    nodocs_ = nodocs_ || (!excludeDocs.empty() && excludeDocs != "0");
    langs_ = splitList(macros.get("_install_langs"), ": \t");
    if (std::ranges::find(langs_, "all") != langs_.end()) langs_.clear();
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
