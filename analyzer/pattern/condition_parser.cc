// The boolean grammar shared by JSON patterns and delimited-field conditions:
//   or    := and ( '||' and )*
//   and   := unary ( '&&' unary )*
//   unary := '(' or ')' | leaf
// `&&` binds tighter than `||`, as the CloudWatch guide states ("() > && > ||").
#include "pattern/pattern_cursor.h"

namespace iaclint {

namespace {

struct Parsed {
  Condition condition;
  bool bare_and = false;  // an && chain written without enclosing parentheses
};

Result<Parsed> ParseOr(PatternCursor& c, ValueContext context);

// A JSON selector: `$` then `.name`, `.*`, `[N]` or `[*]` steps; the first is a `.` step.
Result<Selector> ParseSelector(PatternCursor& c) {
  if (c.Peek() != '$') {
    return c.ErrorHere("expected a selector starting with '$.', found " + DescribeChar(c));
  }
  c.Advance();
  Selector selector;
  while (c.Peek() == '.' || c.Peek() == '[') {
    if (selector.steps.empty() && c.Peek() == '[') {
      return c.ErrorHere("an array index must follow a property name ('$.name[0]')");
    }
    SelectorStep step;
    if (c.Consume(".")) {
      if (c.Consume("*")) {
        step.kind = SelectorStep::Kind::kAnyKey;
      } else {
        const size_t start = c.pos();
        while (IsWordChar(c.Peek()) || c.Peek() == '-') c.Advance();
        if (c.pos() == start) return c.ErrorHere("expected a property name after '.'");
        step.key = std::string(c.text().substr(start, c.pos() - start));
      }
    } else {
      const size_t open = c.pos();
      c.Advance();
      if (c.Consume("*")) {
        step.kind = SelectorStep::Kind::kAnyIndex;
      } else {
        const size_t start = c.pos();
        while (std::isdigit(static_cast<unsigned char>(c.Peek()))) c.Advance();
        if (c.pos() == start || c.pos() - start > 9) {
          return c.ErrorAt(open, "expected an array index such as [0] or [*]");
        }
        step.kind = SelectorStep::Kind::kIndex;
        step.index = std::stoul(std::string(c.text().substr(start, c.pos() - start)));
      }
      if (!c.Consume("]")) return c.ErrorHere("expected ']' to close the array index");
    }
    selector.steps.push_back(std::move(step));
  }
  if (selector.steps.empty()) return c.ErrorHere("expected '.' and a property name after '$'");
  return selector;
}

// `=`, `!=`, `<`, `<=`, `>`, `>=`; nullopt when none is at the cursor.
std::optional<CompareOp> ConsumeOperator(PatternCursor& c) {
  if (c.Consume("!=")) return CompareOp::kNe;
  if (c.Consume("<=")) return CompareOp::kLe;
  if (c.Consume(">=")) return CompareOp::kGe;
  if (c.Consume("<")) return CompareOp::kLt;
  if (c.Consume(">")) return CompareOp::kGt;
  if (c.Consume("=")) return CompareOp::kEq;
  return std::nullopt;
}

// The operator and value of a comparison; the selector is already in `leaf`.
Result<Condition> ParseComparison(PatternCursor& c, Condition leaf, ValueContext context) {
  const size_t op_at = c.pos();
  const auto op = ConsumeOperator(c);
  if (!op) {
    return c.ErrorHere(context == ValueContext::kJson
                           ? "expected an operator (=, !=, <, <=, >, >=, NOT EXISTS, IS NULL, "
                             "IS TRUE, IS FALSE) after the selector, found " +
                                 DescribeChar(c)
                           : "expected an operator (=, !=, <, <=, >, >=) after the field name, "
                             "found " +
                                 DescribeChar(c));
  }
  if (*op == CompareOp::kEq && c.Peek() == '=') {
    return c.ErrorAt(op_at, "'==' is not a CloudWatch operator; use '='");
  }
  c.SkipSpace();
  const size_t value_at = c.pos();
  auto value = ParseValue(c, context);
  if (!value) return value.error();
  const bool relational = *op != CompareOp::kEq && *op != CompareOp::kNe;
  if (relational && value->kind != PatternValue::Kind::kNumber) {
    return c.ErrorAt(value_at, std::string("'") + CompareOpText(*op) +
                                   "' compares numbers, but the value is not a number");
  }
  leaf.op = *op;
  leaf.value = std::move(*value);
  return leaf;
}

Result<Condition> ParseJsonLeaf(PatternCursor& c) {
  Condition leaf;
  leaf.offset = c.pos();
  auto selector = ParseSelector(c);
  if (!selector) return selector.error();
  leaf.selector = std::move(*selector);
  c.SkipSpace();
  const size_t keyword_at = c.pos();
  if (c.ConsumeKeyword("NOT")) {
    c.SkipSpace();
    if (!c.ConsumeKeyword("EXISTS")) return c.ErrorAt(keyword_at, "expected NOT EXISTS");
    leaf.kind = Condition::Kind::kNotExists;
    return leaf;
  }
  if (c.ConsumeKeyword("IS")) {
    c.SkipSpace();
    if (c.ConsumeKeyword("NULL")) {
      leaf.kind = Condition::Kind::kIsNull;
    } else if (c.ConsumeKeyword("TRUE")) {
      leaf.kind = Condition::Kind::kIsTrue;
    } else if (c.ConsumeKeyword("FALSE")) {
      leaf.kind = Condition::Kind::kIsFalse;
    } else {
      return c.ErrorAt(keyword_at, "expected IS NULL, IS TRUE or IS FALSE");
    }
    return leaf;
  }
  return ParseComparison(c, std::move(leaf), ValueContext::kJson);
}

Result<Condition> ParseDelimitedLeaf(PatternCursor& c) {
  Condition leaf;
  leaf.offset = c.pos();
  const size_t start = c.pos();
  while (IsWordChar(c.Peek()) || c.Peek() == '-' || c.Peek() == '$') c.Advance();
  if (c.pos() == start) return c.ErrorHere("expected a field name, found " + DescribeChar(c));
  leaf.selector.json = false;
  leaf.selector.steps.push_back(
      {SelectorStep::Kind::kKey, std::string(c.text().substr(start, c.pos() - start)), 0});
  c.SkipSpace();
  return ParseComparison(c, std::move(leaf), ValueContext::kDelimited);
}

Result<Parsed> ParseUnary(PatternCursor& c, ValueContext context) {
  c.SkipSpace();
  if (c.Peek() != '(') {
    auto leaf = context == ValueContext::kJson ? ParseJsonLeaf(c) : ParseDelimitedLeaf(c);
    if (!leaf) return leaf.error();
    return Parsed{std::move(*leaf), false};
  }
  const size_t open = c.pos();
  if (++c.depth > kMaxPatternNesting) {
    return c.ErrorAt(open, "parentheses nested more than 100 levels deep");
  }
  c.Advance();
  auto inner = ParseOr(c, context);
  if (!inner) return inner.error();
  c.SkipSpace();
  if (!c.Consume(")")) {
    return c.ErrorHere("expected ')' to close the '(' at offset " + std::to_string(open) +
                       ", found " + DescribeChar(c));
  }
  --c.depth;
  inner->bare_and = false;
  return inner;
}

// Refuses a lone '&' or '|' (a typo for '&&' / '||') with a precise message.
std::optional<Error> CheckSingleOperator(PatternCursor& c) {
  if (c.Peek() == '&' && c.Peek(1) != '&') return c.ErrorHere("'&' is not an operator; use '&&'");
  if (c.Peek() == '|' && c.Peek(1) != '|') return c.ErrorHere("'|' is not an operator; use '||'");
  return std::nullopt;
}

// Appends `operand` to a chain of `kind`, flattening a nested chain of the same kind
// (`(A || B) || C` is `A || B || C`).
void AppendOperand(Condition& chain, Condition operand) {
  if (operand.kind == chain.kind) {
    for (auto& inner : operand.operands) chain.operands.push_back(std::move(inner));
  } else {
    chain.operands.push_back(std::move(operand));
  }
}

Result<Parsed> ParseChain(PatternCursor& c, ValueContext context, Condition::Kind kind) {
  const std::string_view token = kind == Condition::Kind::kOr ? "||" : "&&";
  auto first = kind == Condition::Kind::kOr ? ParseChain(c, context, Condition::Kind::kAnd)
                                            : ParseUnary(c, context);
  if (!first) return first;
  Condition chain;
  chain.kind = kind;
  chain.offset = first->condition.offset;
  bool bare_and_operand = first->bare_and;
  Parsed only = std::move(*first);  // returned as-is when no operator follows
  size_t count = 1;
  for (;;) {
    c.SkipSpace();
    if (auto bad = CheckSingleOperator(c)) return *bad;
    if (!c.Consume(token)) break;
    if (count++ == 1) AppendOperand(chain, std::move(only.condition));
    auto next = kind == Condition::Kind::kOr ? ParseChain(c, context, Condition::Kind::kAnd)
                                             : ParseUnary(c, context);
    if (!next) return next;
    bare_and_operand = bare_and_operand || next->bare_and;
    AppendOperand(chain, std::move(next->condition));
  }
  if (count == 1) return only;
  if (kind == Condition::Kind::kOr && bare_and_operand) {
    c.notes.push_back(
        "mixes && and || without parentheses; && binds tighter, so CloudWatch "
        "reads it as " +
        RenderCondition(chain));
  }
  return Parsed{std::move(chain), kind == Condition::Kind::kAnd};
}

Result<Parsed> ParseOr(PatternCursor& c, ValueContext context) {
  return ParseChain(c, context, Condition::Kind::kOr);
}

}  // namespace

Result<Condition> ParseConditionExpr(PatternCursor& c, ValueContext context) {
  auto parsed = ParseOr(c, context);
  if (!parsed) return parsed.error();
  return std::move(parsed->condition);
}

}  // namespace iaclint
