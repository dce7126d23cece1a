// Strict checks of the attestations in .iaclint.yaml, run once the rule set is known. Every
// problem here is a configuration error (exit status 2) with file:line:col: an unknown control
// or rule id, an impossible date, a date in the future, an expiry before the date, a bad
// review period. Whether an attestation is still current is decided later (IAC0005).
#ifndef IACLINT_CONFIG_ATTESTATIONS_H_
#define IACLINT_CONFIG_ATTESTATIONS_H_

#include <string>

#include "config/config.h"
#include "rules/ruleset.h"

namespace iaclint {

/// The review period's default, in days (IAC0005's review_days parameter overrides it).
inline constexpr int kDefaultReviewDays = 365;

/// Validates and normalises the attestations: control "5" or "C05" becomes "05".
Result<bool> ValidateAttestations(Config& config, const RuleSet& rules, const std::string& today);

/// The review period in days: rules.IAC0005.params.review_days, else the rule's default.
int ReviewDays(const Config& config, const RuleSet& rules);

/// True for a real calendar date written YYYY-MM-DD.
bool IsCalendarDate(const std::string& iso);

/// The ISO date `days` after `iso` (which must be a calendar date).
std::string AddDays(const std::string& iso, int days);

}  // namespace iaclint

#endif  // IACLINT_CONFIG_ATTESTATIONS_H_
