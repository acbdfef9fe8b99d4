#include "libmodule/transaction/PayloadNameChecks.hpp"

#include <system_error>

#include "common/Interrupt.hpp"
#include "libmodule/transaction/PayloadUnpacker.hpp"

namespace mpm::transaction {

PayloadNameChecks::PayloadNameChecks() {
    try {
        thread_ = std::thread([this] { work(); });
    } catch (const std::system_error&) {
        // No thread to be had (a process limit): each check is made in add(), in line.
    }
}

PayloadNameChecks::~PayloadNameChecks() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void PayloadNameChecks::add(std::string rpmPath, const rpm::RpmHeader* header) {
    if (!thread_.joinable()) {
        PayloadUnpacker::checkPayloadNames(rpmPath, *header);
        return;
    }
    {
        std::lock_guard lock(mutex_);
        checks_.push_back({std::move(rpmPath), header, nullptr});
    }
    wake_.notify_all();
}

void PayloadNameChecks::finish() {
    if (!thread_.joinable()) return;  // made in line
    std::unique_lock lock(mutex_);
    closed_ = true;
    wake_.notify_all();
    wake_.wait(lock, [&] { return done_ == checks_.size(); });
    for (const auto& c : checks_)
        if (c.failure) std::rethrow_exception(c.failure);
}

void PayloadNameChecks::work() {
    HoldInterrupts hold;  // Ctrl-C is the main thread's to see, as in SideFilelists
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stop_ || next_ < checks_.size() || closed_; });
        if (stop_ || (next_ == checks_.size() && closed_)) return;
        const size_t i = next_++;
        // checks_ may grow (and move) while this one runs: work on copies.
        const std::string path = checks_[i].rpmPath;
        const rpm::RpmHeader* header = checks_[i].header;
        lock.unlock();
        std::exception_ptr failure;
        try {
            PayloadUnpacker::checkPayloadNames(path, *header);
        } catch (...) {
            failure = std::current_exception();
        }
        lock.lock();
        checks_[i].failure = failure;
        ++done_;
        wake_.notify_all();
    }
}

}  // namespace mpm::transaction
