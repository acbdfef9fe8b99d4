#include "common/SourceDate.hpp"

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <string>

#include "common/Error.hpp"

namespace mpm {

std::optional<int64_t> sourceDateEpoch() {
    const char* value = std::getenv("SOURCE_DATE_EPOCH");
    if (!value || !*value) return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const long long seconds = std::strtoll(value, &end, 10);
    if (errno != 0 || *end != '\0' || seconds < 0 || !(*value >= '0' && *value <= '9'))
        throw UsageError("SOURCE_DATE_EPOCH='" + std::string(value) +
                         "' is not a number of seconds since 1970 (unset it, or give e.g. the "
                         "last commit's time: git log -1 --format=%ct)");
    return static_cast<int64_t>(seconds);
}

int64_t recordedNow() {
    if (const auto epoch = sourceDateEpoch()) return *epoch;
    return static_cast<int64_t>(std::time(nullptr));
}

}  // namespace mpm
