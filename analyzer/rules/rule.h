// A rule as read from its file in rulesets/: fixed metadata (the catalog's shape), parameters
// with per-profile defaults, and the declarative logic.
#ifndef IACLINT_RULES_RULE_H_
#define IACLINT_RULES_RULE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/finding.h"
#include "rules/predicate.h"

namespace iaclint {

struct ParamSpec {
  std::string name;
  std::string description;
  Value default_value;
  std::map<std::string, Value> profiles;  ///< profile name -> default in that profile
};

/// One resource-scope check: for each resource of `resources` where `where` holds, `assert`.
struct Check {
  std::vector<std::string> resources;
  bool has_where = false;
  Predicate where;
  Predicate assert;
  std::string message;
};

struct Rule {
  std::string id;
  std::string name;
  Severity severity = Severity::kWarning;
  std::map<std::string, Severity> profile_severity;
  std::string control;  ///< "08"; "" for tool findings
  std::string summary;
  std::string description;
  std::string help_uri;
  std::vector<std::string> tags;
  /// Input types the rule claims (cfn, tfplan, tf, lza, scp); each needs pass and fail fixtures.
  std::vector<std::string> formats;
  /// account: evaluated once over the model; resource: per resource; tool: reported by the
  /// tool itself (parse errors, ...); manual: only an attestation can satisfy it.
  std::string scope;
  std::vector<ParamSpec> params;
  std::vector<std::string> depends_on;
  std::string evidence = "declared";  ///< evidence level of a pass
  std::vector<Check> checks;           ///< resource scope
  Predicate assert;                    ///< account scope
  std::string message;                 ///< account scope (and default for checks)
  std::string satisfied_by;            ///< manual scope: what would satisfy the control
  std::string file;                    ///< the rule file it came from
  Location loc;                        ///< the rule's first line
};

/// A rule id: an upper-case letter, upper-case letters or digits, and four digits (IAC0804).
bool IsRuleId(std::string_view id);
/// A kebab-case rule name: [a-z0-9]+ words joined by single '-'.
bool IsKebabName(std::string_view name);

/// Reads one rule file. The id must match the file name (IAC0804-name.yaml); unknown keys
/// and wrong types are errors with file:line:col.
Result<Rule> ParseRule(const Value& doc, const std::string& file);

/// The default of a parameter in a profile.
Value ParamDefault(const ParamSpec& spec, const std::string& profile);

}  // namespace iaclint

#endif  // IACLINT_RULES_RULE_H_
