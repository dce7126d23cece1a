#include "report/evidence.h"

#include <regex>

namespace iaclint {

namespace {

std::string Shown(const Value* v) { return v ? v->Render(60) : "missing"; }

// The value's place, or its parent's when the field is missing.
EvidenceProblem Problem(std::string message, const Value* v, const Value& parent) {
  return EvidenceProblem{std::move(message), v ? v->loc() : parent.loc()};
}

std::vector<EvidenceProblem> AccountSummary(const Value& root, const std::string& control) {
  const Value* map = root.Find("SummaryMap");
  std::vector<EvidenceProblem> out;
  if (control == "01") {
    const Value* mfa = map->Find("AccountMFAEnabled");
    if (!mfa || mfa->AsNumber().value_or(0) != 1) {
      out.push_back(Problem(
          "AccountMFAEnabled is " + Shown(mfa) + ", not 1: the root user has no MFA", mfa, *map));
    }
  }
  if (control == "13") {
    const Value* keys = map->Find("AccountAccessKeysPresent");
    if (!keys || keys->AsNumber().value_or(1) != 0) {
      out.push_back(Problem(
          "AccountAccessKeysPresent is " + Shown(keys) + ", not 0: the root user has access keys",
          keys, *map));
    }
  }
  return out;
}

std::vector<EvidenceProblem> ContactInformation(const Value& root, const std::string& control) {
  if (control != "04") return {};
  const Value& info = *root.Find("ContactInformation");
  const Value* phone = info.Find("PhoneNumber");
  const std::string text = phone ? phone->AsText().value_or("") : "";
  if (text.empty() || text[0] != '+') {
    return {
        Problem("PhoneNumber is " + Shown(phone) + ", without the international prefix (+81 ...)",
                phone, info)};
  }
  return {};
}

std::vector<EvidenceProblem> AlternateContact(const Value& root, const std::string& control) {
  if (control != "02") return {};
  static const std::regex email("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");
  const Value* c = root.Find("AlternateContact");
  std::vector<EvidenceProblem> out;
  const Value* address = c->Find("EmailAddress");
  if (!address || !std::regex_match(address->AsText().value_or(""), email)) {
    out.push_back(Problem(
        "the " + AlternateContactType(root) + " contact's EmailAddress is " + Shown(address),
        address, *c));
  }
  return out;
}

std::vector<EvidenceProblem> PasswordPolicy(const Value& root, const std::string& control,
                                            const PasswordThresholds& t) {
  if (control != "11") return {};
  const Value* p = root.Find("PasswordPolicy");
  std::vector<EvidenceProblem> out;
  const Value* length = p->Find("MinimumPasswordLength");
  if (!length || length->AsNumber().value_or(0) < t.min_length) {
    out.push_back(Problem("MinimumPasswordLength is " + Shown(length) + ", below " +
                              std::to_string(static_cast<int>(t.min_length)),
                          length, *p));
  }
  const std::pair<const char*, bool> classes[] = {{"RequireUppercaseCharacters", t.uppercase},
                                                  {"RequireLowercaseCharacters", t.lowercase},
                                                  {"RequireNumbers", t.numbers},
                                                  {"RequireSymbols", t.symbols}};
  for (const auto& [key, wanted] : classes) {
    const Value* v = p->Find(key);
    if (wanted && !(v && v->AsBool().value_or(false))) {
      out.push_back(Problem(std::string(key) + " is " + Shown(v) + ", not true", v, *p));
    }
  }
  return out;
}

}  // namespace

ExportKind DetectExport(const Value& root) {
  if (!root.is(Value::Kind::kMap)) return ExportKind::kNone;
  auto map = [&](const char* key) {
    const Value* v = root.Find(key);
    return v && v->is(Value::Kind::kMap);
  };
  if (map("SummaryMap")) return ExportKind::kAccountSummary;
  if (map("ContactInformation")) return ExportKind::kContactInformation;
  if (map("AlternateContact")) return ExportKind::kAlternateContact;
  if (map("PasswordPolicy")) return ExportKind::kPasswordPolicy;
  return ExportKind::kNone;
}

const char* ExportCommand(ExportKind kind) {
  switch (kind) {
    case ExportKind::kAccountSummary:
      return "aws iam get-account-summary";
    case ExportKind::kContactInformation:
      return "aws account get-contact-information";
    case ExportKind::kAlternateContact:
      return "aws account get-alternate-contact";
    case ExportKind::kPasswordPolicy:
      return "aws iam get-account-password-policy";
    case ExportKind::kNone:
      break;
  }
  return "";
}

std::vector<EvidenceProblem> CheckExport(ExportKind kind, const Value& root,
                                         const std::string& control,
                                         const PasswordThresholds& thresholds) {
  switch (kind) {
    case ExportKind::kAccountSummary:
      return AccountSummary(root, control);
    case ExportKind::kContactInformation:
      return ContactInformation(root, control);
    case ExportKind::kAlternateContact:
      return AlternateContact(root, control);
    case ExportKind::kPasswordPolicy:
      return PasswordPolicy(root, control, thresholds);
    case ExportKind::kNone:
      break;
  }
  return {};
}

std::string AlternateContactType(const Value& root) {
  const Value* c = root.Find("AlternateContact");
  const Value* type = c ? c->Find("AlternateContactType") : nullptr;
  return type ? type->AsText().value_or("") : "";
}

}  // namespace iaclint
