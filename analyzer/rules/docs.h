// Rule documentation generated from rule metadata: `iaclint explain`, SARIF help, and
// rulesets/README.md all come from here, so they cannot drift apart.
#ifndef IACLINT_RULES_DOCS_H_
#define IACLINT_RULES_DOCS_H_

#include <string>

#include "rules/ruleset.h"

namespace iaclint {

/// Plain-text help: summary, description, parameters (per profile), help link.
std::string RuleHelpText(const Rule& rule);
/// The same as Markdown.
std::string RuleHelpMarkdown(const Rule& rule);
/// The whole rule catalog as Markdown (rulesets/README.md).
std::string RulesCatalogMarkdown(const RuleSet& set);

}  // namespace iaclint

#endif  // IACLINT_RULES_DOCS_H_
