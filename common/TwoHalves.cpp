#include "common/TwoHalves.hpp"

#include <exception>
#include <system_error>
#include <thread>

#include "common/Interrupt.hpp"

namespace mpm {

namespace {

// The range's first exception, or none.
std::exception_ptr runRange(const std::function<void(size_t)>& work, size_t begin, size_t end) {
    try {
        for (size_t i = begin; i < end; ++i) work(i);
    } catch (...) {
        return std::current_exception();
    }
    return nullptr;
}

}  // namespace

void splitInTwo(size_t count, size_t worthAThread, const std::function<void(size_t)>& work,
                const std::function<void()>& halfway) {
    const size_t half = count / 2;
    std::exception_ptr second;
    std::thread other;
    if (count >= worthAThread && half > 0) {
        try {
            other = std::thread([&] {
                HoldInterrupts hold;
                second = runRange(work, half, count);
            });
        } catch (const std::system_error&) {
            // No thread to be had (a process limit): the second half in line, below.
        }
    }
    std::exception_ptr first = runRange(work, 0, half);
    if (!first && halfway) {
        try {
            halfway();
        } catch (...) {
            first = std::current_exception();
        }
    }
    if (other.joinable())
        other.join();
    else if (!first)
        second = runRange(work, half, count);
    if (first) std::rethrow_exception(first);
    if (second) std::rethrow_exception(second);
}

}  // namespace mpm
