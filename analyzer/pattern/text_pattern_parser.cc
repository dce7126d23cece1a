// The two forms that match a log event's raw text: terms and space-delimited fields.
#include "pattern/pattern_cursor.h"

namespace iaclint {

namespace {

// An unquoted term: the guide says terms with "characters other than alphanumeric or
// underscore must be placed inside double quotes".
Result<PatternValue> ParseWord(PatternCursor& c) {
  const size_t start = c.pos();
  while (IsWordChar(c.Peek())) c.Advance();
  if (c.pos() == start || (!c.AtEnd() && !IsSpaceChar(c.Peek()))) {
    while (!c.AtEnd() && !IsSpaceChar(c.Peek())) c.Advance();
    const std::string word(c.text().substr(start, c.pos() - start));
    return c.ErrorAt(start, "term '" + word +
                                "' has characters other than letters, digits and '_'; put it "
                                "in double quotes");
  }
  PatternValue value;
  value.text = std::string(c.text().substr(start, c.pos() - start));
  return value;
}

Result<Term> ParseTerm(PatternCursor& c) {
  Term term;
  term.offset = c.pos();
  if (c.Consume("-")) {
    term.kind = Term::Kind::kExcluded;
  } else if (c.Consume("?")) {
    term.kind = Term::Kind::kOptional;
  }
  if (term.kind != Term::Kind::kRequired) c.SkipSpace();
  Result<PatternValue> value = c.Peek() == '"'   ? ParseQuoted(c)
                               : c.Peek() == '%' ? ParseRegex(c)
                                                 : ParseWord(c);
  if (!value) return value.error();
  term.value = std::move(*value);
  return term;
}

// One slot: `...`, a bare name, or a condition whose first field names the slot.
Result<DelimitedField> ParseSlot(PatternCursor& c) {
  DelimitedField field;
  c.SkipSpace();
  field.offset = c.pos();
  if (c.Consume("...") || c.Consume("\xE2\x80\xA6")) {  // the guide also prints '…'
    field.ellipsis = true;
    return field;
  }
  // An empty slot is an unnamed field: the guide's `[..., request=*.html*, status_code=4*,]`
  // extracts the line's last field after status_code (as "$7").
  if (c.Peek() == ',' || c.Peek() == ']') return field;
  const size_t start = c.pos();
  while (IsWordChar(c.Peek()) || c.Peek() == '-' || c.Peek() == '$') c.Advance();
  field.name = std::string(c.text().substr(start, c.pos() - start));
  c.SkipSpace();
  if (!field.name.empty() && (c.AtEnd() || c.Peek() == ',' || c.Peek() == ']')) return field;
  c.set_pos(start);
  auto condition = ParseConditionExpr(c, ValueContext::kDelimited);
  if (!condition) return condition.error();
  field.has_condition = true;
  field.condition = std::move(*condition);
  if (field.name.empty()) field.name = "(condition)";
  return field;
}

}  // namespace

Result<FilterPattern> ParseTermPattern(PatternCursor& c) {
  FilterPattern pattern;
  pattern.form = PatternForm::kTerms;
  c.SkipSpace();
  while (!c.AtEnd()) {
    auto term = ParseTerm(c);
    if (!term) return term.error();
    pattern.terms.push_back(std::move(*term));
    if (!c.AtEnd() && !IsSpaceChar(c.Peek())) {
      return c.ErrorHere("expected a space between terms, found " + DescribeChar(c));
    }
    c.SkipSpace();
  }
  return pattern;
}

Result<FilterPattern> ParseDelimitedPattern(PatternCursor& c) {
  FilterPattern pattern;
  pattern.form = PatternForm::kDelimited;
  const size_t open = c.pos();
  c.Advance();  // '['
  for (;;) {
    c.SkipSpace();
    if (c.Peek() == ']' && pattern.fields.empty()) break;  // `[]`: refused below
    auto field = ParseSlot(c);
    if (!field) return field.error();
    pattern.fields.push_back(std::move(*field));
    c.SkipSpace();
    if (c.Consume(",")) continue;
    if (c.Peek() == ']') break;
    if (c.AtEnd()) return c.ErrorAt(open, "missing ']' to close the '['");
    return c.ErrorHere("expected ',' or ']' after a field, found " + DescribeChar(c));
  }
  c.Advance();  // ']'
  c.SkipSpace();
  if (!c.AtEnd()) return c.ErrorHere("unexpected text after the closing ']'");
  if (pattern.fields.empty()) return c.ErrorAt(open, "a space-delimited pattern needs a field");
  return pattern;
}

}  // namespace iaclint
