// Operators for the Organizations controls (01-05, 13): the SCP evaluator, AWS Config rule
// identifiers in any format, and `each` (all, reporting every failing branch). Rows for them
// are in the table in ops.cc.
#ifndef IACLINT_RULES_OPS_ORGS_H_
#define IACLINT_RULES_OPS_ORGS_H_

#include "rules/eval.h"

namespace iaclint {

/// {path: Content, denies_root_actions: true}: the policy document denies every action (or
/// every action but NotAction exceptions) to the root user of member accounts.
Outcome OpDeniesRootActions(const Predicate& p, const Subject& s, EvalContext& ctx);

/// {config_rule_in: [ROOT_ACCOUNT_MFA_ENABLED, ...]}: an AWS::Config::ConfigRule
/// (Source.SourceIdentifier) or AWS::Config::OrganizationConfigRule
/// (OrganizationManagedRuleMetadata.RuleIdentifier) uses one of the managed rules.
Outcome OpConfigRuleIn(const Predicate& p, const Subject& s, EvalContext& ctx);

/// {path: UserName, names_user: root}: the value is the IAM user name given (ignoring case),
/// written literally or through a reference to an AWS::IAM::User that has that UserName.
Outcome OpNamesUser(const Predicate& p, const Subject& s, EvalContext& ctx);

/// {each: [P...]}: every predicate holds; a failure names every failing predicate.
Outcome OpEach(const Predicate& p, const Subject& s, EvalContext& ctx);

}  // namespace iaclint

#endif  // IACLINT_RULES_OPS_ORGS_H_
