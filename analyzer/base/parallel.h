// The one way work is spread over threads: a shared counter hands out item indexes, so a slow
// item never holds up the others, and the caller's thread works too.
#ifndef IACLINT_BASE_PARALLEL_H_
#define IACLINT_BASE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace iaclint {

/// The thread count for a --jobs value: 0 means one per core. At least 1.
unsigned ThreadCount(unsigned jobs);

/// Runs task(i) once for every i in [0, count), on up to `threads` threads (the caller's
/// among them), in increasing order of start; returns when every task has returned.
void ParallelFor(size_t count, unsigned threads, const std::function<void(size_t)>& task);

}  // namespace iaclint

#endif  // IACLINT_BASE_PARALLEL_H_
