// File capabilities (rpm's %caps: the security.capability attribute, "cap_net_raw=ep" in the
// header), set with libcap as rpm sets them. libcap is loaded with dlopen the first time a
// package has any: librpm links it, mpm's runs without %caps never map it.
#pragma once

#include <string>

namespace mpm::transaction {

// Sets the capabilities `text` (cap_from_text(3)'s form) on the open file `fd`; throws Error
// saying why not (unreadable text, no privilege, a file system without extended attributes).
// Changing a file's owner clears them: set them after its owner.
void setFileCapabilities(int fd, const std::string& text);
// The same on the file at `path` (not followed when a symbolic link: links have none).
void setFileCapabilities(const std::string& path, const std::string& text);

}  // namespace mpm::transaction
