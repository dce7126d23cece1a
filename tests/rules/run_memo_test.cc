#include "rules/run_memo.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace iaclint {
namespace {

TEST(RunMemo, MakesEachValueOnceAndHandsTheSameOneToEveryThread) {
  RunMemo memo;
  std::atomic<int> made{0};
  std::vector<std::shared_ptr<const int>> got(8);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < got.size(); ++t) {
    threads.emplace_back([&, t] {
      got[t] = memo.Get<int>("chain", [&] {
        made.fetch_add(1);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // others arrive meanwhile
        return std::make_shared<const int>(42);
      });
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(made.load(), 1);
  for (const auto& v : got) {
    ASSERT_TRUE(v);
    EXPECT_EQ(v.get(), got[0].get());
    EXPECT_EQ(*v, 42);
  }
}

TEST(RunMemo, KeysAreIndependentAndAValueMayUseAnother) {
  RunMemo memo;
  auto candidates = memo.Get<std::string>("candidates", [&] {
    auto chain =
        memo.Get<std::string>("chain", [] { return std::make_shared<const std::string>("c"); });
    return std::make_shared<const std::string>(*chain + "+candidates");
  });
  EXPECT_EQ(*candidates, "c+candidates");
  auto chain =
      memo.Get<std::string>("chain", [] { return std::make_shared<const std::string>("again"); });
  EXPECT_EQ(*chain, "c");  // made once, by the first asker
}

}  // namespace
}  // namespace iaclint
