// The payload name check of every incoming package (PayloadUnpacker::checkPayloadNames), made
// on a thread of its own while the caller reads the next package's header: the check
// decompresses the whole payload with libarchive (safe on separate archives), the headers are
// read by librpm (which is not), so the two share nothing and run on both cores.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "libmodule/rpm/RpmHeader.hpp"

namespace mpm::transaction {

class PayloadNameChecks {
  public:
    PayloadNameChecks();
    PayloadNameChecks(const PayloadNameChecks&) = delete;
    PayloadNameChecks& operator=(const PayloadNameChecks&) = delete;
    // Stops the checks not started yet and waits for the one running.
    ~PayloadNameChecks();

    // Queues a check; `header` must stay where it is until finish(). Without a thread (a
    // process limit), makes it at once and throws its failure.
    void add(std::string rpmPath, const rpm::RpmHeader* header);
    // Waits for every queued check; rethrows the failure of the first package (in the order
    // they were added) that failed, as the check made in line would have.
    void finish();

  private:
    struct Check {
        std::string rpmPath;
        const rpm::RpmHeader* header;
        std::exception_ptr failure;
    };
    void work();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<Check> checks_;
    size_t next_ = 0;  // the first check not started
    size_t done_ = 0;  // checks finished
    bool closed_ = false;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace mpm::transaction
