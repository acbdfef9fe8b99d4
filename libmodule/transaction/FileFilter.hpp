// The files of a package rpm leaves out of the root: documentation with --nodocs
// (tsflags=nodocs, or the root's %_excludedocs) and files of languages the root's
// %_install_langs does not name (images keep only theirs: Fedora's containers say C.utf8).
// Left out files are recorded in the RPM database as not installed, as rpm records them.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "libmodule/rpm/PackageRecord.hpp"

namespace mpm::transaction {

class FileFilter {
  public:
    FileFilter() = default;
    // `nodocs`: asked for on the command line or in tsflags; the rest is the root's own.
    FileFilter(bool nodocs, const std::string& installroot);

    // The paths of `p` rpm leaves out: its files the filter takes, and its directories that
    // held nothing else (rpm's skipFiles: one level, a directory emptied by them). Empty when
    // the filter takes nothing.
    std::set<std::string> leftOutPaths(const rpm::PackageRecord& p) const;

  private:
    bool leftOut(const rpm::FileRecord& f) const {
        return (nodocs_ && (f.flags & rpm::fileflag::kDoc)) ||
               (!langs_.empty() && !f.lang.empty() && !languageWanted(f.lang));
    }
    bool languageWanted(const std::string& fileLangs) const;

    bool nodocs_ = false;
    std::vector<std::string> langs_;  // %_install_langs; empty: every language
};

}  // namespace mpm::transaction
