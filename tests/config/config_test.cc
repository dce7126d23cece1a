// .iaclint.yaml is validated strictly: every mistake is an error at its line and column.
#include "config/config.h"

#include <gtest/gtest.h>

#include "cli/pipeline.h"
#include "rules/ruleset.h"

namespace iaclint {
namespace {

std::string ErrorOf(std::string_view text) {
  auto c = ParseConfig(text, ".iaclint.yaml", 0);
  if (c.ok()) return "ok";
  return std::to_string(c.error().where.line) + ":" + std::to_string(c.error().where.column) +
         ": " + c.error().message;
}

TEST(Config, ReadsEverySetting) {
  auto c = ParseConfig(R"(profile: cis-aws
fail_on: warning
unknown: ignore
inline_suppressions: false
exclude: [vendor/**, "generated/*.json"]
rules:
  IAC1102:
    enabled: true
    severity: warning
    params: {min_length: 16}
  IAC0601: {enabled: false}
)",
                       ".iaclint.yaml", 3);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(*c->profile, "cis-aws");
  EXPECT_EQ(c->profile_at.line, 1u);
  EXPECT_EQ(*c->fail_on, "warning");
  EXPECT_EQ(*c->unknown, "ignore");
  EXPECT_EQ(c->unknown_at.line, 3u);
  EXPECT_FALSE(*c->inline_suppressions);
  EXPECT_EQ(c->exclude, (std::vector<std::string>{"vendor/**", "generated/*.json"}));
  const RuleConfig& rc = c->rules.at("IAC1102");
  EXPECT_EQ(*rc.severity, Severity::kWarning);
  EXPECT_EQ(rc.severity_at.line, 9u);
  EXPECT_EQ(rc.severity_at.column, 15u);
  EXPECT_EQ(rc.params.at("min_length").loc().line, 10u);
  EXPECT_EQ(rc.params.at("min_length").loc().file, 3u);
  EXPECT_FALSE(*c->rules.at("IAC0601").enabled);
}

TEST(Config, MistakesAreErrorsAtTheirPlace) {
  EXPECT_EQ(ErrorOf("profile: cis-aws\nrulez: {}\n"),
            "2:1: unknown key 'rulez' (expected profile, rules, exclude, fail_on, unknown, "
            "attestations, rulesets, inline_suppressions, limits)");
  EXPECT_EQ(ErrorOf("rules:\n  IAC1102:\n    serverity: error\n"),
            "3:5: unknown key 'serverity' in rule settings (expected enabled, severity, params)");
  EXPECT_EQ(ErrorOf("profile: cis\n"),
            "1:10: unknown profile 'cis' (expected jp-baseline or cis-aws)");
  EXPECT_EQ(ErrorOf("fail_on: high\n"), "1:10: fail_on must be error, warning, note or never");
  EXPECT_EQ(ErrorOf("exclude: 5\n"), "1:10: exclude must be a list of strings");
  EXPECT_EQ(ErrorOf("rules:\n  IAC1102: {severity: critical}\n"),
            "2:23: severity must be error, warning or note");
  EXPECT_EQ(ErrorOf("rules:\n  IAC1102: {enabled: yes please}\n"),
            "2:22: enabled must be true or false");
  EXPECT_EQ(ErrorOf("profile: cis-aws\nprofile: jp-baseline\n"),
            "2:1: duplicate key 'profile' (the last one is used)");
  EXPECT_EQ(ErrorOf("attestations:\n  - control: \"05\"\n    status: done\n"),
            "2:5: attestation is missing 'date'");
  EXPECT_EQ(ErrorOf("- profile\n"), "1:1: the configuration must be a map");
}

class ConfigRules : public ::testing::Test {
 protected:
  void SetUp() override {
    auto set = LoadRuleSet(std::string(IACLINT_SOURCE_DIR) + "/rulesets", {});
    ASSERT_TRUE(set.ok()) << set.error().message;
    rules_ = std::move(*set);
  }

  std::string Activate(std::string_view text, std::vector<ActiveRule>* out = nullptr) {
    auto c = ParseConfig(text, ".iaclint.yaml", 0);
    if (!c.ok()) return c.error().message;
    auto active = ActivateRules(rules_, *c, CheckOptions{}, c->profile.value_or("jp-baseline"));
    if (!active.ok()) return active.error().message;
    if (out) *out = std::move(*active);
    return "ok";
  }

  RuleSet rules_;
};

TEST_F(ConfigRules, ParametersMustExistAndHaveTheRightType) {
  EXPECT_EQ(Activate("rules:\n  IAC1102: {params: {min_lenght: 14}}\n"),
            ".iaclint.yaml:2:34: rule IAC1102 has no parameter 'min_lenght'");
  EXPECT_EQ(
      Activate("rules:\n  IAC1102: {params: {min_length: long}}\n"),
      ".iaclint.yaml:2:34: rule IAC1102 parameter 'min_length' must be a number (default: 12)");
  EXPECT_EQ(Activate("rules:\n  IAC1102: {params: {require_symbols: 1}}\n"),
            ".iaclint.yaml:2:39: rule IAC1102 parameter 'require_symbols' must be true or false "
            "(default: true)");
  EXPECT_EQ(Activate("rules:\n  IAC9999: {enabled: false}\n"),
            ".iaclint.yaml:2:3: unknown rule id 'IAC9999'");
}

TEST_F(ConfigRules, ProfileThenConfigDecideSeverityAndParameters) {
  std::vector<ActiveRule> active;
  ASSERT_EQ(Activate("profile: cis-aws\nrules:\n  IAC1103: {severity: error}\n"
                     "  IAC0601: {enabled: false}\n",
                     &active),
            "ok");
  bool saw_0601 = false;
  for (const ActiveRule& a : active) {
    saw_0601 |= a.rule->id == "IAC0601";
    if (a.rule->id == "IAC1102") EXPECT_EQ(a.params.at("min_length").str(), "14");
    if (a.rule->id == "IAC1103") EXPECT_EQ(a.severity, Severity::kError);
  }
  EXPECT_FALSE(saw_0601);
}

}  // namespace
}  // namespace iaclint
