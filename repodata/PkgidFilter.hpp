// filelists.xml as libsolv reads it to make new packages: every <package> tag's pkgid attribute
// taken out of the text and kept, in order.
//
// libsolv joins a <package pkgid="..."> to an existing package with that checksum; without the
// attribute it makes a new package, in order, and gives it the file list. Read through this
// filter, filelists.xml becomes one new package per <package> and a list of their checksums,
// in one reading of the file: what SideFilelists compares with primary's packages.
#pragma once

#include <string>
#include <vector>

#include "solv/File.hpp"

namespace mpm::repodata {

// What the filter read. Usable only when the text had the shape createrepo_c writes, where
// libsolv makes exactly one package per <package> the filter saw: a <filelists> root whose
// children are <package> elements, each with a pkgid that is a checksum in hex. Anything else
// (a comment or CDATA, which could hide a tag; another element beside the packages, which
// libsolv could make a package of; a tag it cannot read) makes it unusable, and from there on
// the text passes unchanged: the caller then joins the file lists to primary's packages itself.
struct PkgidList {
    std::vector<std::string> checksums;  // binary, one per <package>, in order
    bool usable = true;
};

// Reads `inner` through the filter, filling `read` (which must outlive the FILE) as it goes.
// Null when `inner` is.
solv::FilePtr withoutPkgids(solv::FilePtr inner, PkgidList& read);

}  // namespace mpm::repodata
