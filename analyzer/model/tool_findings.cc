#include "model/tool_findings.h"

#include <map>

namespace iaclint {

namespace {

struct ToolRule {
  const char* name;
  Severity severity;
};

const std::map<std::string, ToolRule>& ToolRules() {
  static const std::map<std::string, ToolRule> rules = {
      {kParseError, {"parse-error", Severity::kError}},
      {kUnsupportedInput, {"unsupported-input", Severity::kNote}},
      {kSuppressionWithoutReason, {"suppression-without-reason", Severity::kWarning}},
      {kSuppressionExpired, {"suppression-expired", Severity::kWarning}},
      {kAttestationInvalid, {"attestation-invalid-or-stale", Severity::kWarning}},
      {kUnresolvedReference, {"unresolved-reference", Severity::kNote}},
  };
  return rules;
}

}  // namespace

Finding ToolFinding(const std::string& rule_id, std::string message, const Location& where,
                    std::string resource) {
  Finding f;
  f.rule_id = rule_id;
  auto it = ToolRules().find(rule_id);
  if (it != ToolRules().end()) {
    f.rule_name = it->second.name;
    f.severity = it->second.severity;
  }
  f.message = std::move(message);
  f.loc = where;
  f.resource = std::move(resource);
  f.identity = rule_id + "|" + f.resource + "|" + f.message;
  return f;
}

}  // namespace iaclint
