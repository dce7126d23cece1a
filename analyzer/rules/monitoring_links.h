// Value-level helpers of the control 09 chain (monitoring_chain.h): reading three-valued
// booleans, texts, log group references and metric ids out of resource properties, and
// comparing them.
#ifndef IACLINT_RULES_MONITORING_LINKS_H_
#define IACLINT_RULES_MONITORING_LINKS_H_

#include <string>

#include "rules/monitoring_chain.h"

namespace iaclint {

inline constexpr const char* kLogGroupType = "AWS::Logs::LogGroup";

/// "'Id'": how messages name a resource.
std::string Quoted(const std::string& text);

/// Whether a resource exists: Yes, or Unknown for a CloudFormation condition. `what` names it
/// in the reason ("filter 'Root'").
Link ExistsLink(const Resource& r, const std::string& what);

/// A boolean property: kYes when it equals `want`; `no_reason` when it does not; the value's
/// own reason when it cannot be known. `absent` is the state of an unset property.
Link BoolLink(const Value* v, bool want, Tri absent, const std::string& what,
              const std::string& no_reason);

/// The text of a scalar property, or the link saying why there is none.
struct ScalarText {
  std::string text;
  Link link;
  bool symbolic = false;  ///< built from ${AWS::...} pseudo-parameters or resource references
};
ScalarText TextOf(const Value* v, const std::string& what);

/// A log group named by a LogGroupName (a name) or a CloudWatchLogsLogGroupArn (an ARN).
LogGroupRef ResolveLogGroup(const Value* v, const std::string& what, const EvalContext& ctx);
Tri SameLogGroup(const LogGroupRef& a, const LogGroupRef& b);

/// The name a log group reference stands for: kNo for a declared group without LogGroupName
/// (its generated name is unknowable), kUnknown when the name cannot be known offline.
Tri LogGroupName(const LogGroupRef& g, std::string* name);

/// A metric from a name and a namespace property of resource `r`; `owner` names the resource
/// in reasons ("its" for the filter a reason is about, else "alarm 'A'").
MetricId MetricOf(const Value* name, const Value* ns, const Resource& r, const std::string& owner);
Tri SameMetric(const MetricId& a, const MetricId& b);

}  // namespace iaclint

#endif  // IACLINT_RULES_MONITORING_LINKS_H_
