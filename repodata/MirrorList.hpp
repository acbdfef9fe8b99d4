// Turns a mirrorlist (one URL a line) or a metalink (XML) into base URLs.
#pragma once

#include <string>
#include <vector>

namespace mpm::repodata {

// Base URLs from a mirrorlist file's text; '#' comments and blank lines skipped.
std::vector<std::string> parseMirrorList(const std::string& text);
// Base URLs from a metalink document: each <url> that ends in repodata/repomd.xml, in order.
std::vector<std::string> parseMetalink(const std::string& text);
// The digests a metalink gives for repomd.xml, as "type:hex" (sha256, sha512, sha1, md5):
// the current file's and its alternates' (older ones mirrors may still serve). A repomd.xml
// that matches none is stale or forged, as librepo judges it.
std::vector<std::string> metalinkDigests(const std::string& text);

}  // namespace mpm::repodata
