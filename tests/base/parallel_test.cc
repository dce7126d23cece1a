#include "base/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

namespace iaclint {
namespace {

TEST(ParallelFor, RunsEveryIndexOnceWhateverTheThreadCount) {
  for (unsigned threads : {1u, 2u, 7u, 64u}) {
    for (size_t count : {size_t{0}, size_t{1}, size_t{3}, size_t{1000}}) {
      std::vector<std::atomic<int>> runs(count);
      ParallelFor(count, threads, [&](size_t i) { runs[i].fetch_add(1); });
      for (size_t i = 0; i < count; ++i) {
        EXPECT_EQ(runs[i].load(), 1) << "index " << i << ", " << threads << " threads";
      }
    }
  }
}

TEST(ParallelFor, OneThreadRunsInOrderOnTheCallersThread) {
  std::vector<size_t> order;
  const std::thread::id caller = std::this_thread::get_id();
  bool elsewhere = false;
  ParallelFor(5, 1, [&](size_t i) {
    order.push_back(i);
    if (std::this_thread::get_id() != caller) elsewhere = true;
  });
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3, 4}));
  EXPECT_FALSE(elsewhere);
}

TEST(ParallelFor, SeveralThreadsWorkAtOnce) {
  // Two tasks that each wait for the other to start end only when they run side by side.
  std::atomic<int> started{0};
  std::set<std::thread::id> ids;
  std::mutex mu;
  ParallelFor(2, 2, [&](size_t) {
    started.fetch_add(1);
    while (started.load() < 2) std::this_thread::yield();
    std::lock_guard<std::mutex> lock(mu);
    ids.insert(std::this_thread::get_id());
  });
  EXPECT_EQ(ids.size(), 2u);
}

TEST(ThreadCount, ZeroMeansOnePerCore) {
  EXPECT_EQ(ThreadCount(3), 3u);
  EXPECT_GE(ThreadCount(0), 1u);
  EXPECT_EQ(ThreadCount(0), std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace
}  // namespace iaclint
