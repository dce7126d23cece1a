// The result of a run as every emitter sees it: sorted findings (suppressions applied,
// fingerprints set), the per-control scorecard, the analysed files and the exit status.
#ifndef IACLINT_REPORT_REPORT_H_
#define IACLINT_REPORT_REPORT_H_

#include <string>
#include <vector>

#include "config/config.h"
#include "model/model.h"
#include "rules/engine.h"
#include "rules/ruleset.h"

namespace iaclint {

struct ControlRow {
  std::string id;
  std::string title;
  std::string status;    ///< PASS, FAIL, UNKNOWN, MANUAL, N/A
  std::string evidence;  ///< declared, enforced, monitored, attested, missing
  std::vector<Location> locations;
  std::string detail;    ///< one line: what failed, why unknown, what would satisfy it
};

struct Summary {
  size_t errors = 0, warnings = 0, notes = 0, suppressed = 0, unknown = 0;
  size_t baselined = 0;  ///< findings hidden because the baseline file records them
  size_t files = 0, resources = 0;
};

struct ReportOptions {
  std::string fail_on = "error";  ///< error, warning, note, never
  std::string unknown = "warn";   ///< warn, fail, ignore
  bool inline_suppressions = true;
  std::string today;              ///< ISO date, for suppression expiry
  std::string profile = "jp-baseline";
};

struct Report {
  std::vector<Finding> findings;  ///< sorted by file, line, column, rule, message
  std::vector<ControlRow> controls;
  Summary summary;
  std::string profile;
  int exit_code = 0;
  size_t baselined = 0;  ///< findings removed by --baseline
};

Report BuildReport(const Model& model, const RuleSet& rules, const EngineOutput& engine,
                   const ReportOptions& options);

/// Recounts the summary and the exit status (after findings were filtered, e.g. by a baseline).
void Summarise(Report& report, const Model& model, const std::string& fail_on);

/// The line-free identity hash used in fingerprints and baselines ("iaclint/v1").
std::string FingerprintOf(const std::string& identity);

/// Today's date in UTC as YYYY-MM-DD.
std::string TodayIso();

}  // namespace iaclint

#endif  // IACLINT_REPORT_REPORT_H_
