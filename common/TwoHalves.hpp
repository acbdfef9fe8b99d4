// Work over a list split in two halves, the second on a thread of its own, for a phase of an
// install where the machine's other core is idle (renaming the staged files). Measure before
// using it for work that only computes: on hyperthreaded cores, hashing 300 packages' files on
// two threads was slower than on one.
#pragma once

#include <cstddef>
#include <functional>

namespace mpm {

// Runs work(i) for every i in [0, count): the first half on the calling thread, the second on
// another one when count is at least `worthAThread` and a thread can be had (else in line,
// after the first). Each half stops at its first exception; the one rethrown is the earliest in
// index order, as on one thread. `halfway` runs on the calling thread once its half is done
// without failure (before the second half, when in line). The other thread holds SIGINT and
// SIGTERM: they are the calling thread's to see.
void splitInTwo(size_t count, size_t worthAThread, const std::function<void(size_t)>& work,
                const std::function<void()>& halfway = {});

}  // namespace mpm
