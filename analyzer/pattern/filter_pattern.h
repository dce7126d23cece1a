// CloudWatch Logs filter patterns (the FilterPattern of a metric filter) as an AST.
//
// CloudWatch has three pattern forms, told apart by the first non-blank character:
//   `{ ... }`  JSON: conditions on fields of a JSON log event (CloudTrail records are JSON);
//   `[ ... ]`  space-delimited: conditions on the whitespace-separated fields of a line;
//   anything else: terms (`ERROR`, `"quoted phrase"`, `-excluded`, `?either ?or`, `%regex%`).
// An empty pattern matches every event.
//
// What the CloudWatch Logs user guide ("Filter and pattern syntax", awsdocs
// amazon-cloudwatch-logs-user-guide doc_source/FilterAndPatternSyntax.md) says, and this
// parser follows:
//   - "Parenthesis are allowed and the syntax follows standard order of operations
//     () > && > ||". So `A || B && C` is `A || (B && C)`; the guide's own example
//     `{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch &&
//     $.actions[2] = nomatch }` matches its sample event only under that reading. Both
//     operators are associative, so chains are flattened (`A || B || C` is one OR node).
//   - Selectors start with `$`, name properties with letters, digits, '-' and '_', and index
//     arrays with `[N]` after a property (`$.users[0].id`, `$.coordinates[0][1]`).
//     `.*` and `[*]` (any member / any element) are accepted too: deployed patterns such as
//     `{ $.* = "*" }` show CloudWatch takes them.
//   - Values are strings "with or without quotes"; unquoted strings may contain spaces (CIS
//     4.0 writes `($.errorMessage = Failed authentication)`), but "unicode and other
//     characters such as '@', '$', '\' must be enclosed in double quotes". Numbers may be
//     signed decimals or use an exponent. `%...%` is a regular expression (at most two per
//     pattern, no '(' or ')').
//   - `=`, `!=` compare strings and numbers; `<`, `<=`, `>`, `>=` need a number.
//     `NOT EXISTS`, `IS NULL`, `IS TRUE`, `IS FALSE` test presence, null and booleans.
//   - A pattern is at most 1024 characters (PutMetricFilter's filterPattern constraint).
// Matching semantics live in pattern_eval.h.
#ifndef IACLINT_PATTERN_FILTER_PATTERN_H_
#define IACLINT_PATTERN_FILTER_PATTERN_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pattern/cw_regex.h"

namespace iaclint {

/// CloudWatch rejects longer patterns (characters, not bytes).
inline constexpr size_t kMaxFilterPatternLength = 1024;
/// Deepest parenthesis nesting accepted; keeps the recursive parser's stack bounded.
inline constexpr int kMaxPatternNesting = 100;
/// CloudWatch's quota of regular expressions in one pattern.
inline constexpr int kMaxPatternRegexes = 2;

enum class PatternForm : uint8_t { kMatchAll, kTerms, kDelimited, kJson };

enum class CompareOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

/// The right-hand side of a comparison, or a term.
struct PatternValue {
  enum class Kind : uint8_t { kString, kNumber, kRegex };
  Kind kind = Kind::kString;
  /// Unescaped text: without quotes, without the `%` of a regex.
  std::string text;
  bool quoted = false;
  double number = 0;  ///< kNumber only
  /// kRegex only; shared so that patterns stay cheap to copy.
  std::shared_ptr<const CwRegex> regex;
};

struct SelectorStep {
  enum class Kind : uint8_t { kKey, kIndex, kAnyKey, kAnyIndex };
  Kind kind = Kind::kKey;
  std::string key;   ///< kKey
  size_t index = 0;  ///< kIndex
};

/// `$.a.b[0]` in JSON patterns; a single kKey step naming the field in delimited patterns.
struct Selector {
  std::vector<SelectorStep> steps;
  bool json = true;
};

/// A boolean condition: JSON patterns and the conditions of delimited fields.
struct Condition {
  enum class Kind : uint8_t { kAnd, kOr, kCompare, kNotExists, kIsNull, kIsTrue, kIsFalse };
  Kind kind = Kind::kCompare;
  size_t offset = 0;                ///< byte offset in the pattern where it starts
  std::vector<Condition> operands;  ///< kAnd / kOr: two or more
  Selector selector;                ///< leaves
  CompareOp op = CompareOp::kEq;    ///< kCompare
  PatternValue value;               ///< kCompare
};

/// One word of the term form.
struct Term {
  enum class Kind : uint8_t { kRequired, kExcluded, kOptional };  // word, -word, ?word
  Kind kind = Kind::kRequired;
  PatternValue value;  ///< kString (a word or a quoted phrase) or kRegex
  size_t offset = 0;
};

/// One comma-separated slot of the space-delimited form.
struct DelimitedField {
  bool ellipsis = false;  ///< `...`: any number of fields
  std::string name;
  bool has_condition = false;
  Condition condition;
  size_t offset = 0;
};

struct FilterPattern {
  PatternForm form = PatternForm::kMatchAll;
  std::string source;
  std::vector<Term> terms;             ///< kTerms
  std::vector<DelimitedField> fields;  ///< kDelimited
  Condition condition;                 ///< kJson
  /// Readability problems that do not change the meaning, found while parsing: e.g.
  /// `A && B || C` without parentheses (it means `(A && B) || C`; CIS audit texts misread it).
  std::vector<std::string> notes;
};

/// Parses a pattern. On failure the Error's message names the problem and ends with
/// "at offset O (column C)" ("(line L, column C)" for multi-line patterns); where.line and
/// where.column are the same 1-based place inside the pattern (where.file is kNoFile).
Result<FilterPattern> ParseFilterPattern(std::string_view text);

/// A canonical one-line rendering: redundant parentheses, quoting style and spacing are
/// normalised, nested && / || groups are parenthesised, strings are always quoted. Two
/// patterns that differ only in those respects render identically.
std::string RenderFilterPattern(const FilterPattern& pattern);
std::string RenderCondition(const Condition& condition);

const char* PatternFormName(PatternForm form);
const char* CompareOpText(CompareOp op);

}  // namespace iaclint

#endif  // IACLINT_PATTERN_FILTER_PATTERN_H_
