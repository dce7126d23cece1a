#include "emit/line_hash.h"

#include <gtest/gtest.h>

namespace iaclint {
namespace {

// Vectors from github/codeql-action's fingerprint tests (as recorded in
// shared/research/integrations.md, and checked with shared/tools/sarif-check --line-hashes).
TEST(GithubLineHashes, EmptyFile) {
  auto h = GithubLineHashes("");
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0], "c129715d7a2bc9a3:1");
}

TEST(GithubLineHashes, WhitespaceIsIgnored) {
  auto h = GithubLineHashes(" a\nb\n  \t\tc\n d");
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(h[0], "271789c17abda88f:1");
  EXPECT_EQ(h[1], "54703d4cd895b18:1");
  EXPECT_EQ(h[2], "180aee12dab6264:1");
  EXPECT_EQ(h[3], "a23a3dc5e078b07b:1");
}

TEST(GithubLineHashes, RepeatedLinesAreCounted) {
  std::string text;
  for (int i = 0; i < 10; ++i) text += "Lorem ipsum dolor sit amet.\n";
  auto h = GithubLineHashes(text);
  ASSERT_EQ(h.size(), 11u);
  EXPECT_EQ(h[0], "a7f2ff13bc495cf2:1");
  EXPECT_EQ(h[5], "a7f2ff13bc495cf2:6");
  EXPECT_EQ(h[6], "a7f2ff1481e87703:1");
  EXPECT_EQ(h[10], "c129715d7a2bc9a3:1");
}

}  // namespace
}  // namespace iaclint
