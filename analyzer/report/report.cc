#include "report/report.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "model/tool_findings.h"
#include "report/tally.h"

namespace iaclint {

namespace {

bool AtLeast(Severity s, const std::string& level) {
  if (level == "never") return false;
  Severity min;
  if (!ParseSeverity(level, &min)) min = Severity::kError;
  return static_cast<int>(s) >= static_cast<int>(min);
}

const Resource* OwnerOf(const Model& model, const Finding& f) {
  return f.resource_key.empty() ? nullptr : model.FindByKey(f.resource_key);
}

// Resource-bound suppressions: reason required (IAC0003), expiry honoured (IAC0004).
void ApplySuppressions(const Model& model, const ReportOptions& options,
                       std::vector<Finding>& findings) {
  std::vector<Finding> extra;
  std::map<const Suppression*, bool> reported;
  for (Finding& f : findings) {
    const Resource* r = OwnerOf(model, f);
    if (!r || f.rule_id.rfind("IAC000", 0) == 0) continue;
    for (const Suppression& s : r->suppressions) {
      if (s.rule_id != f.rule_id) continue;
      if (s.reason.empty()) {
        if (!reported[&s]) {
          extra.push_back(ToolFinding(kSuppressionWithoutReason,
                                      "suppression of " + s.rule_id + " on '" + r->id +
                                          "' has no reason=\"...\"; it is ignored",
                                      s.where, r->id));
        }
        reported[&s] = true;
        continue;
      }
      if (!s.until.empty() && s.until < options.today) {
        if (!reported[&s]) {
          extra.push_back(ToolFinding(kSuppressionExpired,
                                      "suppression of " + s.rule_id + " on '" + r->id +
                                          "' expired on " + s.until + "; the finding is back",
                                      s.where, r->id));
        }
        reported[&s] = true;
        continue;
      }
      f.suppressed = true;
      f.justification = s.reason;
    }
  }
  for (Finding& f : extra) findings.push_back(std::move(f));
}

void ApplyUnknownMode(const std::string& mode, std::vector<Finding>& findings) {
  if (mode == "ignore") {
    findings.erase(std::remove_if(findings.begin(), findings.end(),
                                  [](const Finding& f) { return f.unknown; }),
                   findings.end());
  } else if (mode == "fail") {
    for (Finding& f : findings) {
      if (f.unknown) f.severity = Severity::kError;
    }
  }
}

std::string Strongest(const std::vector<std::string>& levels) {
  static const std::vector<std::string> order = {"declared", "enforced", "monitored", "attested"};
  for (const std::string& want : order) {
    for (const std::string& l : levels) {
      if (l.rfind(want, 0) == 0) return l;
    }
  }
  return levels.empty() ? "missing" : levels.front();
}

ControlRow Score(const Control& control, const std::vector<const RuleResult*>& results,
                 const std::vector<Finding>& findings) {
  ControlRow row{control.id, control.title, "PASS", "", {}, "", "", {}};
  bool fail = false, unknown = false, all_manual = !results.empty();
  std::vector<std::string> evidence;
  for (const RuleResult* r : results) {
    const bool manual = r->rule->scope == "manual";
    all_manual &= manual;
    if (manual) continue;
    size_t open = 0;
    for (const Finding& f : findings) {
      if (f.rule_id == r->rule->id && !f.suppressed && !f.unknown) ++open;
    }
    if (r->verdict == Verdict::kFail && open > 0) {
      fail = true;
      if (row.detail.empty()) row.detail = r->rule->id + ": " + r->detail;
    } else if (r->verdict == Verdict::kUnknown || (r->verdict == Verdict::kFail && open == 0 && r->skipped)) {
      unknown = true;
      if (row.detail.empty() && !fail) {
        row.detail = r->rule->id + ": " + (r->detail.empty() ? r->skip_reason : r->detail);
      }
    }
    if (r->rule->scope == "account" && r->verdict == Verdict::kPass) {
      evidence.push_back(r->evidence);
      for (const Location& l : r->evidence_at) row.locations.push_back(l);
    }
  }
  if (results.empty()) {
    row.status = "N/A";
    row.evidence = "-";
    return row;
  }
  if (all_manual) {
    row.status = "MANUAL";
    row.evidence = "missing";
    row.detail = control.satisfied_by;
    return row;
  }
  row.status = fail ? "FAIL" : (unknown ? "UNKNOWN" : "PASS");
  row.evidence = evidence.empty() ? "missing" : Strongest(evidence);
  std::sort(row.locations.begin(), row.locations.end());
  row.locations.erase(std::unique(row.locations.begin(), row.locations.end()), row.locations.end());
  return row;
}

}  // namespace

std::string FingerprintOf(const std::string& identity) {
  // FNV-1a, 64 bit: stable across platforms and releases, which is all a fingerprint needs.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : identity) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static const char* kHex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = kHex[h & 15];
  return out;
}

std::string TodayIso() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
  return buf;
}

void Summarise(Report& report, const Model& model, const std::string& fail_on) {
  Summary s;
  report.exit_code = 0;
  for (const Finding& f : report.findings) {
    if (f.suppressed) {
      ++s.suppressed;
      continue;
    }
    if (f.unknown) ++s.unknown;
    if (f.severity == Severity::kError) ++s.errors;
    if (f.severity == Severity::kWarning) ++s.warnings;
    if (f.severity == Severity::kNote) ++s.notes;
    if (AtLeast(f.severity, fail_on)) report.exit_code = 1;
  }
  for (const SourceFile& f : model.files()) s.files += f.type.empty() ? 0 : 1;
  s.resources = model.resources().size();
  report.summary = s;
}

Report BuildReport(const Model& model, const RuleSet& rules, const EngineOutput& engine,
                   const ReportOptions& options) {
  Report report;
  report.profile = options.profile;
  report.findings = model.diagnostics();
  for (const Finding& f : engine.findings) report.findings.push_back(f);
  if (options.inline_suppressions) ApplySuppressions(model, options, report.findings);
  ApplyUnknownMode(options.unknown, report.findings);
  for (Finding& f : report.findings) {
    if (f.loc.line == 0) f.loc.line = f.loc.column = 1;
    if (f.loc.column == 0) f.loc.column = 1;
    f.fingerprint = FingerprintOf(f.identity.empty() ? f.rule_id + "|" + f.message : f.identity);
  }
  std::sort(report.findings.begin(), report.findings.end(), [&](const Finding& a, const Finding& b) {
    const std::string& pa = a.loc.file == kNoFile ? std::string() : model.file(a.loc.file).path;
    const std::string& pb = b.loc.file == kNoFile ? std::string() : model.file(b.loc.file).path;
    return std::tie(pa, a.loc.line, a.loc.column, a.rule_id, a.message) <
           std::tie(pb, b.loc.line, b.loc.column, b.rule_id, b.message);
  });
  for (const Control& c : rules.controls) {
    std::vector<const RuleResult*> results;
    for (const RuleResult& r : engine.results) {
      if (r.rule->control == c.id) results.push_back(&r);
    }
    report.controls.push_back(Score(c, results, report.findings));
    AddTally(c, results, report.findings, report.controls.back());
  }
  Summarise(report, model, options.fail_on);
  return report;
}

}  // namespace iaclint
