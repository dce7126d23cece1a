// Rule documentation generated from rule metadata: `iaclint explain`, SARIF help, and
// rulesets/README.md all come from here, so they cannot drift apart.
#ifndef IACLINT_RULES_DOCS_H_
#define IACLINT_RULES_DOCS_H_

#include <string>

#include "rules/ruleset.h"

namespace iaclint {

/// Plain-text help: summary, description, control, scope, inputs, parameters (per profile),
/// how to configure and suppress it, help link. `set` (optional) names the control.
std::string RuleHelpText(const Rule& rule, const RuleSet* set = nullptr);
/// The same as Markdown (SARIF help.markdown).
std::string RuleHelpMarkdown(const Rule& rule, const RuleSet* set = nullptr);
/// The whole rule catalog as Markdown (rulesets/README.md).
std::string RulesCatalogMarkdown(const RuleSet& set);

}  // namespace iaclint

#endif  // IACLINT_RULES_DOCS_H_
