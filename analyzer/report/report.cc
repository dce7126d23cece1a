#include "report/report.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "base/text.h"
#include "model/tool_findings.h"

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

ControlRow Score(const Control& control, const std::vector<const RuleResult*>& results,
                 const std::vector<Finding>& findings) {
  ControlRow row{control.id, control.title, "PASS", "", {}, ""};
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
      if (row.detail.empty() && !fail) row.detail = r->rule->id + ": " + r->detail;
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
  s.baselined = report.baselined;
  report.summary = s;
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
    report.controls.back().detail = PrintableText(report.controls.back().detail);
  }
  Summarise(report, model, options.fail_on);
  return report;
}

}  // namespace iaclint
