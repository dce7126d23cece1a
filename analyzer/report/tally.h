// The tally of a scorecard row: how many of a control's counted rules pass, and one line per
// rule whose verdict no finding on show explains (control 09: which filters cover each covered
// monitoring item; the findings say what the others miss). Controls opt in with `tally:` in
// rulesets/controls.yaml.
#ifndef IACLINT_REPORT_TALLY_H_
#define IACLINT_REPORT_TALLY_H_

#include <vector>

#include "report/report.h"

namespace iaclint {

/// Fills row.tally and row.notes from the results of the control's rules tagged
/// control.tally_tag; leaves the row alone when the control has no tally or none of those rules
/// was evaluated (all skipped because a prerequisite failed).
void AddTally(const Control& control, const std::vector<const RuleResult*>& results,
              const std::vector<Finding>& findings, ControlRow& row);

}  // namespace iaclint

#endif  // IACLINT_REPORT_TALLY_H_
