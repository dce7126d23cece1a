// Canonical rendering of a parsed pattern: same meaning, same text.
#include "pattern/filter_pattern.h"
#include "pattern/pattern_cursor.h"

namespace iaclint {

namespace {

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

std::string RenderValue(const PatternValue& value) {
  switch (value.kind) {
    case PatternValue::Kind::kNumber:
      return value.text;
    case PatternValue::Kind::kRegex:
      return "%" + value.text + "%";
    case PatternValue::Kind::kString:
      return Quote(value.text);
  }
  return value.text;
}

std::string RenderSelector(const Selector& selector) {
  std::string out = selector.json ? "$" : "";
  for (const SelectorStep& step : selector.steps) {
    switch (step.kind) {
      case SelectorStep::Kind::kKey:
        out += (selector.json ? "." : "") + step.key;
        break;
      case SelectorStep::Kind::kAnyKey:
        out += ".*";
        break;
      case SelectorStep::Kind::kIndex:
        out += "[" + std::to_string(step.index) + "]";
        break;
      case SelectorStep::Kind::kAnyIndex:
        out += "[*]";
        break;
    }
  }
  return out;
}

std::string RenderLeaf(const Condition& c) {
  const std::string selector = RenderSelector(c.selector);
  switch (c.kind) {
    case Condition::Kind::kNotExists:
      return selector + " NOT EXISTS";
    case Condition::Kind::kIsNull:
      return selector + " IS NULL";
    case Condition::Kind::kIsTrue:
      return selector + " IS TRUE";
    case Condition::Kind::kIsFalse:
      return selector + " IS FALSE";
    default:
      return selector + " " + CompareOpText(c.op) + " " + RenderValue(c.value);
  }
}

bool IsChain(const Condition& c) {
  return c.kind == Condition::Kind::kAnd || c.kind == Condition::Kind::kOr;
}

std::string RenderTerm(const Term& term) {
  std::string out = term.kind == Term::Kind::kExcluded   ? "-"
                    : term.kind == Term::Kind::kOptional ? "?"
                                                         : "";
  bool word = !term.value.text.empty();
  for (char ch : term.value.text) word = word && IsWordChar(ch);
  if (term.value.kind == PatternValue::Kind::kRegex) return out + RenderValue(term.value);
  return out + (word ? term.value.text : Quote(term.value.text));
}

std::string RenderField(const DelimitedField& field) {
  if (field.ellipsis) return "...";
  if (field.name.empty()) return "";
  return field.has_condition ? RenderCondition(field.condition) : field.name;
}

}  // namespace

std::string RenderCondition(const Condition& condition) {
  if (!IsChain(condition)) return RenderLeaf(condition);
  const char* glue = condition.kind == Condition::Kind::kAnd ? " && " : " || ";
  std::string out;
  for (size_t i = 0; i < condition.operands.size(); ++i) {
    if (i > 0) out += glue;
    const Condition& operand = condition.operands[i];
    out += IsChain(operand) ? "(" + RenderCondition(operand) + ")" : RenderCondition(operand);
  }
  return out;
}

std::string RenderFilterPattern(const FilterPattern& pattern) {
  std::string out;
  switch (pattern.form) {
    case PatternForm::kMatchAll:
      return "\"\"";
    case PatternForm::kJson:
      return "{ " + RenderCondition(pattern.condition) + " }";
    case PatternForm::kTerms:
      for (const Term& term : pattern.terms) out += (out.empty() ? "" : " ") + RenderTerm(term);
      return out;
    case PatternForm::kDelimited:
      // By position, not by text so far: an unnamed field renders as nothing ("[, b]").
      for (size_t i = 0; i < pattern.fields.size(); ++i) {
        out += (i == 0 ? "" : ", ") + RenderField(pattern.fields[i]);
      }
      return "[" + out + "]";
  }
  return out;
}

}  // namespace iaclint
