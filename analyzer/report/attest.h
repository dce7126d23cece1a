// Attestations (.iaclint.yaml attestations:) applied to the engine's results, after the rules
// ran and before the report is built:
//  - an expired or stale attestation, one whose evidence file is missing, unreadable or shows
//    the control unmet (a known AWS CLI export), and one the code contradicts, is IAC0005 and
//    not used;
//  - a usable attestation satisfies the account-scope rules of its control (or the rule it
//    names): their "missing" findings are suppressed with the attestation as justification
//    and the rule passes with evidence "attested"; a violation found in code is never hidden;
//  - manual rules (scope manual) pass when attested, otherwise report a note anchored at
//    .iaclint.yaml (IAC0301 is informational);
//  - every result says which evidence won.
#ifndef IACLINT_REPORT_ATTEST_H_
#define IACLINT_REPORT_ATTEST_H_

#include <string>
#include <vector>

#include "config/config.h"
#include "model/model.h"
#include "rules/engine.h"
#include "rules/ruleset.h"

namespace iaclint {

struct AttestationInputs {
  const Config& config;
  const RuleSet& rules;
  const std::vector<ActiveRule>& active;
  std::string today;
  int review_days = 365;
  /// Where manual-control notes go when there is no .iaclint.yaml, and the note saying so.
  Location fallback_anchor;
  std::string fallback_note;
};

void ApplyAttestations(const AttestationInputs& in, Model& model, EngineOutput& engine);

}  // namespace iaclint

#endif  // IACLINT_REPORT_ATTEST_H_
