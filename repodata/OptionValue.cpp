#include "repodata/OptionValue.hpp"

#include <stdexcept>

#include "common/Strings.hpp"

namespace mpm::repodata {

bool parseBoolOption(const std::string& value) {
    return parseBool(value);
}

int64_t parseIntOption(const std::string& value, int64_t min, int64_t max) {
    const std::string v = trim(value);
    size_t used = 0;
    long long n = 0;
    try {
        n = std::stoll(v, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (v.empty() || used != v.size())
        throw std::invalid_argument("'" + value + "' is not a whole number");
    if (n < min || n > max)
        throw std::invalid_argument("'" + value + "' is out of range " + std::to_string(min) +
                                    ".." + std::to_string(max));
    return n;
}

int64_t parseSizeOption(const std::string& value) {
    std::string v = toLower(trim(value));
    if (v.empty()) throw std::invalid_argument("empty size");
    int64_t mult = 1;
    switch (v.back()) {
        case 'k':
            mult = 1024;
            break;
        case 'm':
            mult = 1024 * 1024;
            break;
        case 'g':
            mult = 1024 * 1024 * 1024;
            break;
        default:
            break;
    }
    if (mult != 1) v.pop_back();
    try {
        return parseIntOption(v, 0, INT64_MAX / (1024 * 1024 * 1024)) * mult;
    } catch (const std::invalid_argument&) {
        throw std::invalid_argument("'" + value + "' is not a size (bytes, or with k, M or G)");
    }
}

int64_t parseDurationOption(const std::string& value) {
    std::string v = toLower(trim(value));
    if (v == "never" || v == "-1") return kNever;
    if (v.empty()) throw std::invalid_argument("empty duration");
    int64_t mult = 1;
    switch (v.back()) {
        case 's':
            mult = 1;
            v.pop_back();
            break;
        case 'm':
            mult = 60;
            v.pop_back();
            break;
        case 'h':
            mult = 3600;
            v.pop_back();
            break;
        case 'd':
            mult = 86400;
            v.pop_back();
            break;
        default:
            break;
    }
    try {
        return parseIntOption(v, 0, INT64_MAX / 86400) * mult;
    } catch (const std::invalid_argument&) {
        throw std::invalid_argument("'" + value +
                                    "' is not a duration (seconds, or with s/m/h/d, or never)");
    }
}

std::vector<std::string> parseListOption(const std::string& value) {
    return splitList(value);
}

}  // namespace mpm::repodata
