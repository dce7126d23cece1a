#include "pattern/filter_pattern.h"

#include "base/text.h"
#include "pattern/pattern_cursor.h"

namespace iaclint {

Result<FilterPattern> ParseJsonPattern(PatternCursor& c) {
  const size_t open = c.pos();
  c.Advance();  // '{'
  c.SkipSpace();
  if (c.Peek() == '}') return c.ErrorAt(open, "empty JSON pattern '{}'");
  auto condition = ParseConditionExpr(c, ValueContext::kJson);
  if (!condition) return condition.error();
  c.SkipSpace();
  if (c.AtEnd())
    return c.ErrorHere("missing '}' to close the '{' at offset " + std::to_string(open));
  if (c.Peek() == ')') return c.ErrorHere("')' without a matching '('");
  if (!c.Consume("}")) return c.ErrorHere("expected '&&', '||' or '}', found " + DescribeChar(c));
  c.SkipSpace();
  if (!c.AtEnd()) return c.ErrorHere("unexpected text after the closing '}'");
  FilterPattern pattern;
  pattern.form = PatternForm::kJson;
  pattern.condition = std::move(*condition);
  return pattern;
}

Result<FilterPattern> ParseFilterPattern(std::string_view text) {
  PatternCursor c(text);
  if (Utf16Length(text) > kMaxFilterPatternLength) {
    size_t offset = 0;
    for (uint32_t units = 0; offset < text.size(); ++offset) {
      if ((static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80 &&
          ++units > kMaxFilterPatternLength) {
        break;
      }
    }
    return c.ErrorAt(offset, "pattern is longer than CloudWatch's limit of 1024 characters");
  }
  c.SkipSpace();
  Result<FilterPattern> parsed = FilterPattern{};
  if (c.AtEnd()) {
    parsed = FilterPattern{};  // "" matches every event
  } else if (c.Peek() == '{') {
    parsed = ParseJsonPattern(c);
  } else if (c.Peek() == '[') {
    parsed = ParseDelimitedPattern(c);
  } else {
    parsed = ParseTermPattern(c);
  }
  if (!parsed) return parsed;
  parsed->source = std::string(text);
  parsed->notes = std::move(c.notes);
  return parsed;
}

const char* PatternFormName(PatternForm form) {
  switch (form) {
    case PatternForm::kMatchAll:
      return "match-all";
    case PatternForm::kTerms:
      return "terms";
    case PatternForm::kDelimited:
      return "space-delimited";
    case PatternForm::kJson:
      return "json";
  }
  return "?";
}

const char* CompareOpText(CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return "=";
    case CompareOp::kNe:
      return "!=";
    case CompareOp::kLt:
      return "<";
    case CompareOp::kLe:
      return "<=";
    case CompareOp::kGt:
      return ">";
    case CompareOp::kGe:
      return ">=";
  }
  return "?";
}

}  // namespace iaclint
