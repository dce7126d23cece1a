// The hand-written rule id / name checks accept exactly what the documented patterns accept.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "rules/rule.h"

namespace iaclint {
namespace {

const std::vector<std::string> kSamples = {
    "",         "I",         "IAC0804",  "IAC080",    "iac0804",  "IAC08O4",  "X1234",
    "XY12345",  "1AC0804",   "IAC-0804", "IAC0804 ",  "A0000",    "ZZ9999",   "IAC0804a",
    "a",        "a-b",       "-a",       "a-",        "a--b",     "abc-123",  "Abc",
    "abc_def",  "0-0",       "cloudtrail-missing",    "budget--x", "x-y-z",   "é"};

TEST(RuleNames, IdMatchesThePattern) {
  const std::regex id_re("[A-Z][A-Z0-9]*[0-9]{4}");
  for (const std::string& s : kSamples) EXPECT_EQ(IsRuleId(s), std::regex_match(s, id_re)) << s;
}

TEST(RuleNames, KebabNameMatchesThePattern) {
  const std::regex name_re("[a-z0-9]+(-[a-z0-9]+)*");
  for (const std::string& s : kSamples) {
    EXPECT_EQ(IsKebabName(s), std::regex_match(s, name_re)) << s;
  }
}

}  // namespace
}  // namespace iaclint
