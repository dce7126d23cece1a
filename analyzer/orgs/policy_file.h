// Plain policy documents (JSON with Statement and Version), such as the SCP files of
// aws-samples/service-control-policy-examples. A document without Principal could be an SCP
// and becomes an AWS::Organizations::Policy with no targets: it counts as attached only when
// a config that references it (LZA, CfCT) attaches it, in which case the link pass keeps the
// referring declaration instead. Resource policies (with Principal) are recognised but
// declare nothing.
#ifndef IACLINT_ORGS_POLICY_FILE_H_
#define IACLINT_ORGS_POLICY_FILE_H_

#include "input/formats.h"

namespace iaclint {

bool DetectPolicyDocument(const DocumentInput& in, const Value& root);
void ProcessPolicyDocument(const DocumentInput& in, const Value& root, Fragment& out);

}  // namespace iaclint

#endif  // IACLINT_ORGS_POLICY_FILE_H_
