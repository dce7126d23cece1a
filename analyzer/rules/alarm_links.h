// The filter -> alarm links of the control 09 chain (monitoring_chain.h).
//
// A plan of many accounts declares the same CIS alarms once per account: thousands of filters
// publish a handful of metric names, each watched by thousands of alarms. Filters that publish
// the same metrics share one list of watching alarms and one verdict on it, so linking costs
// the number of distinct metrics and alarms, not filters times alarms.
#ifndef IACLINT_RULES_ALARM_LINKS_H_
#define IACLINT_RULES_ALARM_LINKS_H_

#include "rules/monitoring_chain.h"

namespace iaclint {

/// Sets alarms, watched, alarmed and via of every filter of the chain (its alarms must be
/// read), and the chain's watchers of every alarm.
void LinkFiltersToAlarms(MonitoringChain& chain);

}  // namespace iaclint

#endif  // IACLINT_RULES_ALARM_LINKS_H_
