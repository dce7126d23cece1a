// .iaclint.yaml: profile, per-rule settings, excludes, fail_on and attestations. Validated
// strictly: an unknown key or a wrong type is an error with file:line:col (exit status 2).
#ifndef IACLINT_CONFIG_CONFIG_H_
#define IACLINT_CONFIG_CONFIG_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/finding.h"
#include "model/value.h"

namespace iaclint {

struct RuleConfig {
  std::optional<bool> enabled;
  std::optional<Severity> severity;
  std::map<std::string, Value> params;  ///< each value keeps its location
  Location where;  ///< the rule's entry in the file
  Location enabled_at, severity_at;
};

struct Attestation {
  std::string control;  ///< "05" or a rule id
  std::string account = "*";
  std::string status;   ///< done | not-applicable | risk-accepted
  std::string date;     ///< ISO date
  std::string by;
  std::vector<std::string> evidence;
  std::string expires;
  std::string note;
  Location where;
};

struct Config {
  std::string path;  ///< "" when no file was found
  std::string text;
  std::optional<std::string> profile;
  Location profile_at;
  std::map<std::string, RuleConfig> rules;
  std::vector<std::string> exclude;
  std::optional<std::string> fail_on;
  Location fail_on_at;
  std::optional<std::string> unknown;
  Location unknown_at;
  std::vector<Attestation> attestations;
  std::vector<std::string> rulesets;  ///< extra rule directories (relative to the file)
  std::optional<bool> inline_suppressions;
  Location inline_suppressions_at;
  Location exclude_at, rulesets_at;  ///< known when the file sets them
  /// limits: {max_file_size: 64M, max_depth: 100, ...} (names in parse/limits.h LimitSpecs).
  std::map<std::string, size_t> limits;
};

/// Parses a configuration text. `file` is the FileId used in locations of values.
Result<Config> ParseConfig(std::string_view text, const std::string& path, FileId file);

/// Finds .iaclint.yaml (or .iaclint.yml) walking up from `start`; "" when there is none.
std::string FindConfigFile(const std::string& start);

}  // namespace iaclint

#endif  // IACLINT_CONFIG_CONFIG_H_
