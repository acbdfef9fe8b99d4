// Base64 (RFC 4648), for binary data that travels inside text (RPM headers in the journal).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mpm {

std::string base64Encode(std::string_view bytes);
// Nothing when `text` is not base64.
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace mpm
