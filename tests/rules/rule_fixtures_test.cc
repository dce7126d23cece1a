// Runs every built-in rule's pass/fail/unknown fixtures (fixtures/rules/<ID>/) and compares
// the rule's findings with expected.txt — the same check as `iaclint test`, one test per rule.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/rule_tests.h"
#include "rules/ruleset.h"

namespace iaclint {
namespace {

const RuleSet& BuiltinRules() {
  static const RuleSet set = [] {
    auto loaded = LoadRuleSet(std::string(IACLINT_SOURCE_DIR) + "/rulesets", {});
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().message;
      return RuleSet{};
    }
    return std::move(*loaded);
  }();
  return set;
}

std::vector<std::string> RuleIds() {
  std::vector<std::string> ids;
  for (const Rule& r : BuiltinRules().rules) ids.push_back(r.id);
  return ids;
}

class RuleFixtures : public testing::TestWithParam<std::string> {};

TEST_P(RuleFixtures, PassFailAndGolden) {
  std::ostringstream out;
  RuleTestSummary s = RunRuleTests(BuiltinRules(), {}, {}, /*update=*/false, {GetParam()}, out);
  EXPECT_EQ(s.rules, 1u);
  EXPECT_EQ(s.failures, 0u) << out.str();
}

INSTANTIATE_TEST_SUITE_P(Builtin, RuleFixtures, testing::ValuesIn(RuleIds()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

TEST(RuleCatalog, IdsAreUniqueAndFilesNamedAfterThem) {
  std::set<std::string> ids;
  for (const Rule& r : BuiltinRules().rules) {
    EXPECT_TRUE(ids.insert(r.id).second) << r.id;
    EXPECT_EQ(std::filesystem::path(r.file).stem().string(), r.id + "-" + r.name);
    if (r.scope != "tool") EXPECT_FALSE(r.control.empty()) << r.id;
    if (!r.control.empty()) {
      EXPECT_EQ(r.id.substr(3, 2), r.control) << r.id << " belongs to control " << r.control;
      EXPECT_NE(BuiltinRules().FindControl(r.control), nullptr) << r.id;
    }
  }
}

}  // namespace
}  // namespace iaclint
