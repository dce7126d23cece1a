// Decides one monitoring item of control 09 (IAC0901-IAC0920) over the alarm chain: which
// declared filters and EventBridge rules catch the item's CloudTrail events, and, when the
// item is not covered, whether the events are missed or a link of the chain is broken.
#ifndef IACLINT_RULES_MONITORING_COVERAGE_H_
#define IACLINT_RULES_MONITORING_COVERAGE_H_

#include <memory>
#include <string>
#include <vector>

#include "model/finding.h"
#include "pattern/monitoring_item.h"
#include "rules/monitoring_chain.h"

namespace iaclint {

struct ItemDecision {
  Verdict verdict = Verdict::kFail;
  /// PASS: "covers root user activity with filter 'Root'; alarm 'RootAlarm' notifies ...".
  /// FAIL: which events no filter catches, or which link is broken. UNKNOWN: what cannot be
  /// known offline.
  std::string reason;
  std::string category;  ///< UNKNOWN: what kind of value was missing
  Location where;        ///< where to report it (unknown: the account-wide anchor)
  const Resource* resource = nullptr;
  std::vector<const Resource*> witnesses;  ///< PASS: the filters and rules that cover it
};

/// The declared metric filters as coverage candidates: the same for every item, so made once
/// per run (a plan of many accounts declares thousands).
struct FilterCandidates;
std::shared_ptr<const FilterCandidates> MakeFilterCandidates(const MonitoringChain& chain);

/// `filters`: MakeFilterCandidates(chain), or nullptr to make them now.
ItemDecision DecideItem(const MonitoringItem& item, const MonitoringChain& chain,
                        std::shared_ptr<const FilterCandidates> filters = nullptr);

/// A CloudTrail record as EventBridge delivers it: {"version", "id", "detail-type" ("AWS API
/// Call via CloudTrail", "AWS Console Sign In via CloudTrail", ...), "source" ("aws.ec2" for
/// ec2.amazonaws.com), "account", "time", "region", "resources": [], "detail": record}.
Value EventBridgeEnvelope(const Value& record);

}  // namespace iaclint

#endif  // IACLINT_RULES_MONITORING_COVERAGE_H_
