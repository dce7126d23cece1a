#include "config/attestations.h"

#include <chrono>
#include <regex>

#include "model/tool_findings.h"

namespace iaclint {

namespace {

namespace chr = std::chrono;

Error At(const Location& loc, std::string message) { return Error{std::move(message), loc}; }

chr::year_month_day Parse(const std::string& iso) {
  return chr::year_month_day{chr::year{std::stoi(iso.substr(0, 4))},
                             chr::month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))},
                             chr::day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}};
}

// "05", "5", "C05", "c5" -> "05"; a rule id stays as written; "" when it is neither.
std::string NormaliseControl(const std::string& text) {
  static const std::regex control("[Cc]?0?([1-9]|1[0-3])");
  std::smatch m;
  if (std::regex_match(text, m, control)) {
    const std::string n = m[1].str();
    return n.size() == 1 ? "0" + n : n;
  }
  return "";
}

Result<bool> CheckControl(Attestation& a, const RuleSet& rules) {
  const std::string control = NormaliseControl(a.control);
  if (!control.empty() && rules.FindControl(control)) {
    a.control = control;
    return true;
  }
  const Rule* rule = rules.Find(a.control);
  if (rule && !rule->control.empty()) return true;
  if (rule) {
    return At(a.control_at, "'" + a.control +
                                "' is one of iaclint's own findings, not a baseline "
                                "rule; attest a control (01-13) or a rule of one");
  }
  return At(a.control_at, "unknown control '" + a.control +
                              "' (expected a control 01-13 or a rule id such as IAC0501)");
}

Result<bool> CheckDates(const Attestation& a, const std::string& today) {
  if (!IsCalendarDate(a.date)) return At(a.date_at, "date " + a.date + " is not a calendar date");
  if (a.date > today) {
    return At(a.date_at, "date " + a.date + " is in the future (today is " + today +
                             "); an attestation records a check already made");
  }
  if (a.expires.empty()) return true;
  if (!IsCalendarDate(a.expires)) {
    return At(a.expires_at, "expires " + a.expires + " is not a calendar date");
  }
  if (a.expires < a.date) {
    return At(a.expires_at, "expires " + a.expires + " is before the date " + a.date);
  }
  return true;
}

Result<bool> CheckAccount(const Attestation& a) {
  static const std::regex digits("[0-9]+");
  if (std::regex_match(a.account, digits) && a.account.size() != 12) {
    return At(a.account_at, "account '" + a.account + "' is not a 12-digit AWS account id");
  }
  if (a.account.empty()) return At(a.account_at, "account must not be empty (use \"*\" for all)");
  return true;
}

Result<bool> CheckReviewDays(const Config& config) {
  auto it = config.rules.find(kAttestationInvalid);
  if (it == config.rules.end()) return true;
  for (const auto& [name, value] : it->second.params) {
    if (name != "review_days") {
      return At(value.loc(), "rule IAC0005 has no parameter '" + name + "' (expected review_days)");
    }
    const auto n = value.AsNumber();
    if (!value.is(Value::Kind::kNumber) || !n || *n < 1 || *n != static_cast<int>(*n)) {
      return At(value.loc(), "review_days must be a whole number of days, at least 1");
    }
  }
  return true;
}

}  // namespace

bool IsCalendarDate(const std::string& iso) {
  static const std::regex re("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  return std::regex_match(iso, re) && Parse(iso).ok();
}

std::string AddDays(const std::string& iso, int days) {
  const chr::sys_days d = chr::sys_days{Parse(iso)} + chr::days{days};
  const chr::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

Result<bool> ValidateAttestations(Config& config, const RuleSet& rules, const std::string& today) {
  auto review = CheckReviewDays(config);
  if (!review.ok()) return review.error();
  for (Attestation& a : config.attestations) {
    for (auto check : {CheckControl(a, rules), CheckDates(a, today), CheckAccount(a)}) {
      if (!check.ok()) return check.error();
    }
  }
  return true;
}

int ReviewDays(const Config& config, const RuleSet& rules) {
  auto it = config.rules.find(kAttestationInvalid);
  if (it != config.rules.end()) {
    auto p = it->second.params.find("review_days");
    if (p != it->second.params.end())
      return static_cast<int>(p->second.AsNumber().value_or(kDefaultReviewDays));
  }
  if (const Rule* r = rules.Find(kAttestationInvalid)) {
    for (const ParamSpec& p : r->params) {
      if (p.name == "review_days")
        return static_cast<int>(p.default_value.AsNumber().value_or(kDefaultReviewDays));
    }
  }
  return kDefaultReviewDays;
}

}  // namespace iaclint
