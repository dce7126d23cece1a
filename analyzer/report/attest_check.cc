// Whether each attestation can be used: current, and backed by the evidence it names.
#include <filesystem>
#include <set>

#include "base/files.h"
#include "base/text.h"
#include "config/attestations.h"
#include "input/confine.h"
#include "input/walk.h"
#include "model/tool_findings.h"
#include "parse/json_reader.h"
#include "report/attest_internal.h"
#include "report/evidence.h"

namespace iaclint {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxEvidenceBytes = 16u << 20;

std::string What(const CheckedAttestation& c) {
  const Attestation& a = *c.a;
  return "the attestation of " + (a.control == c.control ? "control " + c.control : a.control) +
         " by " + a.by + " dated " + a.date;
}

void Invalid(CheckedAttestation& c, std::string message, const Location& where,
             std::vector<Finding>& findings) {
  c.usable = false;
  Finding f =
      ToolFinding(kAttestationInvalid, std::move(message), where.known() ? where : c.a->where);
  f.control = c.control;
  f.identity =
      std::string(kAttestationInvalid) + "|" + c.a->control + "|" + c.a->date + "|" + f.message;
  findings.push_back(std::move(f));
}

void CheckCurrency(const AttestationInputs& in, CheckedAttestation& c, std::vector<Finding>& out) {
  const Attestation& a = *c.a;
  if (!a.expires.empty() && a.expires < in.today) {
    Invalid(c, What(c) + " expired on " + a.expires + "; renew it", a.expires_at, out);
    return;
  }
  const std::string due = AddDays(a.date, in.review_days);
  if (due < in.today) {
    Invalid(c,
            What(c) + " is older than the review period of " + std::to_string(in.review_days) +
                " days (due " + due + "); check the control again and renew it",
            a.date_at, out);
  }
}

struct EvidenceFile {
  FileId file = kNoFile;
  Value root;
  bool json = false;
};

// Reads one evidence file next to the configuration; nullopt (and IAC0005) when it cannot be.
std::optional<EvidenceFile> ReadEvidence(const AttestationInputs& in, const EvidenceRef& ref,
                                         CheckedAttestation& c, Model& model,
                                         std::vector<Finding>& out) {
  // Evidence stays inside the configuration's directory, resolved like every path read from
  // an input (input/confine.h): an escape is refused and the file is never opened.
  const fs::path dir = fs::path(in.config.path).parent_path();
  auto target =
      ResolveConfined(ref.file, in.config.path, dir.empty() ? std::string(".") : dir.string());
  if (!target.ok()) {
    Invalid(c,
            "evidence file '" + QuoteReference(ref.file) + "' " + target.error().message +
                " (the directory of the configuration); it is not read",
            ref.where, out);
    return std::nullopt;
  }
  auto text = ReadFileBounded(target->disk_path, kMaxEvidenceBytes);
  if (!text.ok()) {
    Invalid(c,
            "evidence file '" + QuoteReference(ref.file) + "' of " + What(c) + ": " +
                text.error().message,
            ref.where, out);
    return std::nullopt;
  }
  EvidenceFile e;
  const std::string& shown = target->display;
  e.file = model.FindFile(shown, target->disk_path);
  if (e.file == kNoFile) {
    e.file = model.AddFile(
        SourceFile{shown, target->disk_path, "evidence", std::string(StripUtf8Bom(*text))});
  } else if (model.file(e.file).type.empty()) {
    model.file(e.file).type = "evidence";  // the walk saw it, no input format claimed it
  }
  const std::string_view body = model.file(e.file).text;
  const size_t first = body.find_first_not_of(" \t\r\n");
  e.json = fs::path(shown).extension() == ".json" ||
           (first != std::string_view::npos && body[first] == '{');
  if (!e.json) return e;
  auto doc = ParseJson(body, e.file);
  if (!doc.ok()) {
    Location where = doc.error().where;
    where.file = e.file;
    Invalid(c, "evidence file '" + ref.file + "' is not valid JSON: " + doc.error().message, where,
            out);
    return std::nullopt;
  }
  e.root = std::move(doc->root);
  return e;
}

PasswordThresholds Thresholds(const AttestationInputs& in) {
  PasswordThresholds t;
  for (const ActiveRule& a : in.active) {
    if (a.rule->id != "IAC1102") continue;
    auto num = [&](const char* k, double d) {
      auto it = a.params.find(k);
      return it == a.params.end() ? d : it->second.AsNumber().value_or(d);
    };
    auto flag = [&](const char* k) {
      auto it = a.params.find(k);
      return it == a.params.end() || it->second.AsBool().value_or(true);
    };
    t.min_length = num("min_length", t.min_length);
    t.uppercase = flag("require_uppercase");
    t.lowercase = flag("require_lowercase");
    t.numbers = flag("require_numbers");
    t.symbols = flag("require_symbols");
  }
  return t;
}

void CheckEvidence(const AttestationInputs& in, CheckedAttestation& c, Model& model,
                   std::vector<Finding>& out) {
  std::set<std::string> contact_types;
  bool any_contact_export = false;
  for (const EvidenceRef& ref : c.a->evidence_refs) {
    if (ref.file.empty()) continue;
    auto e = ReadEvidence(in, ref, c, model, out);
    if (!e || !e->json) continue;
    const ExportKind kind = DetectExport(e->root);
    for (const EvidenceProblem& p : CheckExport(kind, e->root, c.control, Thresholds(in))) {
      Invalid(c,
              std::string(ExportCommand(kind)) + " output '" + ref.file + "' shows " + p.message +
                  "; " + What(c) + " does not hold",
              p.where, out);
    }
    if (kind == ExportKind::kAlternateContact) {
      any_contact_export = true;
      contact_types.insert(AlternateContactType(e->root));
    }
  }
  if (c.control != "02" || !any_contact_export) return;
  std::string missing;
  for (const char* type : {"BILLING", "OPERATIONS", "SECURITY"}) {
    if (!contact_types.count(type)) missing += (missing.empty() ? "" : ", ") + std::string(type);
  }
  if (!missing.empty()) {
    Invalid(c, "the aws account get-alternate-contact outputs of " + What(c) + " lack " + missing,
            c.a->where, out);
  }
}

}  // namespace

std::string PlaceIn(const Model& model, const Location& loc) {
  if (loc.file == kNoFile || loc.file >= model.files().size()) return "";
  return model.file(loc.file).path + ":" + std::to_string(loc.line) + ":" +
         std::to_string(loc.column);
}

std::vector<CheckedAttestation> CheckAttestations(const AttestationInputs& in, Model& model,
                                                  std::vector<Finding>& findings) {
  std::vector<CheckedAttestation> out;
  for (const Attestation& a : in.config.attestations) {
    CheckedAttestation c;
    c.a = &a;
    const Rule* rule = in.rules.Find(a.control);
    c.control = rule ? rule->control : a.control;
    c.place = PlaceIn(model, a.where);
    CheckCurrency(in, c, findings);
    if (c.usable) CheckEvidence(in, c, model, findings);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace iaclint
