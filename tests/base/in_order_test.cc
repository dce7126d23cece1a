#include "base/in_order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <thread>

namespace iaclint {
namespace {

TEST(InOrder, StepsRunInItemOrderWhateverOrderItemsFinishIn) {
  std::vector<size_t> seen;
  InOrder in_order(5, [&](size_t i) { seen.push_back(i); });
  in_order.Finished(3);
  in_order.Finished(1);
  EXPECT_TRUE(seen.empty());  // item 0 is not finished: nothing may run yet
  in_order.Finished(0);
  EXPECT_EQ(seen, (std::vector<size_t>{0, 1}));
  in_order.Finished(4);
  EXPECT_EQ(in_order.stepped(), 2u);
  in_order.Finished(2);
  EXPECT_EQ(seen, (std::vector<size_t>{0, 1, 2, 3, 4}));
}

TEST(InOrder, ThreadsFinishingAtRandomStepEveryItemOnceInOrderOneAtATime) {
  constexpr size_t kItems = 20000;
  std::vector<size_t> order(kItems);
  for (size_t i = 0; i < kItems; ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(7));
  std::vector<size_t> seen;
  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};
  InOrder in_order(kItems, [&](size_t i) {
    if (inside.fetch_add(1) != 0) overlapped = true;
    seen.push_back(i);
    inside.fetch_sub(1);
  });
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t k = next++; k < kItems; k = next++) in_order.Finished(order[k]);
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  EXPECT_FALSE(overlapped);
  ASSERT_EQ(seen.size(), kItems);
  for (size_t i = 0; i < kItems; ++i) ASSERT_EQ(seen[i], i);
  EXPECT_EQ(in_order.stepped(), kItems);
}

TEST(InOrder, NoItemsMeansNoSteps) {
  InOrder in_order(0, [](size_t) { FAIL() << "no item, no step"; });
  EXPECT_EQ(in_order.stepped(), 0u);
}

}  // namespace
}  // namespace iaclint
