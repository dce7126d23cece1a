// Operators of control 09 (rows in the table of ops.cc):
//   monitors_item: IAC0901       account scope: the declared filters and EventBridge rules,
//                                with their whole chain, cover the monitoring item
//                                rulesets/events/IAC0901.yaml (monitoring_coverage.h)
//   filter_pattern_valid: true   the value is a FilterPattern that parses
//   on_trail_log_group: true     a metric filter on the log group of a declared trail
//   metric_alarmed: true         some alarm watches a metric filter's metric
//   watches_trail_metric: true   an alarm watches the metric of a filter on a trail's log group
//   alarm_has_action: true       an alarm tells someone (AlarmActions, or a composite alarm)
#ifndef IACLINT_RULES_MONITORING_OPS_H_
#define IACLINT_RULES_MONITORING_OPS_H_

#include <string>
#include <vector>

#include "pattern/monitoring_item.h"
#include "rules/eval.h"

namespace iaclint {

Outcome OpMonitorsItem(const Predicate& p, const Subject& s, EvalContext& ctx);
Outcome OpFilterPatternValid(const Predicate& p, const Subject& s, EvalContext& ctx);
Outcome OpOnTrailLogGroup(const Predicate& p, const Subject& s, EvalContext& ctx);
Outcome OpMetricAlarmed(const Predicate& p, const Subject& s, EvalContext& ctx);
Outcome OpWatchesTrailMetric(const Predicate& p, const Subject& s, EvalContext& ctx);
Outcome OpAlarmHasAction(const Predicate& p, const Subject& s, EvalContext& ctx);

/// The prepare step of the operators above that read the alarm chain: makes the chain and
/// its filters as coverage candidates in ctx.memo.
void PrepareMonitoringChain(EvalContext& ctx);

/// The monitoring items of the built-in rulesets directory (rulesets/events), loaded once per
/// process; an error when they cannot be loaded.
Result<const std::vector<MonitoringItem>*> BuiltinMonitoringItems();

/// Where in the file a FilterPattern's parse error is: `value` is the pattern's value (its
/// location is where the scalar starts), `pattern` its text, `line`/`column` the error's place
/// inside the pattern. Follows quotes, escapes and YAML folding; falls back to the value's
/// location when the source does not line up with the text.
Location PatternErrorLocation(const Model& model, const Value& value, std::string_view pattern,
                              uint32_t line, uint32_t column);

}  // namespace iaclint

#endif  // IACLINT_RULES_MONITORING_OPS_H_
