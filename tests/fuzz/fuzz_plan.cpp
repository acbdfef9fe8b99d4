// A transaction's plan as the journal keeps it (journal-*.plan beside mpm.sqlite, or a row an
// earlier version wrote): what recovery reads after a crash, from a disk that may have damaged it.
#include <exception>
#include <string>

#include "FuzzSupport.hpp"
#include "libmodule/transaction/CommitPlan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        const auto plan = mpm::transaction::CommitPlan::decode(bytes);
        // What it reads, it writes so that it reads back the same (no field lost or invented).
        const std::string once = plan.encode();
        if (mpm::transaction::CommitPlan::decode(once).encode() != once) __builtin_trap();
    } catch (const std::exception&) {
        // decode's documented failure: recovery says the plan is damaged (or another version's).
    }
    return 0;
}
