// Evaluates one condition of a policy statement for a request made by the root user of a
// member account (the context IAM builds when root signs in with its own credentials).
#ifndef IACLINT_POLICY_CONDITIONS_H_
#define IACLINT_POLICY_CONDITIONS_H_

#include <string>

#include "model/value.h"

namespace iaclint {

struct ConditionTruth {
  enum State {
    kTrue,     ///< holds for every root user request
    kFalse,    ///< never holds for a root user request
    kUnknown,  ///< depends on a value known only at deployment
    kNarrow,   ///< depends on something else about the request (region, tag, time, ...)
  } state = kTrue;
  /// For kNarrow/kUnknown: what it depends on. For kTrue: a restriction worth telling
  /// ("only for the root users of the accounts it names"), or "".
  std::string note;
};

/// One `Operator: {key: values}` pair, e.g. ("ArnLike", "aws:PrincipalArn", [...]).
/// Operator names and keys are matched without regard to case, as IAM does for keys;
/// ForAnyValue:/ForAllValues: prefixes and the IfExists suffix are understood.
ConditionTruth EvaluateForRoot(const std::string& op, const std::string& key, const Value& values);

}  // namespace iaclint

#endif  // IACLINT_POLICY_CONDITIONS_H_
