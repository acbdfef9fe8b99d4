// splitInTwo: every index once, the second half on a thread of its own when the list is long,
// and the failure said the one a single thread would have met first.
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/TwoHalves.hpp"

using namespace mpm;

TEST_CASE("splitInTwo runs every index once, the second half beside the first when worth it") {
    const auto caller = std::this_thread::get_id();
    for (size_t count : {0, 1, 2, 7, 300, 301}) {
        std::vector<std::atomic<int>> runs(count);
        std::vector<std::thread::id> by(count);
        int halfway = 0;
        splitInTwo(
            count, 100,
            [&](size_t i) {
                ++runs[i];
                by[i] = std::this_thread::get_id();
            },
            [&] { ++halfway; });
        CAPTURE(count);
        for (size_t i = 0; i < count; ++i) CHECK(runs[i] == 1);
        CHECK(halfway == 1);
        for (size_t i = 0; i < count / 2; ++i) CHECK(by[i] == caller);
        // A short list stays on the calling thread; a long one gives its second half away.
        for (size_t i = count / 2; i < count; ++i) CHECK((by[i] == caller) == (count < 100));
    }
}

TEST_CASE("splitInTwo says the earliest failure, as one thread would") {
    // The second half fails at once, the first only near its end: the first half's is said.
    auto work = [](size_t failFirstAt) {
        return [failFirstAt](size_t i) {
            if (i == failFirstAt || i == 150) throw std::runtime_error("at " + std::to_string(i));
        };
    };
    int halfway = 0;
    CHECK_THROWS_WITH(splitInTwo(200, 10, work(90), [&] { ++halfway; }), "at 90");
    CHECK(halfway == 0);  // the first half did not get through
    CHECK_THROWS_WITH(splitInTwo(200, 10, work(500), [&] { ++halfway; }), "at 150");
    CHECK(halfway == 1);
    // In line (a short list): the first failure stops everything after it.
    std::vector<size_t> ran;
    CHECK_THROWS_WITH(splitInTwo(6, 100,
                                 [&](size_t i) {
                                     ran.push_back(i);
                                     if (i == 1) throw std::runtime_error("at 1");
                                 }),
                      "at 1");
    CHECK(ran == std::vector<size_t>{0, 1});
    // A failing `halfway` is a failure of the first half.
    CHECK_THROWS_WITH(splitInTwo(
                          200, 10,
                          [](size_t i) {
                              if (i == 150) throw std::runtime_error("at 150");
                          },
                          [] { throw std::runtime_error("halfway"); }),
                      "halfway");
}
