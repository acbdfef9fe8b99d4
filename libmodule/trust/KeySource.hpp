// Fetches OpenPGP public keys from where a repository's gpgkey= (or `mpm key import`) says:
// a file path, file://, http:// or https:// (with the repository's TLS and proxy settings).
#pragma once

#include <string>
#include <vector>

#include "libmodule/rpm/PgpKey.hpp"
#include "repodata/Downloader.hpp"

namespace mpm::trust {

// A file:// URL or plain path is looked up inside `installroot` first (where the repository
// files that name it live), then on the host. Throws Error naming the URL when it cannot be
// read or holds no usable key.
std::vector<rpm::PgpKey> fetchKeys(const std::string& url, const repodata::TransferOptions& options,
                                   const std::string& installroot);

}  // namespace mpm::trust
