// Baselines: a file of today's findings, keyed by line-free fingerprints, so that
// `check --baseline FILE` reports only new findings however the files are edited.
#ifndef IACLINT_CLI_BASELINE_H_
#define IACLINT_CLI_BASELINE_H_

#include <string>

#include "base/result.h"
#include "model/model.h"
#include "report/report.h"

namespace iaclint {

/// Writes the findings of a report (not suppressed) to a baseline file; returns how many
/// entries (distinct fingerprints) it recorded.
Result<size_t> WriteBaseline(const std::string& path, const Report& report, const Model& model);

/// Removes from the report every finding recorded in the baseline file.
Result<bool> ApplyBaseline(const std::string& path, Report& report);

}  // namespace iaclint

#endif  // IACLINT_CLI_BASELINE_H_
