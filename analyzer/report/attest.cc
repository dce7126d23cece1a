#include "report/attest.h"

#include <algorithm>
#include <filesystem>

#include "model/tool_findings.h"
#include "report/attest_internal.h"

namespace iaclint {

namespace {

bool Concerns(const CheckedAttestation& c, const Rule& r) {
  return c.a->control == r.id || (c.a->control == c.control && c.control == r.control);
}

// The usable attestation of a rule: one naming the rule wins over one naming its control.
const CheckedAttestation* Covering(const std::vector<CheckedAttestation>& all, const Rule& r) {
  const CheckedAttestation* found = nullptr;
  for (const CheckedAttestation& c : all) {
    if (!c.usable || !Concerns(c, r)) continue;
    if (c.a->control == r.id) return &c;
    if (!found) found = &c;
  }
  return found;
}

std::string AttestedBy(const CheckedAttestation& c) {
  const Attestation& a = *c.a;
  std::string out = a.status == "risk-accepted"    ? "risk accepted by "
                    : a.status == "not-applicable" ? "attested not applicable by "
                                                   : "attested by ";
  out += a.by + " on " + a.date;
  if (a.account != "*") out += " for account " + a.account;
  if (!a.expires.empty()) out += ", expires " + a.expires;
  return out + " (" + c.place + ")";
}

std::string EvidenceOf(const CheckedAttestation& c) {
  if (c.a->status == "risk-accepted") return "attested (risk accepted)";
  if (c.a->status == "not-applicable") return "attested (not applicable)";
  return "attested";
}

bool IsViolation(const Finding& f, const Rule& r) {
  return f.rule_id == r.id && r.scope == "resource" && !f.suppressed && !f.unknown;
}

// "template.yaml:7:30", relative to the configuration's directory when inside it, so the
// message reads the same from any working directory.
std::string RelativePlace(const Model& model, const Location& loc, const std::string& dir) {
  std::string place = PlaceIn(model, loc);
  if (!dir.empty() && place.rfind(dir + "/", 0) == 0) place = place.substr(dir.size() + 1);
  return place;
}

// A violation found in code always wins: the attestation of its control is not used.
void CheckContradictions(const Model& model, const RuleSet& rules, EngineOutput& engine,
                         std::vector<CheckedAttestation>& all, std::vector<Finding>& out,
                         const std::string& config_dir) {
  for (CheckedAttestation& c : all) {
    if (!c.usable) continue;
    for (const Finding& f : engine.findings) {
      const Rule* r = rules.Find(f.rule_id);
      if (!r || !IsViolation(f, *r) || !Concerns(c, *r)) continue;
      c.usable = false;
      const std::string what = c.a->control == c.control ? "control " + c.control : c.a->control;
      Finding x = ToolFinding(kAttestationInvalid,
                              "the code contradicts the attestation of " + what + " by " + c.a->by +
                                  ": " + RelativePlace(model, f.loc, config_dir) + ": " +
                                  f.message + " [" + f.rule_id + "]; the violation in code wins",
                              c.a->where);
      x.control = c.control;
      out.push_back(std::move(x));
      break;
    }
  }
}

void Satisfy(RuleResult& r, const CheckedAttestation& c, EngineOutput& engine) {
  for (Finding& f : engine.findings) {
    if (f.rule_id != r.rule->id || f.suppressed) continue;
    f.suppressed = true;
    f.justification = AttestedBy(c);
  }
  r.verdict = Verdict::kPass;
  r.skipped = false;
  r.evidence = EvidenceOf(c);
  r.evidence_at = {c.a->where};
  r.note = AttestedBy(c);
}

// Code evidence that covers member accounts only (SCPs, centralized root access).
void MemberAccountsNote(RuleResult& r, const CheckedAttestation* c) {
  if (r.evidence.find("member accounts") == std::string::npos) return;
  if (c) {
    r.note = "member accounts by code; management account " + AttestedBy(*c);
  } else {
    r.note =
        "member accounts only: SCPs and centralized root access never bind the management "
        "account; attest control " +
        r.rule->control + " for it in .iaclint.yaml";
  }
}

void ApplyToResult(RuleResult& r, const CheckedAttestation* c, EngineOutput& engine) {
  if (r.verdict == Verdict::kPass) {
    MemberAccountsNote(r, c);
    if (c && r.note.empty()) {
      r.note = r.evidence + " in code wins over the attestation (" + c->place + ")";
    }
    return;
  }
  if (!c) return;
  if (r.rule->scope == "account") {
    Satisfy(r, *c, engine);
  } else if (r.verdict == Verdict::kFail) {
    r.note = "a violation in code wins over the attestation (" + c->place + ")";
  }
}

Location NoteAnchor(const AttestationInputs& in, const Model& model, bool* fallback) {
  *fallback = false;
  if (in.config.attestations_at.known()) return in.config.attestations_at;
  for (FileId i = 0; i < model.files().size(); ++i) {
    if (model.file(i).type == "config") return Location{i, 1, 1, 1, 1};
  }
  *fallback = true;
  return in.fallback_anchor;
}

bool Informational(const Rule& r) {
  return std::find(r.tags.begin(), r.tags.end(), "informational") != r.tags.end();
}

RuleResult& ResultOf(const Rule* rule, EngineOutput& engine) {
  for (RuleResult& r : engine.results) {
    if (r.rule == rule) return r;
  }
  engine.results.push_back(RuleResult{});
  engine.results.back().rule = rule;
  return engine.results.back();
}

// The engine's notes for a manual rule: suppressed by the attestation, or moved from line 1 of
// the first analysed file to the attestations of .iaclint.yaml, where the fix is written.
// Returns whether there were any.
bool AdjustNotes(const Rule& rule, const CheckedAttestation* c, const Location& anchor, bool move,
                 const std::string& fallback_note, EngineOutput& engine) {
  bool noted = false;
  const std::string note = " (" + fallback_note + ")";
  for (Finding& f : engine.findings) {
    if (f.rule_id != rule.id) continue;
    noted = true;
    f.informational = Informational(rule);
    if (c) {
      f.suppressed = true;
      f.justification = AttestedBy(*c);
    } else if (move) {
      f.loc = anchor;
      if (f.message.ends_with(note)) f.message.resize(f.message.size() - note.size());
    }
  }
  return noted;
}

Finding ManualNote(const ActiveRule& a, const Location& anchor, const std::string& suffix) {
  Finding f;
  f.rule_id = a.rule->id;
  f.rule_name = a.rule->name;
  f.control = a.rule->control;
  f.severity = a.severity;
  f.message = (a.rule->message.empty() ? a.rule->summary : a.rule->message) + suffix;
  f.loc = anchor;
  f.identity = a.rule->id + "|account|";
  f.informational = Informational(*a.rule);
  f.manual = true;
  return f;
}

// A manual rule (scope manual): satisfied by an attestation, else a note at `anchor`.
void ApplyManual(const ActiveRule& a, const CheckedAttestation* c, const Location& anchor,
                 const std::string& suffix, const std::string& fallback_note,
                 EngineOutput& engine) {
  const bool move = anchor.known() && suffix.empty();
  const bool noted = AdjustNotes(*a.rule, c, anchor, move, fallback_note, engine);
  RuleResult& r = ResultOf(a.rule, engine);
  if (c) {
    r.verdict = Verdict::kPass;
    r.evidence = EvidenceOf(*c);
    r.evidence_at = {c->a->where};
    r.note = AttestedBy(*c);
    return;
  }
  r.verdict = Verdict::kFail;
  r.detail = a.rule->satisfied_by;
  if (!noted) engine.findings.push_back(ManualNote(a, anchor, suffix));
}

// Findings that only an attestation can settle ("not evidenced" rules) go where the fix is
// written, the attestations of .iaclint.yaml, rather than to line 1 of some analysed file.
void MoveToConfig(const AttestationInputs& in, const Location& anchor, EngineOutput& engine) {
  const std::string note = " (" + in.fallback_note + ")";
  for (Finding& f : engine.findings) {
    const Rule* r = in.rules.Find(f.rule_id);
    if (!r || f.suppressed || !(f.loc == in.fallback_anchor)) continue;
    if (std::find(r->tags.begin(), r->tags.end(), "manual-fallback") == r->tags.end()) continue;
    f.loc = anchor;
    if (f.message.ends_with(note)) f.message.resize(f.message.size() - note.size());
  }
}

}  // namespace

void ApplyAttestations(const AttestationInputs& in, Model& model, EngineOutput& engine) {
  std::vector<Finding> extra;
  std::vector<CheckedAttestation> all = CheckAttestations(in, model, extra);
  CheckContradictions(model, in.rules, engine, all, extra,
                      std::filesystem::path(in.config.path).parent_path().generic_string());
  for (RuleResult& r : engine.results) {
    if (r.rule->scope != "manual") ApplyToResult(r, Covering(all, *r.rule), engine);
  }
  bool fallback = false;
  const Location anchor = NoteAnchor(in, model, &fallback);
  const std::string suffix =
      fallback && !in.fallback_note.empty() ? " (" + in.fallback_note + ")" : "";
  for (const ActiveRule& a : in.active) {
    if (a.rule->scope == "manual") {
      ApplyManual(a, Covering(all, *a.rule), anchor, suffix, in.fallback_note, engine);
    }
  }
  if (!fallback) MoveToConfig(in, anchor, engine);
  std::sort(engine.results.begin(), engine.results.end(),
            [](const RuleResult& x, const RuleResult& y) { return x.rule->id < y.rule->id; });
  for (Finding& f : extra) engine.findings.push_back(std::move(f));
}

}  // namespace iaclint
