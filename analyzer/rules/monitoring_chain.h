// The alarm chain of control 09, resolved once per run over the whole model.
//
// A metric filter watches CloudTrail for someone only when every link holds:
//   a trail that is logging, multi-region and has a CloudWatch Logs role (without it CloudTrail
//   cannot write) -> the log group it delivers to (CloudWatchLogsLogGroupArn) -> an
//   AWS::Logs::MetricFilter on that log group
//   (LogGroupName) -> the filter's metric (MetricTransformations[].MetricName +
//   MetricNamespace) -> an AWS::CloudWatch::Alarm on that metric (MetricName + Namespace, or
//   Metrics[].MetricStat.Metric) -> an alarm action (AlarmActions not empty, ActionsEnabled
//   not false; or a composite alarm with an action that names the alarm in its AlarmRule).
// Whether the action's SNS topic has a subscription is noted, not required (a topic may be
// subscribed outside the analysed code). An enabled AWS::Events::Rule on the default event
// bus with a target is the alternative to a filter (AWS's Japanese baseline sample, BLEA).
//
// Links are resolved as the ref operator resolves them (Ref, GetAtt, Sub, literal names and
// ARNs through rulesets/mappings/types.yaml). Every link is three-valued: a value that cannot
// be known offline (a parameter without default, a condition) makes the link UNKNOWN, never
// broken.
#ifndef IACLINT_RULES_MONITORING_CHAIN_H_
#define IACLINT_RULES_MONITORING_CHAIN_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/model.h"
#include "pattern/filter_pattern.h"
#include "rules/eval.h"

namespace iaclint {

enum class Tri : uint8_t { kNo, kYes, kUnknown };

/// One link of the chain. `reason` says in words why it does not hold (kNo) or why it cannot
/// be known offline (kUnknown); it reads after "but" ("no alarm watches metric CIS/Root").
struct Link {
  Tri state = Tri::kYes;
  std::string reason;
  Location where;        ///< the value that decides it, when there is one
  std::string category;  ///< kUnknown: what kind of value was missing (parameter, ...)

  static Link Yes() { return Link{}; }
  static Link No(std::string reason, Location where = {});
  static Link Unknown(std::string reason, std::string category, Location where = {});
};

/// The first link that does not hold: kNo before kUnknown, else kYes.
Link Both(const Link& a, const Link& b);

/// A metric as a filter publishes it or an alarm watches it.
struct MetricId {
  std::string ns, name;
  Link known;             ///< kUnknown when the name or namespace cannot be known offline
  bool symbolic = false;  ///< contains ${AWS::StackName} or similar: only equal in one scope
  std::string scope;
  Location where;

  std::string Shown() const { return ns + "/" + name; }
};

/// A log group as a property names it: a declared resource and/or a literal name.
struct LogGroupRef {
  const Resource* resource = nullptr;
  std::string name;  ///< literal name (also the name of `resource` when it has one)
  Link link;         ///< kNo: not set; kUnknown: cannot be known offline
  std::string Shown() const;
};

struct TrailInfo {
  const Resource* trail = nullptr;
  Link exists, logging, multi_region;
  /// CloudWatchLogsRoleArn is set: without the role CloudTrail cannot write to the log group.
  Link role;
  bool delivers = false;  ///< CloudWatchLogsLogGroupArn is set
  LogGroupRef log_group;
};

struct AlarmInfo {
  const Resource* alarm = nullptr;
  Link exists;
  std::vector<MetricId> metrics;
  Link action;           ///< someone is told when it fires
  std::string notifies;  ///< "topic 'Alerts' with 1 subscription", for explanations
};

struct FilterInfo {
  enum class PatternState : uint8_t { kParsed, kInvalid, kUnknown, kAbsent };
  const Resource* filter = nullptr;
  Link exists;
  PatternState pattern_state = PatternState::kAbsent;
  std::shared_ptr<const FilterPattern> pattern;  ///< kParsed: the parsed pattern
  Link pattern_link;  ///< kUnknown: why the pattern cannot be known; kNo: the parse error
  LogGroupRef log_group;
  Link on_any_trail;  ///< on the log group of some declared trail (IAC0931, IAC0932)
  Link on_trail;      ///< on the log group of a logging, multi-region trail (the items)
  std::vector<MetricId> metrics;
  Link watched;  ///< some alarm watches one of its metrics (IAC0932)
  Link alarmed;  ///< some alarm with an action watches one of its metrics
  /// The alarms that watch its metrics (shared by the filters that publish the same ones).
  std::shared_ptr<const std::vector<const AlarmInfo*>> alarms;
  Link chain;       ///< exists, on_trail and alarmed
  std::string via;  ///< "alarm 'A' notifies topic 'T' with 1 subscription"
};

/// The first filters (indexes into MonitoringChain::filters) whose metrics an alarm watches.
struct AlarmWatchers {
  static constexpr size_t kNone = static_cast<size_t>(-1);
  size_t first = kNone;
  size_t first_on_trail = kNone;        ///< on_any_trail is kYes
  size_t first_maybe_on_trail = kNone;  ///< on_any_trail is kUnknown
};

struct EventRuleInfo {
  const Resource* rule = nullptr;
  Link chain;                      ///< exists, enabled, on the default bus, has a target
  const Value* pattern = nullptr;  ///< EventPattern (a map once resolved), or nullptr
  std::string via;                 ///< "targets 'AlarmTopic'"
};

struct MonitoringChain {
  std::vector<TrailInfo> trails;
  std::vector<AlarmInfo> alarms;
  std::vector<FilterInfo> filters;
  std::vector<EventRuleInfo> rules;
  std::vector<AlarmWatchers> watchers;  ///< one per alarm, in the same order

  /// Where each resource's entry is in `filters` and `alarms` (rules ask once per resource).
  std::unordered_map<const Resource*, size_t> filter_index, alarm_index;

  const FilterInfo* FilterOf(const Resource* r) const;
  const AlarmInfo* AlarmOf(const Resource* r) const;
  /// The trail the items are about: the first that delivers to CloudWatch Logs, preferring
  /// one that is logging, multi-region and has its role; nullptr when none delivers.
  const TrailInfo* MainTrail() const;
};

MonitoringChain BuildMonitoringChain(const EvalContext& ctx);

/// The chain of this run: built on first use and kept in ctx.memo (built afresh when the
/// context has no memo).
std::shared_ptr<const MonitoringChain> ChainOf(EvalContext& ctx);

/// Whether a value is true/false as CloudFormation reads it; `absent` when it is not set.
/// Choice values are kYes/kNo only when every branch agrees.
Tri BoolTri(const Value* v, bool want, Tri absent);

}  // namespace iaclint

#endif  // IACLINT_RULES_MONITORING_CHAIN_H_
