// Runs the active rules over the model: account-scope rules once, resource-scope rules per
// resource. Produces findings and one result per rule (for the scorecard).
#ifndef IACLINT_RULES_ENGINE_H_
#define IACLINT_RULES_ENGINE_H_

#include <map>
#include <string>
#include <vector>

#include "model/model.h"
#include "rules/rule.h"

namespace iaclint {

/// A rule as configured for this run: severity and parameters after profile and config.
struct ActiveRule {
  const Rule* rule = nullptr;
  Severity severity = Severity::kWarning;
  std::map<std::string, Value> params;
};

/// A rule as a profile configures it when the configuration says nothing about it: the
/// profile's severity and parameter defaults.
ActiveRule DefaultActivation(const Rule& rule, const std::string& profile);

struct RuleResult {
  const Rule* rule = nullptr;
  Verdict verdict = Verdict::kPass;
  bool skipped = false;
  std::string skip_reason;
  std::string evidence;                 ///< for PASS
  std::vector<Location> evidence_at;    ///< where the satisfying declarations are
  /// The outcome's reason (FAIL/UNKNOWN); for PASS the operator's explanation, if any.
  std::string detail;
  size_t checked = 0;                   ///< resources checked (resource scope)
  /// What else the verdict rests on, for the scorecard: the attestation that satisfied or
  /// complemented it, or why code evidence covers member accounts only.
  std::string note;
  std::vector<const Resource*> passed;  ///< resources that passed (resource scope)
};

struct EngineOptions {
  /// Where account-scope findings with no resource are reported, and the note saying so.
  Location default_anchor;
  std::string default_anchor_note;
  /// Per-rule anchors from the configuration (the line that governs the rule).
  std::map<std::string, Location> rule_anchors;
  size_t max_forks = 64;
  /// Threads for rules that do not depend on each other (0 = one per core). The output is
  /// the same whatever the count.
  unsigned jobs = 1;
};

struct EngineOutput {
  std::vector<Finding> findings;
  std::vector<RuleResult> results;  ///< in rule id order
};

EngineOutput RunRules(const std::vector<ActiveRule>& rules, const Model& model,
                      const EngineOptions& options);

}  // namespace iaclint

#endif  // IACLINT_RULES_ENGINE_H_
