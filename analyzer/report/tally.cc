#include "report/tally.h"

#include <algorithm>

namespace iaclint {

namespace {

bool Tagged(const Rule& rule, const std::string& tag) {
  return std::find(rule.tags.begin(), rule.tags.end(), tag) != rule.tags.end();
}

// PASS, FAIL, UNKNOWN, "FAIL (suppressed)" when every FAIL finding of the rule is suppressed.
std::string StatusOf(const RuleResult& r, const std::vector<Finding>& findings) {
  if (r.verdict != Verdict::kFail) return VerdictName(r.verdict);
  bool open = false, suppressed = false;
  for (const Finding& f : findings) {
    if (f.rule_id != r.rule->id || f.unknown) continue;
    (f.suppressed ? suppressed : open) = true;
  }
  return suppressed && !open ? "FAIL (suppressed)" : "FAIL";
}

bool Shown(const RuleResult& r, const std::vector<Finding>& findings) {
  for (const Finding& f : findings) {
    if (f.rule_id == r.rule->id && !f.suppressed) return true;
  }
  return false;
}

}  // namespace

void AddTally(const Control& control, const std::vector<const RuleResult*>& results,
              const std::vector<Finding>& findings, ControlRow& row) {
  if (control.tally_tag.empty()) return;
  std::vector<const RuleResult*> counted;
  for (const RuleResult* r : results) {
    if (Tagged(*r->rule, control.tally_tag)) counted.push_back(r);
  }
  const bool evaluated =
      std::any_of(counted.begin(), counted.end(), [](const RuleResult* r) { return !r->skipped; });
  if (!evaluated) return;
  size_t passed = 0;
  for (const RuleResult* r : counted) {
    passed += r->verdict == Verdict::kPass && !r->skipped;
    // A rule with a finding on show is explained there; the notes explain the rest (what each
    // passing item is covered by, suppressed failures, skipped rules).
    if (Shown(*r, findings)) continue;
    std::string status = r->skipped ? "SKIPPED" : StatusOf(*r, findings);
    std::string why = r->skipped ? r->skip_reason : r->detail;
    status.resize(std::max<size_t>(status.size(), 7), ' ');
    row.notes.push_back(r->rule->id + "  " + status + "  " + why);
  }
  row.tally =
      std::to_string(passed) + " of " + std::to_string(counted.size()) + " " + control.tally_label;
}

}  // namespace iaclint
