// Small string helpers shared by every layer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mpm {

std::string trim(std::string_view s);
std::string toLower(std::string_view s);
std::string toUpper(std::string_view s);
// `len` bytes as lowercase hex, two digits each.
std::string hexOf(const void* data, size_t len);
bool startsWith(std::string_view s, std::string_view prefix);
bool endsWith(std::string_view s, std::string_view suffix);
// Splits on any of `seps`, dropping empty pieces (dnf's list options accept "a, b c").
std::vector<std::string> splitList(std::string_view s, std::string_view seps = ", \t\n");
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// A path relative to a base URL (or directory): "http://m/os" + "Packages/a.rpm" with one slash.
std::string joinUrl(const std::string& base, const std::string& relative);
// Shell-style glob (fnmatch) match.
bool globMatch(const std::string& pattern, const std::string& text, bool nocase = false);
bool hasGlob(std::string_view s);
// "1.2 M", "880 k": dnf's size format.
std::string humanSize(uint64_t bytes);
// A unix time in local time, strftime's `format` ("%Y-%m-%d %H:%M"), as dnf prints dates.
std::string localTime(int64_t unixTime, const char* format);
// FNV-1a (64 bits) of `bytes` as 16 hex digits: a cheap, stable fingerprint that tells a file
// mpm wrote from one changed since (not a defence against anyone: gcrypt's digests are that).
std::string fingerprint(std::string_view bytes);
// Parses dnf booleans: 1/0, yes/no, true/false, on/off. Throws std::invalid_argument.
bool parseBool(std::string_view value);

}  // namespace mpm
