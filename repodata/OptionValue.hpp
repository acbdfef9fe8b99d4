// Parsers for option values as dnf writes them. Each throws std::invalid_argument with a
// message that completes "KEY: ...", so callers can add file:line or --setopt context.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mpm::repodata {

bool parseBoolOption(const std::string& value);
int64_t parseIntOption(const std::string& value, int64_t min, int64_t max);
// Seconds; accepts plain seconds, suffixes s/m/h/d, and "never" or -1 (= never expires).
int64_t parseDurationOption(const std::string& value);
constexpr int64_t kNever = -1;
std::vector<std::string> parseListOption(const std::string& value);

}  // namespace mpm::repodata
