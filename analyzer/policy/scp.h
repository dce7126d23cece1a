// The one SCP evaluator behind every place a service control policy appears (plain JSON
// files, CloudFormation AWS::Organizations::Policy, Terraform aws_organizations_policy, LZA
// serviceControlPolicies, CfCT manifests): does a policy deny actions to the root user?
//
// A statement counts when its Effect is Deny, it has no Principal (SCPs never do), it covers
// every resource, and every condition holds for a request by the root user of a member
// account (aws:PrincipalArn = arn:aws:iam::<account>:root; aws:AssumedRoot absent). The
// Deny must cover every action ("*"), or every action but the NotAction exceptions.
// SCPs never bind the management account; callers say so.
#ifndef IACLINT_POLICY_SCP_H_
#define IACLINT_POLICY_SCP_H_

#include <string>
#include <vector>

#include "model/finding.h"
#include "model/value.h"

namespace iaclint {

struct RootDenial {
  Verdict verdict = Verdict::kFail;  ///< PASS: the policy denies the root user's actions
  /// FAIL/UNKNOWN: why not. PASS: what is left ("except s3:PutBucketPolicy") or "".
  std::string reason;
  Location where;                       ///< the statement that decided, or the document
  std::vector<std::string> exceptions;  ///< actions a NotAction deny leaves allowed
};

/// Evaluates a policy document (a map, or a JSON string holding one).
RootDenial EvaluateRootDenial(const Value& document);

/// A policy document: a map with Statement and Version.
bool LooksLikePolicyDocument(const Value& root);

/// The statements of a policy document: the map or the list under `Statement` (the key matched
/// whatever its case), in order; empty when there is none.
std::vector<const Value*> PolicyStatements(const Value& document);

/// True when a statement names a Principal/NotPrincipal: a resource policy (bucket, key,
/// RCP), which can never be an SCP.
bool HasPrincipalElement(const Value& document);

}  // namespace iaclint

#endif  // IACLINT_POLICY_SCP_H_
