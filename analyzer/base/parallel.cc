#include "base/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace iaclint {

unsigned ThreadCount(unsigned jobs) {
  return jobs ? jobs : std::max(1u, std::thread::hardware_concurrency());
}

void ParallelFor(size_t count, unsigned threads, const std::function<void(size_t)>& task) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < count; i = next++) task(i);
  };
  // No more threads than items; the caller's thread is one of them.
  const size_t workers = std::min<size_t>(std::max(threads, 1u), std::max<size_t>(count, 1));
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < workers; ++t) helpers.emplace_back(worker);
  worker();
  for (std::thread& t : helpers) t.join();
}

}  // namespace iaclint
