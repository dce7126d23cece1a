// EventBridge event patterns: does a rule's EventPattern match a given event?
#ifndef IACLINT_RULES_EVENT_PATTERN_H_
#define IACLINT_RULES_EVENT_PATTERN_H_

#include "model/value.h"

namespace iaclint {

enum class EventMatch { kNo, kYes, kUnknown };

/// Matches an EventBridge pattern (a map: exact values in arrays, prefix, suffix,
/// anything-but, numeric, exists, equals-ignore-case, wildcard, $or) against an event.
/// kUnknown when the pattern holds values that cannot be known offline.
EventMatch MatchEventPattern(const Value& pattern, const Value& event);

}  // namespace iaclint

#endif  // IACLINT_RULES_EVENT_PATTERN_H_
