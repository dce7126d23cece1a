// Evaluates a parsed filter pattern against one log event, as CloudWatch Logs does.
//
// Semantics, with their sources (CloudWatch Logs user guide, "Filter and pattern syntax",
// unless noted):
//   - Matching is case-sensitive ("Metric filters are case sensitive"), for values and keys.
//   - JSON patterns only match JSON events. "The SELECTOR must point to a value node (string
//     or number)... If it points to an array or object ... both {$.users = 1} and
//     {$.users != 1} will fail to match". A missing field fails `=` AND `!=`: the console's
//     pattern test shows `$.userIdentity.invokedBy != "x"` is false when invokedBy is
//     absent (DataBiosphere/azul#5884). `null` is not a value node either, so it fails both.
//   - `NOT EXISTS` is true only when the selector finds nothing; `IS NULL` only for a JSON
//     null ("only true if the specified object is set to null"); `IS TRUE`/`IS FALSE` only
//     for JSON booleans.
//   - Wildcards: "'*' ... match[es] any text at, before, or after a search term. *Event will
//     match PutEvent ... Event* will match EventId ... Ev*ent will only match the actual
//     string Ev*ent". So a leading and a trailing '*' are wildcards, an inner '*' is a
//     literal character, and a lone `*` matches any value.
//   - Numbers: a number value compares numerically with a JSON number; `=`/`!=` with a string
//     field compare the text as written ("recipientAccountId is 123456789012" works on the
//     string field). `<`, `<=`, `>`, `>=` are false on anything but a JSON number.
//   - Chosen where the guide is silent: a JSON boolean compares by its text ("true"/"false")
//     under `=`/`!=`; quoted and unquoted values are the same string; `.*`/`[*]` selectors
//     match when ANY member/element satisfies the condition (and NOT EXISTS when none
//     exists); `%regex%` is a search (unanchored unless it uses ^ or $).
//   - Term patterns: each term must occur in the raw event text (substring, so `ERROR`
//     matches "ERRORCODE"), `-term` must not, and when `?term`s are present at least one of
//     them must occur (`?ERROR ?WARN` is an OR, as documented; mixed with plain terms the
//     guide is silent and the OR group is simply ANDed with them).
//   - Space-delimited patterns split the raw text at whitespace, keeping "..." and [...]
//     groups as one field without their delimiters; `...` absorbs any number of fields; a
//     pattern without `...` needs exactly as many fields as it names.
// A CloudTrail record reaches CloudWatch Logs as its JSON text, so term and delimited
// patterns see EventText(event).
#ifndef IACLINT_PATTERN_PATTERN_EVAL_H_
#define IACLINT_PATTERN_PATTERN_EVAL_H_

#include <string>
#include <string_view>

#include "model/value.h"
#include "pattern/filter_pattern.h"

namespace iaclint {

/// The compact JSON text of an event (members in document order, no spaces).
std::string EventText(const Value& event);

/// Whether the pattern matches a JSON event (e.g. a CloudTrail record from ParseJson).
bool Matches(const FilterPattern& pattern, const Value& event);
/// The same with the event's raw text already rendered (saves work in loops).
bool Matches(const FilterPattern& pattern, const Value& event, std::string_view event_text);
/// Whether the pattern matches a raw log line; JSON patterns parse it as JSON first (a line
/// that is not JSON never matches them).
bool MatchesText(const FilterPattern& pattern, std::string_view raw_text);

/// Whether `text` satisfies `op value` under the rules above (exposed for tests).
bool CompareText(std::string_view text, bool is_number, CompareOp op, const PatternValue& value);

}  // namespace iaclint

#endif  // IACLINT_PATTERN_PATTERN_EVAL_H_
