// SOURCE_DATE_EPOCH (reproducible-builds.org): when it is set, every time mpm records (install
// times, the RPM database's transaction ids, history, key imports) is that time, and the root a
// transaction leaves is settled so that two builds of it compare equal byte for byte. Unset,
// the wall clock is recorded, as always.
#pragma once

#include <cstdint>
#include <optional>

namespace mpm {

// Throws UsageError when the variable is set but not a non-negative integer of seconds.
std::optional<int64_t> sourceDateEpoch();
// The time to record: SOURCE_DATE_EPOCH when set, else now (seconds since the epoch).
int64_t recordedNow();

}  // namespace mpm
