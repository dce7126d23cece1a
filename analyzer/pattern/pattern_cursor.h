// Internal to the pattern parser: a position in the pattern text plus the parse state that
// the CloudWatch limits need (parenthesis depth, regex count), and located errors.
#ifndef IACLINT_PATTERN_PATTERN_CURSOR_H_
#define IACLINT_PATTERN_PATTERN_CURSOR_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pattern/filter_pattern.h"

namespace iaclint {

class PatternCursor {
 public:
  explicit PatternCursor(std::string_view text) : text_(text) {}

  std::string_view text() const { return text_; }
  size_t pos() const { return pos_; }
  void set_pos(size_t pos) { pos_ = pos; }
  bool AtEnd() const { return pos_ >= text_.size(); }
  /// The character `ahead` places on, or '\0' past the end.
  char Peek(size_t ahead = 0) const;
  void Advance(size_t n = 1) { pos_ += n; }
  bool LookingAt(std::string_view token) const { return text_.substr(pos_).starts_with(token); }
  /// Skips spaces, tabs and line breaks (CloudWatch allows them anywhere between tokens).
  void SkipSpace();
  bool Consume(std::string_view token);
  /// Consumes `word` in any letter case when a non-word character follows it.
  bool ConsumeKeyword(std::string_view word);

  /// "<message> at offset O (column C)", located at `offset`.
  Error ErrorAt(size_t offset, std::string_view message) const;
  Error ErrorHere(std::string_view message) const { return ErrorAt(pos_, message); }

  int depth = 0;
  int regex_count = 0;
  std::vector<std::string> notes;

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool IsWordChar(char c);
bool IsSpaceChar(char c);
/// Describes the character at `pos` for messages: 'x', or "end of pattern".
std::string DescribeChar(const PatternCursor& c);

/// Where a value is parsed decides where an unquoted value stops: JSON values may contain
/// spaces (CIS 4.0 writes `Failed authentication` unquoted), delimited ones may not.
enum class ValueContext : uint8_t { kJson, kDelimited };

/// A quoted string, a `%regex%`, or an unquoted string or number.
Result<PatternValue> ParseValue(PatternCursor& c, ValueContext context);
/// A `"..."` string at the cursor (the cursor is on the opening quote).
Result<PatternValue> ParseQuoted(PatternCursor& c);
/// A `%...%` regular expression at the cursor.
Result<PatternValue> ParseRegex(PatternCursor& c);

/// `a || b && (c)` with the leaf syntax of the JSON or of the delimited form.
Result<Condition> ParseConditionExpr(PatternCursor& c, ValueContext context);

Result<FilterPattern> ParseJsonPattern(PatternCursor& c);
Result<FilterPattern> ParseDelimitedPattern(PatternCursor& c);
Result<FilterPattern> ParseTermPattern(PatternCursor& c);

}  // namespace iaclint

#endif  // IACLINT_PATTERN_PATTERN_CURSOR_H_
