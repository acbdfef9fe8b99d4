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

// Reads `inner` through the filter; appends to `checksums` (which must outlive the FILE) the
// binary checksum of each <package> tag as it passes, or an empty string for a tag whose pkgid
// is missing, not hex of a checksum's length, or not read (a tag longer than any real one): an
// entry no package of primary's has. A scan, not a parse: what it misreads (a <package in a
// comment) only makes a list that cannot be primary's. Null when `inner` is.
solv::FilePtr withoutPkgids(solv::FilePtr inner, std::vector<std::string>& checksums);

}  // namespace mpm::repodata
