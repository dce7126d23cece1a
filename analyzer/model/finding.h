// What the rule engine reports and the emitters print.
#ifndef IACLINT_MODEL_FINDING_H_
#define IACLINT_MODEL_FINDING_H_

#include <string>
#include <vector>

#include "base/location.h"

namespace iaclint {

enum class Severity { kNote = 0, kWarning = 1, kError = 2 };

const char* SeverityName(Severity s);
/// Parses "error", "warning", "note"; false on anything else.
bool ParseSeverity(const std::string& text, Severity* out);

/// PASS, FAIL or UNKNOWN: every rule result is three-valued.
enum class Verdict { kPass, kFail, kUnknown };

const char* VerdictName(Verdict v);

struct Finding {
  std::string rule_id;
  std::string rule_name;
  Severity severity = Severity::kWarning;
  std::string message;
  Location loc;
  std::string resource;  ///< logical id / address, or "" for account-scope findings
  std::string resource_key;  ///< the resource's model key (not printed), for suppressions
  std::string control;   ///< "08", or "" for tool findings
  /// Line-free identity (rule + scope + resource + property path) behind the fingerprint.
  std::string identity;
  std::string fingerprint;  ///< filled in by the report stage
  bool unknown = false;     ///< an UNKNOWN result reported as a note
  bool manual = false;      ///< a control only an attestation can satisfy (MANUAL), a note
  bool suppressed = false;
  std::string justification;  ///< suppression reason, when suppressed
  std::vector<Location> related;
};

}  // namespace iaclint

#endif  // IACLINT_MODEL_FINDING_H_
