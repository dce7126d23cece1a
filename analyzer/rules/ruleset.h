// Everything read from rulesets/: rules, controls, mappings. Loaded at run time, so changing a
// threshold or adding a rule needs no recompilation.
#ifndef IACLINT_RULES_RULESET_H_
#define IACLINT_RULES_RULESET_H_

#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/mappings.h"
#include "rules/rule.h"

namespace iaclint {

/// One of the 13 baseline controls (rulesets/controls.yaml).
struct Control {
  std::string id;     ///< "08"
  std::string title;
  std::string satisfied_by;  ///< for controls no code can declare
  /// Rules with this tag are counted in the scorecard row ("14 of 20 monitoring items
  /// covered") and each explains its verdict in the row's notes; empty: no tally.
  std::string tally_tag;
  std::string tally_label;  ///< "monitoring items covered"
};

struct RuleSet {
  std::vector<Rule> rules;  ///< sorted by id
  std::vector<Control> controls;
  Mappings mappings;
  std::string dir;  ///< the built-in rulesets directory

  const Rule* Find(const std::string& id) const;
  const Control* FindControl(const std::string& id) const;
};

/// Finds the built-in rulesets directory: $IACLINT_RULESETS, then <exe>/../share/iaclint/rulesets,
/// then the source tree this binary was built from.
Result<std::string> FindRulesetsDir();

/// Loads the built-in rulesets directory and any extra rule directories (--ruleset). A rule in
/// a later directory replaces a built-in rule with the same id.
Result<RuleSet> LoadRuleSet(const std::string& dir, const std::vector<std::string>& extra_dirs);

/// LoadRuleSet without the mappings (left empty). Only the input readers need the mappings, so
/// a run loads them first and parses the rule files on another thread while it reads inputs.
Result<RuleSet> LoadRulesAndControls(const std::string& dir,
                                     const std::vector<std::string>& extra_dirs);

/// Loads the rule files of one directory (recursively, files named ID-name.yaml).
Result<std::vector<Rule>> LoadRuleFiles(const std::string& dir);

/// "path:line:col: message" for an error in a data file.
std::string FormatFileError(const std::string& path, const Error& e);

}  // namespace iaclint

#endif  // IACLINT_RULES_RULESET_H_
