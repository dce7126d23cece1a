// The engine evaluates rules that do not depend on each other on several threads; what it
// reports must be exactly what one thread reports.
#include "rules/engine.h"

#include <gtest/gtest.h>

#include <sstream>

#include "input/load.h"
#include "input/walk.h"
#include "parse/yaml_reader.h"
#include "rules/ruleset.h"

namespace iaclint {
namespace {

std::string Describe(const EngineOutput& out) {
  std::ostringstream s;
  for (const Finding& f : out.findings) {
    s << f.rule_id << " " << static_cast<int>(f.severity) << " " << f.loc.file << ":" << f.loc.line
      << ":" << f.loc.column << " " << f.resource << " " << f.identity << " " << f.message << "\n";
  }
  for (const RuleResult& r : out.results) {
    s << r.rule->id << " " << static_cast<int>(r.verdict) << " " << r.skipped << " "
      << r.skip_reason << " " << r.checked << " " << r.evidence << " " << r.detail << " "
      << r.evidence_at.size() << " " << r.passed.size() << "\n";
  }
  return s.str();
}

std::vector<ActiveRule> Activate(const std::vector<Rule>& rules) {
  std::vector<ActiveRule> active;
  for (const Rule& r : rules) active.push_back(DefaultActivation(r, "jp-baseline"));
  return active;
}

EngineOutput RunOn(const std::vector<ActiveRule>& active, const Model& model, unsigned jobs) {
  EngineOptions options;
  options.default_anchor = Location{0, 1, 1, 1, 1};
  options.jobs = jobs;
  return RunRules(active, model, options);
}

// Every built-in rule, control 09's alarm chain and the dependent rules of controls 09, 11
// and 12 included, over the fixtures of those controls analysed as one account.
TEST(Engine, BuiltinRulesReportTheSameOnAnyNumberOfThreads) {
  auto dir = FindRulesetsDir();
  ASSERT_TRUE(dir.ok());
  auto rules = LoadRuleSet(*dir, {});
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  auto walked =
      WalkPaths({"fixtures/rules/IAC0801", "fixtures/rules/IAC0901", "fixtures/rules/IAC0931",
                 "fixtures/rules/IAC0932", "fixtures/rules/IAC1103", "fixtures/rules/IAC1202"},
                WalkOptions{});
  ASSERT_TRUE(walked.ok());
  LoadOptions load;
  load.jobs = 1;
  load.mappings = &rules->mappings;
  Model model;
  LoadInputs(walked->files, load, model);
  model.SetTypeInfo(rules->mappings.types);
  ASSERT_GT(model.resources().size(), 100u);
  const std::vector<ActiveRule> active = Activate(rules->rules);
  const EngineOutput one = RunOn(active, model, 1);
  const std::string expected = Describe(one);
  ASSERT_GT(one.findings.size(), 50u);
  for (unsigned jobs : {2u, 3u, 8u}) {
    for (int repeat = 0; repeat < 3; ++repeat) {
      EXPECT_EQ(Describe(RunOn(active, model, jobs)), expected) << jobs << " threads";
    }
  }
}

Rule ParseTestRule(const std::string& yaml, const std::string& file) {
  auto doc = ParseYaml(yaml, 0);
  EXPECT_TRUE(doc.ok());
  auto rule = ParseRule(doc->root, file);
  if (!rule.ok()) {
    ADD_FAILURE() << rule.error().message;
    return Rule{};
  }
  return std::move(*rule);
}

// In a dependency cycle rules are evaluated in id order, each seeing the verdicts of the rules
// before it only, however the threads could schedule them.
TEST(Engine, ADependencyCycleIsEvaluatedAsOneThreadWould) {
  const std::string head =
      "severity: error\ncontrol: \"08\"\nscope: account\nsummary: s\ndescription: d\n";
  const std::string fails = head + "assert:\n  any_resource: {type: AWS::SNS::Topic}\n";
  const std::string passes = head + "assert:\n  not: {any_resource: {type: AWS::SNS::Topic}}\n";
  std::vector<Rule> rules;
  rules.push_back(ParseTestRule("id: TST0001\nname: a\n" + passes, "TST0001-a.yaml"));
  // 2 -> 3 -> 4 -> 2: a cycle, entered from 1. 3 alone would be ready first on threads.
  rules.push_back(ParseTestRule("id: TST0002\nname: b\ndepends_on: [TST0001, TST0003]\n" + fails,
                                "TST0002-b.yaml"));
  rules.push_back(
      ParseTestRule("id: TST0003\nname: c\ndepends_on: [TST0004]\n" + fails, "TST0003-c.yaml"));
  rules.push_back(
      ParseTestRule("id: TST0004\nname: d\ndepends_on: [TST0002]\n" + fails, "TST0004-d.yaml"));
  Model model;  // no topic
  const std::vector<ActiveRule> active = Activate(rules);
  const EngineOutput one = RunOn(active, model, 1);
  ASSERT_EQ(one.results.size(), 4u);
  EXPECT_EQ(one.results[0].verdict, Verdict::kPass);
  EXPECT_FALSE(one.results[1].skipped);  // TST0003 is not evaluated yet when TST0002 is
  EXPECT_EQ(one.results[1].verdict, Verdict::kFail);
  EXPECT_FALSE(one.results[2].skipped);
  EXPECT_TRUE(one.results[3].skipped);
  for (unsigned jobs : {2u, 4u}) EXPECT_EQ(Describe(RunOn(active, model, jobs)), Describe(one));
}

}  // namespace
}  // namespace iaclint
