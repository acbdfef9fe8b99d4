// Parsers for option values as dnf writes them. Each throws std::invalid_argument with a
// message that completes "KEY: ...", so callers can add file:line or --setopt context.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/Secrets.hpp"

namespace mpm::repodata {

bool parseBoolOption(const std::string& value);
int64_t parseIntOption(const std::string& value, int64_t min, int64_t max);
// Seconds; accepts plain seconds, suffixes s/m/h/d, and "never" or -1 (= never expires).
int64_t parseDurationOption(const std::string& value);
// Bytes, or with k, M or G (1024-based), as dnf writes minrate.
int64_t parseSizeOption(const std::string& value);
constexpr int64_t kNever = -1;
std::vector<std::string> parseListOption(const std::string& value);

// Table entries that set one field of a config struct (MainConfig, RepoConfig) from text.
template <typename C>
using OptionSetter = std::function<void(C&, const std::string&)>;

template <typename C>
OptionSetter<C> boolSetter(bool C::*field) {
    return [field](C& c, const std::string& v) { c.*field = parseBoolOption(v); };
}
template <typename C>
OptionSetter<C> intSetter(int C::*field, int64_t min, int64_t max) {
    return [=](C& c, const std::string& v) {
        c.*field = static_cast<int>(parseIntOption(v, min, max));
    };
}
template <typename C>
OptionSetter<C> sizeSetter(int64_t C::*field) {
    return [field](C& c, const std::string& v) { c.*field = parseSizeOption(v); };
}
template <typename C>
OptionSetter<C> durationSetter(int64_t C::*field) {
    return [field](C& c, const std::string& v) { c.*field = parseDurationOption(v); };
}
template <typename C>
OptionSetter<C> stringSetter(std::string C::*field) {
    return [field](C& c, const std::string& v) { c.*field = v; };
}
// A value never to be shown or stored (common/Secrets): remembered for redaction.
template <typename C>
OptionSetter<C> secretSetter(std::string C::*field) {
    return [field](C& c, const std::string& v) {
        secrets::remember(v);
        c.*field = v;
    };
}
template <typename C>
OptionSetter<C> listSetter(std::vector<std::string> C::*field) {
    return [field](C& c, const std::string& v) { c.*field = parseListOption(v); };
}

}  // namespace mpm::repodata
