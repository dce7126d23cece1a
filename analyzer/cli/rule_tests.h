// `iaclint test`: runs each rule's pass/fail fixtures, found by convention:
//   fixtures/rules/<ID>/pass-*  must produce no FAIL finding of the rule,
//   fixtures/rules/<ID>/fail-*  must produce at least one,
//   fixtures/rules/<ID>/unknown-* must produce an UNKNOWN result of the rule,
//   fixtures/rules/<ID>/expected.txt  the golden list of the rule's findings on them.
// A fixture is a file or a directory analysed as one account scope (a directory may hold
// its own .iaclint.yaml).
#ifndef IACLINT_CLI_RULE_TESTS_H_
#define IACLINT_CLI_RULE_TESTS_H_

#include <ostream>
#include <string>
#include <vector>

#include "rules/ruleset.h"

namespace iaclint {

struct FixtureResult {
  std::string rule_id;
  std::string fixture;  ///< path of the fixture
  std::string kind;     ///< pass, fail, unknown
  bool ok = false;
  std::string problem;
  std::vector<std::string> lines;  ///< the rule's findings, gnu format, paths relative to the rule dir
  std::vector<std::string> types;  ///< input types analysed
};

struct RuleTestSummary {
  size_t rules = 0, fixtures = 0, failures = 0;
};

/// The fixture directory of a rule, or "" when it has none.
std::string FixtureDirOf(const Rule& rule, const std::vector<std::string>& search_roots);

/// Runs one fixture of a rule.
FixtureResult RunFixture(const Rule& rule, const std::string& fixture, const std::string& kind,
                         const std::vector<std::string>& extra_rulesets);

/// Runs every rule's fixtures; prints a line per failure and a summary. With update, rewrites
/// expected.txt goldens instead of comparing them.
RuleTestSummary RunRuleTests(const RuleSet& set, const std::vector<std::string>& extra_rulesets,
                             const std::vector<std::string>& fixture_roots, bool update,
                             const std::vector<std::string>& only, std::ostream& out);

}  // namespace iaclint

#endif  // IACLINT_CLI_RULE_TESTS_H_
