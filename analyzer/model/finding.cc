#include "model/finding.h"

namespace iaclint {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kNote: return "note";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "?";
}

bool ParseSeverity(const std::string& text, Severity* out) {
  if (text == "error") *out = Severity::kError;
  else if (text == "warning") *out = Severity::kWarning;
  else if (text == "note") *out = Severity::kNote;
  else return false;
  return true;
}

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kPass: return "PASS";
    case Verdict::kFail: return "FAIL";
    case Verdict::kUnknown: return "UNKNOWN";
  }
  return "?";
}

}  // namespace iaclint
