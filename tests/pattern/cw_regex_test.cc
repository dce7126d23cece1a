// CloudWatch Logs regular expressions (`%...%` in filter patterns): the documented operators,
// errors with their offset, and matching in linear time whatever the expression.
#include "pattern/cw_regex.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace iaclint {
namespace {

bool Search(std::string_view re, std::string_view text) {
  auto compiled = CwRegex::Compile(re);
  EXPECT_TRUE(compiled.ok()) << re << ": " << (compiled.ok() ? "" : compiled.error().message);
  return compiled.ok() && compiled->Search(text);
}

std::string ErrorOf(std::string_view re) {
  auto compiled = CwRegex::Compile(re);
  return compiled.ok() ? "" : compiled.error().message;
}

TEST(CwRegex, DocumentedOperators) {
  EXPECT_TRUE(Search("AUTHORIZED", "[ERROR 401] UNAUTHORIZED REQUEST"));
  EXPECT_TRUE(Search("^[hc]at", "hat trick"));
  EXPECT_FALSE(Search("^[hc]at", "that"));
  EXPECT_TRUE(Search("[hc]at$", "that"));
  EXPECT_FALSE(Search("[hc]at$", "cats"));
  EXPECT_TRUE(Search("colou?r", "color"));
  EXPECT_TRUE(Search("colou?r", "colour"));
  EXPECT_TRUE(Search("a{3,5}", "xaaay"));
  EXPECT_FALSE(Search("^a{3,5}$", "aa"));
  EXPECT_FALSE(Search("^a{3,5}$", "aaaaaa"));
  EXPECT_TRUE(Search("^a{3, 5}$", "aaaa"));
  EXPECT_TRUE(Search("^a{2,}$", "aaaaaaa"));
  EXPECT_TRUE(Search("[Ee]rror|[Ff]ail", "request FAILED: fail"));
  EXPECT_FALSE(Search("[Ee]rror|[Ff]ail", "FAILED"));
  EXPECT_TRUE(Search("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}", "from 10.0.12.255:443"));
  EXPECT_FALSE(Search("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}", "from 10.0.12:443"));
  EXPECT_TRUE(Search("ab*c", "ac"));
  EXPECT_TRUE(Search("ab+c", "abbbc"));
  EXPECT_FALSE(Search("ab+c", "ac"));
  EXPECT_TRUE(Search("[^0-9]x", "ax"));
  EXPECT_FALSE(Search("[^0-9]x", "9x"));
  EXPECT_TRUE(Search("a.c", "abc"));
  EXPECT_TRUE(Search("\\w+@\\w+", "mail alice@example"));
  EXPECT_TRUE(Search("{x", "a{x"));  // a brace that starts no bound is a character
}

TEST(CwRegex, ErrorsSayWhereAndWhy) {
  EXPECT_NE(ErrorOf("a**").find("two quantifiers in a row at offset 2"), std::string::npos);
  EXPECT_NE(ErrorOf("*a").find("nothing to repeat before '*' at offset 0"), std::string::npos);
  EXPECT_NE(ErrorOf("[a-").find("unterminated character class"), std::string::npos);
  EXPECT_NE(ErrorOf("a$b").find("'$' anchors only at the end"), std::string::npos);
  EXPECT_NE(ErrorOf("a\\").find("lone '\\'"), std::string::npos);
  EXPECT_NE(ErrorOf("caf\xc3\xa9").find("printable ASCII"), std::string::npos);
  EXPECT_NE(ErrorOf("a{5,2}").find("maximum is below its minimum"), std::string::npos);
  EXPECT_NE(ErrorOf("a{1,5000}").find("too large"), std::string::npos);
}

// Expressions that make a backtracking matcher take exponential time: a?^n a^n on a^n.
TEST(CwRegex, MatchingIsLinear) {
  const int n = 400;
  std::string re, text(n, 'a');
  for (int i = 0; i < n; ++i) re += "a?";
  re += std::string(n, 'a');
  auto compiled = CwRegex::Compile(re);
  ASSERT_TRUE(compiled.ok()) << compiled.error().message;
  EXPECT_TRUE(compiled->Search(text));
  EXPECT_FALSE(compiled->Search(std::string(n - 1, 'a')));
}

}  // namespace
}  // namespace iaclint
