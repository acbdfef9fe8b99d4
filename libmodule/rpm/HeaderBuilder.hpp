// An RPM header made from a PackageRecord, for packages whose real header is not at hand: those
// an mpm older than the RPM database kept only in its own database. It carries what rpm needs
// to query, verify (rpm -V) and erase the package, and says in its Packager tag where it came
// from; it has no signature.
#pragma once

#include <string>

#include "libmodule/rpm/PackageRecord.hpp"

namespace mpm::rpm {

// The header, exported (headerExport), ready for RpmDb::add.
std::string buildHeader(const PackageRecord& record);

}  // namespace mpm::rpm
