#include "report/report.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "base/text.h"
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

// Why a suppression cannot be used (then it is reported as IAC0003 and ignored), or "".
std::string SuppressionProblem(const Suppression& s, const Resource& r, const RuleSet& rules) {
  const std::string on = " on '" + r.id + "'";
  if (!s.problem.empty()) return "malformed suppression" + on + ": " + s.problem;
  const Rule* rule = rules.Find(s.rule_id);
  if (!rule) return "suppression" + on + " names " + s.rule_id + ", which is not a rule";
  if (rule->scope == "account" || rule->scope == "manual") {
    return "suppression" + on + " names " + s.rule_id +
           ", an account-wide rule that no resource can suppress (disable it in .iaclint.yaml: "
           "rules: {" +
           s.rule_id + ": {enabled: false}})";
  }
  if (rule->scope == "tool") {
    return "suppression" + on + " names " + s.rule_id +
           ", which iaclint reports itself and "
           "cannot be suppressed";
  }
  if (s.reason.empty()) return "suppression of " + s.rule_id + on + " has no reason=\"...\"";
  return "";
}

struct SuppressionUse {
  const Resource* resource;
  const Suppression* suppression;
  bool used = false;
};

// Resource-bound suppressions: a reason is required (IAC0003), an expiry is honoured (IAC0004:
// the finding comes back). Tool findings (IAC00nn) cannot be suppressed.
void ApplySuppressions(const Model& model, const RuleSet& rules, const ReportOptions& options,
                       std::vector<Finding>& findings) {
  std::map<std::string, std::vector<SuppressionUse>> valid, expired;  // by resource key
  for (const Resource& r : model.resources()) {
    const std::string key = ResourceKey(r.scope, r.id);
    for (const Suppression& s : r.suppressions) {
      const std::string problem = SuppressionProblem(s, r, rules);
      if (!problem.empty()) {
        Finding f =
            ToolFinding(kSuppressionWithoutReason, problem + "; it is ignored", s.where, r.id);
        f.resource_key = key;
        findings.push_back(std::move(f));
      } else {
        const bool is_expired = !s.until.empty() && s.until < options.today;
        (is_expired ? expired : valid)[key].push_back(SuppressionUse{&r, &s});
      }
    }
  }
  for (Finding& f : findings) {
    if (f.resource_key.empty() || f.rule_id.rfind("IAC000", 0) == 0) continue;
    for (auto* table : {&valid, &expired}) {
      auto it = table->find(f.resource_key);
      if (it == table->end()) continue;
      for (SuppressionUse& use : it->second) {
        if (use.suppression->rule_id != f.rule_id) continue;
        use.used = true;
        if (table == &valid) {
          f.suppressed = true;
          f.justification = use.suppression->reason;
        }
      }
    }
  }
  for (const auto& [key, uses] : expired) {
    for (const SuppressionUse& use : uses) {
      const Suppression& s = *use.suppression;
      Finding f = ToolFinding(
          kSuppressionExpired,
          "suppression of " + s.rule_id + " on '" + use.resource->id + "' expired on " + s.until +
              (use.used ? "; the finding is reported again" : "; nothing to suppress, remove it"),
          s.where, use.resource->id);
      f.resource_key = key;
      findings.push_back(std::move(f));
    }
  }
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

bool HasTag(const Rule& r, const char* tag) {
  return std::find(r.tags.begin(), r.tags.end(), tag) != r.tags.end();
}

// What the rules of one control found, before it becomes a scorecard row.
struct Tally {
  bool fail = false, unknown = false, manual_open = false, risk = false;
  bool fallback_only = true;  ///< every failing rule is a "manual-fallback" rule
  bool informational = true;  ///< every rule is informational (control 03)
  std::string detail;
  std::vector<std::string> evidence, notes;
  std::vector<Location> locations;
};

void Count(const RuleResult& r, const std::vector<Finding>& findings, Tally& t) {
  t.informational &= HasTag(*r.rule, "informational");
  if (!r.note.empty()) t.notes.push_back(r.note);
  t.risk |= r.evidence.rfind("attested (risk", 0) == 0;
  const bool passed_with_evidence =
      r.verdict == Verdict::kPass && (r.rule->scope == "account" || r.rule->scope == "manual");
  if (passed_with_evidence) {
    t.evidence.push_back(r.evidence);
    for (const Location& l : r.evidence_at) t.locations.push_back(l);
  }
  if (r.rule->scope == "manual") {
    t.manual_open |= r.verdict != Verdict::kPass;
    return;
  }
  size_t open = 0;
  for (const Finding& f : findings) {
    if (f.rule_id == r.rule->id && !f.suppressed && !f.unknown) ++open;
  }
  if (r.verdict == Verdict::kFail && open > 0) {
    if (!t.fail) t.detail = r.rule->id + ": " + r.detail;
    t.fail = true;
    t.fallback_only &= HasTag(*r.rule, "manual-fallback");
  } else if (r.verdict == Verdict::kUnknown ||
             (r.verdict == Verdict::kFail && open == 0 && r.skipped)) {
    if (t.detail.empty() && !t.fail) {
      t.detail = r.rule->id + ": " + (r.detail.empty() ? r.skip_reason : r.detail);
    }
    t.unknown = true;
  }
}

std::string JoinNotes(const std::string& first, const std::vector<std::string>& notes) {
  std::string out = first;
  for (const std::string& n : notes) {
    if (out.find(n) == std::string::npos) out += (out.empty() ? "" : "; ") + n;
  }
  return out;
}

ControlRow Score(const Control& control, const std::vector<const RuleResult*>& results,
                 const std::vector<Finding>& findings) {
  ControlRow row{control.id, control.title, "PASS", "", {}, "", "", {}};
  if (results.empty()) {
    row.status = "N/A";
    row.evidence = "-";
    return row;
  }
  Tally t;
  for (const RuleResult* r : results) Count(*r, findings, t);
  std::sort(t.locations.begin(), t.locations.end());
  t.locations.erase(std::unique(t.locations.begin(), t.locations.end()), t.locations.end());
  row.locations = t.locations;
  row.evidence = t.evidence.empty() ? "missing" : Strongest(t.evidence);
  if (t.informational) {
    row.status = "N/A";
    row.evidence = "-";
    row.detail = JoinNotes(control.satisfied_by, t.notes);
  } else if (t.fail && !t.fallback_only) {
    row.status = "FAIL";
    row.detail = JoinNotes(t.detail, t.notes);
  } else if (t.unknown) {
    row.status = "UNKNOWN";
    row.detail = JoinNotes(t.detail, t.notes);
  } else if (t.fail || t.manual_open || t.risk) {
    // Only an attestation can settle it (or it is a risk someone accepted).
    row.status = "MANUAL";
    row.detail = JoinNotes(t.risk ? "" : control.satisfied_by, t.notes);
  } else {
    row.detail = JoinNotes("", t.notes);
  }
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
    if (f.informational) {  // IAC0301: shown, never fails a run
      ++s.notes;
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
  s.baselined = report.baselined;
  report.summary = s;
}

// The same module instantiated by several analysed configurations (Terraform examples/*
// calling one module) yields the same finding at the same place once per configuration; the
// repeats say nothing new, so one line is kept (the first in the sorted order).
// (Each configuration registers the module's files anew, so places compare by path.)
void DropRepeatedFindings(const Model& model, std::vector<Finding>& findings) {
  auto path = [&](const Finding& f) {
    return f.loc.file == kNoFile ? std::string_view()
                                 : std::string_view(model.file(f.loc.file).path);
  };
  auto same = [&](const Finding& a, const Finding& b) {
    return path(a) == path(b) && a.loc.line == b.loc.line && a.loc.column == b.loc.column &&
           a.rule_id == b.rule_id && a.message == b.message && a.severity == b.severity &&
           a.suppressed == b.suppressed && a.unknown == b.unknown;
  };
  findings.erase(std::unique(findings.begin(), findings.end(), same), findings.end());
}

Report BuildReport(const Model& model, const RuleSet& rules, const EngineOutput& engine,
                   const ReportOptions& options) {
  Report report;
  report.profile = options.profile;
  report.findings = model.diagnostics();
  for (const Finding& f : engine.findings) report.findings.push_back(f);
  if (options.inline_suppressions) ApplySuppressions(model, rules, options, report.findings);
  ApplyUnknownMode(options.unknown, report.findings);
  for (Finding& f : report.findings) {
    f.message = PrintableText(f.message);  // input text inside: no line breaks, no escapes
    f.resource = PrintableText(f.resource);
    if (f.loc.line == 0) f.loc.line = f.loc.column = 1;
    if (f.loc.column == 0) f.loc.column = 1;
    std::string identity = f.identity.empty() ? f.rule_id + "|" + f.message : f.identity;
    // Tool findings name no resource scope, so their file keeps them apart.
    if (f.rule_id.rfind("IAC000", 0) == 0 && f.loc.file != kNoFile) {
      identity = model.file(f.loc.file).path + "|" + identity;
    }
    f.fingerprint = FingerprintOf(identity);
  }
  std::sort(
      report.findings.begin(), report.findings.end(), [&](const Finding& a, const Finding& b) {
        const std::string& pa = a.loc.file == kNoFile ? std::string() : model.file(a.loc.file).path;
        const std::string& pb = b.loc.file == kNoFile ? std::string() : model.file(b.loc.file).path;
        return std::tie(pa, a.loc.line, a.loc.column, a.rule_id, a.message, a.fingerprint) <
               std::tie(pb, b.loc.line, b.loc.column, b.rule_id, b.message, b.fingerprint);
      });
  DropRepeatedFindings(model, report.findings);
  for (const Control& c : rules.controls) {
    std::vector<const RuleResult*> results;
    for (const RuleResult& r : engine.results) {
      if (r.rule->control == c.id) results.push_back(&r);
    }
    report.controls.push_back(Score(c, results, report.findings));
    ControlRow& row = report.controls.back();
    AddTally(c, results, report.findings, row);
    // Details and tally notes quote input text (names, patterns): no line breaks, no escapes.
    row.detail = PrintableText(row.detail);
    for (std::string& note : row.notes) note = PrintableText(note);
  }
  Summarise(report, model, options.fail_on);
  return report;
}

}  // namespace iaclint
