// AWS CLI exports attached to attestations as evidence, recognised by their shape and checked
// offline: the user ran the command, iaclint only reads its JSON output.
//   aws iam get-account-summary          SummaryMap.AccountMFAEnabled == 1 (control 01),
//                                        SummaryMap.AccountAccessKeysPresent == 0 (13)
//   aws account get-contact-information  ContactInformation.PhoneNumber starts with + (04)
//   aws account get-alternate-contact    AlternateContact: all three types across files (02)
//   aws iam get-account-password-policy  PasswordPolicy meets IAC1102's thresholds (11)
#ifndef IACLINT_REPORT_EVIDENCE_H_
#define IACLINT_REPORT_EVIDENCE_H_

#include <string>
#include <vector>

#include "model/value.h"

namespace iaclint {

enum class ExportKind {
  kNone,
  kAccountSummary,
  kContactInformation,
  kAlternateContact,
  kPasswordPolicy
};

ExportKind DetectExport(const Value& root);

/// The command that produces an export ("aws iam get-account-summary").
const char* ExportCommand(ExportKind kind);

struct PasswordThresholds {
  double min_length = 12;
  bool uppercase = true, lowercase = true, numbers = true, symbols = true;
};

/// Something an export shows against a control, at the value that shows it.
struct EvidenceProblem {
  std::string message;  ///< "AccountMFAEnabled is 0, not 1: the root user has no MFA"
  Location where;
};

/// What an export shows against a control; empty when it supports the control or does not
/// concern it.
std::vector<EvidenceProblem> CheckExport(ExportKind kind, const Value& root,
                                         const std::string& control,
                                         const PasswordThresholds& thresholds);

/// The type of a get-alternate-contact export (BILLING, OPERATIONS, SECURITY), or "".
std::string AlternateContactType(const Value& root);

}  // namespace iaclint

#endif  // IACLINT_REPORT_EVIDENCE_H_
