// JSON conditions against a located Value; dispatch on the pattern form.
#include "pattern/pattern_eval.h"

#include "parse/json_reader.h"
#include "pattern/text_eval.h"

namespace iaclint {

namespace {

// Every value the selector reaches (several with `.*` / `[*]`; none when missing).
void Resolve(const Value& node, const std::vector<SelectorStep>& steps, size_t i,
             std::vector<const Value*>& out) {
  if (i == steps.size()) {
    out.push_back(&node);
    return;
  }
  const SelectorStep& step = steps[i];
  switch (step.kind) {
    case SelectorStep::Kind::kKey:
      if (const Value* child = node.is(Value::Kind::kMap) ? node.Find(step.key) : nullptr) {
        Resolve(*child, steps, i + 1, out);
      }
      return;
    case SelectorStep::Kind::kIndex:
      if (node.is(Value::Kind::kList) && step.index < node.items().size()) {
        Resolve(node.items()[step.index], steps, i + 1, out);
      }
      return;
    case SelectorStep::Kind::kAnyKey:
      for (const auto& member : node.members()) Resolve(member.value, steps, i + 1, out);
      if (node.is(Value::Kind::kList)) {
        for (const Value& item : node.items()) Resolve(item, steps, i + 1, out);
      }
      return;
    case SelectorStep::Kind::kAnyIndex:
      if (node.is(Value::Kind::kList)) {
        for (const Value& item : node.items()) Resolve(item, steps, i + 1, out);
      }
      return;
  }
}

// Only strings, numbers and booleans are value nodes; objects, arrays and null fail both
// `=` and `!=` (see pattern_eval.h).
bool CompareNode(const Value& node, CompareOp op, const PatternValue& value) {
  switch (node.kind()) {
    case Value::Kind::kString:
      return CompareText(node.str(), false, op, value);
    case Value::Kind::kNumber:
      return CompareText(node.str(), true, op, value);
    case Value::Kind::kBool:
      return CompareText(node.boolean() ? "true" : "false", false, op, value);
    default:
      return false;
  }
}

bool LeafHolds(const Condition& c, const std::vector<const Value*>& nodes) {
  if (c.kind == Condition::Kind::kNotExists) return nodes.empty();
  for (const Value* node : nodes) {
    switch (c.kind) {
      case Condition::Kind::kIsNull:
        if (node->IsNull()) return true;
        break;
      case Condition::Kind::kIsTrue:
      case Condition::Kind::kIsFalse:
        if (node->is(Value::Kind::kBool) &&
            node->boolean() == (c.kind == Condition::Kind::kIsTrue)) {
          return true;
        }
        break;
      default:
        if (CompareNode(*node, c.op, c.value)) return true;
    }
  }
  return false;
}

bool EvalJson(const Condition& c, const Value& event) {
  switch (c.kind) {
    case Condition::Kind::kAnd:
      for (const Condition& operand : c.operands) {
        if (!EvalJson(operand, event)) return false;
      }
      return true;
    case Condition::Kind::kOr:
      for (const Condition& operand : c.operands) {
        if (EvalJson(operand, event)) return true;
      }
      return false;
    default: {
      std::vector<const Value*> nodes;
      Resolve(event, c.selector.steps, 0, nodes);
      return LeafHolds(c, nodes);
    }
  }
}

}  // namespace

bool Matches(const FilterPattern& pattern, const Value& event, std::string_view event_text) {
  switch (pattern.form) {
    case PatternForm::kMatchAll:
      return true;
    case PatternForm::kJson:
      return event.is(Value::Kind::kMap) && EvalJson(pattern.condition, event);
    case PatternForm::kTerms:
      return TermsMatch(pattern.terms, event_text);
    case PatternForm::kDelimited:
      return DelimitedMatch(pattern.fields, event_text);
  }
  return false;
}

bool Matches(const FilterPattern& pattern, const Value& event) {
  if (pattern.form == PatternForm::kJson || pattern.form == PatternForm::kMatchAll) {
    return Matches(pattern, event, std::string_view());
  }
  return Matches(pattern, event, EventText(event));
}

bool MatchesText(const FilterPattern& pattern, std::string_view raw_text) {
  if (pattern.form != PatternForm::kJson) return Matches(pattern, Value(), raw_text);
  auto doc = ParseJson(raw_text, kNoFile);
  return doc.ok() && Matches(pattern, doc->root, raw_text);
}

}  // namespace iaclint
