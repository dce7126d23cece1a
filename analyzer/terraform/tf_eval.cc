#include "terraform/tf_eval.h"

#include <algorithm>
#include <cmath>

#include "terraform/hcl_strings.h"
#include "terraform/tf_functions.h"
#include "terraform/tf_values.h"

namespace iaclint {

namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

Value Propagate(const Value& v, const Location& loc) { return UnknownFrom(v, loc); }

bool IsUnknownish(const Value& v) {
  return v.is(Value::Kind::kUnknown) || v.is(Value::Kind::kChoice);
}

// Members of a map in lexical key order: Terraform iterates maps and objects that way.
std::vector<const Value::Member*> SortedMembers(const Value& map) {
  std::vector<const Value::Member*> out;
  for (const auto& m : map.members()) out.push_back(&m);
  std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->key < b->key; });
  return out;
}

class DepthGuard {
 public:
  explicit DepthGuard(TfEvalBudget& b) : b_(b) {
    // The real frame address (sanitizers may move locals to a heap "fake stack").
    const auto here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
    if (b_.depth++ == 0) b_.stack_base = here;
    stack_used_ = b_.stack_base > here ? b_.stack_base - here : here - b_.stack_base;
  }
  ~DepthGuard() { --b_.depth; }
  bool ok() const { return b_.depth <= b_.max_depth && stack_used_ <= b_.max_stack_bytes; }

 private:
  TfEvalBudget& b_;
  uintptr_t stack_used_ = 0;
};

}  // namespace

Value GetAttribute(const Value& base, std::string_view name, const Location& loc) {
  if (IsUnknownish(base)) return Propagate(base, loc);
  if (base.is(Value::Kind::kMap)) {
    if (const Value* v = base.Find(name)) return *v;
    const std::string& tag = base.tag();
    if (StartsWith(tag, kResourceTag)) {
      Value u = Value::Unknown("'" + tag.substr(kResourceTag.size()) + "." + std::string(name) +
                                   "' is known only after apply",
                               loc);
      // The category names the resource, so a link survives locals and conditionals.
      u.set_tag("resource:" + tag.substr(kResourceTag.size()));
      return u;
    }
    if (StartsWith(tag, kDataTag)) {
      return Value::Unknown(
          "data source attribute '" + tag.substr(kDataTag.size()) + "." + std::string(name) + "'",
          loc);
    }
    return Value::Unknown("no attribute '" + std::string(name) + "'", loc);
  }
  if (base.IsNull()) return Value::Unknown("attribute '" + std::string(name) + "' of null", loc);
  return Value::Unknown("'" + std::string(name) + "' of a value that has no attributes", loc);
}

Value TfEvaluator::Eval(const HclExpr& e) {
  DepthGuard guard(scope_.budget());
  if (!guard.ok()) return Value::Unknown("expression nested too deeply to evaluate", e.loc);
  return EvalNode(e);
}

Value TfEvaluator::EvalNode(const HclExpr& e) {
  switch (e.kind) {
    case HclExprKind::kNull:
      return Value::Null(e.loc);
    case HclExprKind::kBool:
      return Value::Bool(e.text == "true", e.loc);
    case HclExprKind::kNumber:
      return Value::Number(std::string(e.text), e.loc);
    case HclExprKind::kTemplate:
    case HclExprKind::kTemplateChunk:
    case HclExprKind::kTemplateIf:
    case HclExprKind::kTemplateFor:
      return Template(e);
    case HclExprKind::kInterpolation:
      return Eval(e.children[0]);
    case HclExprKind::kTuple:
      return Tuple(e);
    case HclExprKind::kObject:
      return Object(e);
    case HclExprKind::kBareKey:
      return Value::String(std::string(e.text), e.loc);
    case HclExprKind::kVariable:
    case HclExprKind::kGetAttr:
    case HclExprKind::kIndex:
      return Traversal(e);
    case HclExprKind::kSplat:
      return Splat(e);
    case HclExprKind::kSplatItem:
      return splat_items_.empty() ? Value::Unknown("splat outside a splat", e.loc)
                                  : *splat_items_.back();
    case HclExprKind::kCall:
      return Call(e);
    case HclExprKind::kConditional:
      return Conditional(e);
    case HclExprKind::kUnary:
      return Unary(e);
    case HclExprKind::kBinary:
      return Binary(e);
    case HclExprKind::kForTuple:
    case HclExprKind::kForObject:
      return For(e);
  }
  return Value::Unknown("expression not evaluated", e.loc);
}

// ---- templates -----------------------------------------------------------------------------

Value TfEvaluator::Template(const HclExpr& e) {
  // "${x}" alone is x itself, with its type (HCL's template unwrapping).
  if (e.kind == HclExprKind::kTemplate && e.children.size() == 1 &&
      e.children[0].kind == HclExprKind::kInterpolation) {
    return Eval(e.children[0].children[0]);
  }
  std::string out;
  Value unknown;
  if (!AppendTemplate(e, out, unknown)) return Propagate(unknown, e.loc);
  return Value::String(std::move(out), e.loc);
}

bool TfEvaluator::AppendTemplate(const HclExpr& e, std::string& out, Value& unknown) {
  const bool heredoc = e.has(HclExpr::kHeredoc);
  size_t indent = 0;
  if (e.has(HclExpr::kStripIndent)) {
    std::string body;  // interpolations stand in as a non-blank marker
    for (const HclExpr& c : e.children) {
      body += c.kind == HclExprKind::kTemplateChunk ? std::string(c.text) : std::string("x");
    }
    indent = CommonIndent(body);
  }
  bool strip_next = false;
  bool at_line_start = true;
  for (const HclExpr& c : e.children) {
    if (c.kind == HclExprKind::kTemplateChunk) {
      std::string text = heredoc ? UnescapeHeredoc(c.text) : UnescapeQuoted(c.text).value_or("");
      if (indent > 0) text = StripIndent(text, indent, at_line_start);
      if (strip_next) text.erase(0, text.find_first_not_of(" \t\r\n"));
      at_line_start = !c.text.empty() && c.text.back() == '\n';
      strip_next = false;
      out += text;
      continue;
    }
    at_line_start = false;
    if (c.has(HclExpr::kStripLeft)) {
      const size_t keep = out.find_last_not_of(" \t\r\n");
      out.erase(keep == std::string::npos ? 0 : keep + 1);
    }
    strip_next = c.has(HclExpr::kStripRight);
    if (c.kind == HclExprKind::kInterpolation) {
      Value v = Eval(c.children[0]);
      if (!IsKnown(v)) return unknown = *FirstUnknown(v), false;
      const auto text = ToText(v);
      if (!text) {
        unknown = Value::Unknown("a template interpolates a value that is not a string", c.loc);
        return false;
      }
      out += *text;
    } else if (c.kind == HclExprKind::kTemplateIf) {
      Value cond = Eval(c.children[0]);
      const auto b = cond.AsBool();
      if (!b) {
        unknown = IsUnknownish(cond) ? cond : Value::Unknown("%{if} needs a bool", c.loc);
        return false;
      }
      if (!AppendTemplate(c.children[*b ? 1 : 2], out, unknown)) return false;
    } else if (c.kind == HclExprKind::kTemplateFor) {
      Value coll = Eval(c.children[0]);
      if (!IsKnown(coll) || !(coll.is(Value::Kind::kList) || coll.is(Value::Kind::kMap))) {
        unknown = IsKnown(coll) ? Value::Unknown("%{for} needs a collection", c.loc)
                                : *FirstUnknown(coll);
        return false;
      }
      const bool list = coll.is(Value::Kind::kList);
      const size_t n = list ? coll.items().size() : coll.members().size();
      const auto sorted = SortedMembers(coll);
      for (size_t i = 0; i < n; ++i) {
        Bind(c.name, list ? coll.items()[i] : sorted[i]->value);
        if (!c.text.empty()) {
          Bind(c.text, list ? Value::Number(std::to_string(i)) : Value::String(sorted[i]->key));
        }
        const bool ok = AppendTemplate(c.children[1], out, unknown);
        if (!c.text.empty()) Unbind();
        Unbind();
        if (!ok) return false;
      }
    }
  }
  return true;
}

// ---- collections ---------------------------------------------------------------------------

Value TfEvaluator::Tuple(const HclExpr& e) {
  Value out = Value::List(e.loc);
  for (const HclExpr& c : e.children) out.Add(Eval(c));
  return out;
}

Value TfEvaluator::Object(const HclExpr& e) {
  Value out = Value::Map(e.loc);
  for (size_t i = 0; i + 1 < e.children.size(); i += 2) {
    Value key = Eval(e.children[i]);
    const auto text = IsKnown(key) ? ToText(key) : std::nullopt;
    if (!text) {
      return IsKnown(key) ? Value::Unknown("an object key is not a string", e.children[i].loc)
                          : Propagate(*FirstUnknown(key), e.loc);
    }
    Value v = Eval(e.children[i + 1]);
    if (Value* existing = out.Find(*text)) {
      *existing = std::move(v);  // a later duplicate wins, as in Terraform
    } else {
      out.Set(*text, std::move(v), e.children[i].loc);
    }
  }
  return out;
}

// ---- references ----------------------------------------------------------------------------

const Value* TfEvaluator::Lookup(std::string_view name) const {
  for (auto it = names_.rbegin(); it != names_.rend(); ++it) {
    if (it->first == name) return &it->second;
  }
  return nullptr;
}

Value TfEvaluator::Traversal(const HclExpr& e) {
  std::vector<const HclExpr*> steps;  // outermost first
  const HclExpr* p = &e;
  while (p->kind == HclExprKind::kGetAttr || p->kind == HclExprKind::kIndex) {
    steps.push_back(p);
    p = &p->children[0];
  }
  std::reverse(steps.begin(), steps.end());
  size_t used = 0;
  Value v = p->kind == HclExprKind::kVariable ? Root(*p, steps, &used) : Eval(*p);
  for (size_t i = used; i < steps.size(); ++i) v = Step(std::move(v), *steps[i]);
  return v;
}

Value TfEvaluator::Root(const HclExpr& root, const std::vector<const HclExpr*>& steps,
                        size_t* used) {
  const std::string_view name = root.text;
  if (const Value* bound = Lookup(name)) return *bound;
  const Location& loc = steps.empty() ? root.loc : steps.back()->loc;
  const bool attr0 = !steps.empty() && steps[0]->kind == HclExprKind::kGetAttr;
  if (name == "count" || name == "each") {
    if (!attr0) return Value::Unknown("'" + std::string(name) + "' needs an attribute", loc);
    *used = 1;
    const std::string_view a = steps[0]->text;
    const std::optional<Value>* v = nullptr;
    if (name == "count" && a == "index") v = &keys_.count_index;
    if (name == "each" && a == "key") v = &keys_.each_key;
    if (name == "each" && a == "value") v = &keys_.each_value;
    if (v == nullptr || !v->has_value()) {
      if (!keys_.unknown_reason.empty()) return Value::Unknown(keys_.unknown_reason, loc);
      return Value::Unknown(
          "'" + std::string(name) + "." + std::string(a) + "' is not available here", loc);
    }
    return **v;
  }
  std::vector<std::string_view> names;
  for (const HclExpr* s : steps) {
    if (s->kind != HclExprKind::kGetAttr || names.size() == 3) break;
    names.push_back(s->text);
  }
  std::optional<Value> v = scope_.Resolve(name, names, used, loc);
  if (!v) return Value::Unknown("unknown name '" + std::string(name) + "'", root.loc);
  return std::move(*v);
}

Value TfEvaluator::Step(Value base, const HclExpr& step) {
  if (step.kind == HclExprKind::kGetAttr) return GetAttribute(base, step.text, step.loc);
  Value key = Eval(step.children[1]);
  if (IsUnknownish(base)) return Propagate(base, step.loc);
  if (!IsKnown(key)) return Propagate(*FirstUnknown(key), step.loc);
  if (base.is(Value::Kind::kList)) {
    const auto i = key.AsNumber();
    if (!i || *i < 0 || std::floor(*i) != *i || *i >= static_cast<double>(base.items().size())) {
      return Value::Unknown("index " + key.Render(20) + " is out of range", step.loc);
    }
    return std::move(base.items()[static_cast<size_t>(*i)]);
  }
  if (base.is(Value::Kind::kMap)) {
    const auto k = ToText(key);
    if (k) {
      if (Value* v = base.Find(*k)) return std::move(*v);
    }
    return Value::Unknown("no element " + key.Render(40), step.loc);
  }
  return Value::Unknown("cannot index this value", step.loc);
}

Value TfEvaluator::Splat(const HclExpr& e) {
  Value source = Eval(e.children[0]);
  if (IsUnknownish(source)) return Propagate(source, e.loc);
  Value out = Value::List(e.loc);
  if (source.IsNull()) return out;
  if (!source.is(Value::Kind::kList)) {  // a single value splats as a one-element list
    Value one = Value::List(source.loc());
    one.Add(std::move(source));
    source = std::move(one);
  }
  for (const Value& item : source.items()) {
    splat_items_.push_back(&item);
    out.Add(Eval(e.children[1]));
    splat_items_.pop_back();
  }
  return out;
}

// ---- calls and operators -------------------------------------------------------------------

Value TfEvaluator::Call(const HclExpr& e) {
  const std::string_view name = e.text;
  if (name == "try") {
    // The first argument that evaluates; unknown arguments cannot be judged.
    Value first;
    for (const HclExpr& a : e.children) {
      Value v = Eval(a);
      if (IsKnown(v)) return v;
      if (first.IsNull()) first = std::move(v);
    }
    return first.IsNull() ? Value::Unknown("try() without arguments", e.loc)
                          : Propagate(*FirstUnknown(first), e.loc);
  }
  if (name == "can") {
    if (e.children.size() != 1) return Value::Unknown("can() needs one argument", e.loc);
    Value v = Eval(e.children[0]);
    return IsKnown(v) ? Value::Bool(true, e.loc) : Propagate(*FirstUnknown(v), e.loc);
  }
  std::vector<Value> args;
  for (const HclExpr& a : e.children) args.push_back(Eval(a));
  if (e.has(HclExpr::kExpandLast) && !args.empty()) {
    Value last = std::move(args.back());
    args.pop_back();
    if (!last.is(Value::Kind::kList)) {
      return IsUnknownish(last) ? Propagate(last, e.loc)
                                : Value::Unknown("'...' expands a value that is not a list", e.loc);
    }
    for (Value& v : last.items()) args.push_back(std::move(v));
  }
  if (StartsWith(name, "provider::") || StartsWith(name, "core::")) {
    return Value::Unknown("function '" + std::string(name) + "' is not evaluated offline", e.loc);
  }
  return CallTfFunction(name, std::move(args), e.loc);
}

Value TfEvaluator::Conditional(const HclExpr& e) {
  Value cond = Eval(e.children[0]);
  if (const auto b = cond.is(Value::Kind::kBool) || cond.is(Value::Kind::kString) ? cond.AsBool()
                                                                                  : std::nullopt) {
    return Eval(e.children[*b ? 1 : 2]);
  }
  if (!IsUnknownish(cond)) return Value::Unknown("the condition is not a bool", e.loc);
  // Both branches stay visible: a rule may pass or fail whichever way it goes.
  Value choice = Value::Choice(UnknownFrom(cond, e.loc).str(), e.loc);
  choice.Add(Eval(e.children[1]));
  choice.Add(Eval(e.children[2]));
  return choice;
}

Value TfEvaluator::Unary(const HclExpr& e) {
  Value v = Eval(e.children[0]);
  if (IsUnknownish(v)) return Propagate(v, e.loc);
  if (e.text == "!") {
    const auto b = v.AsBool();
    return b ? Value::Bool(!*b, e.loc) : Value::Unknown("'!' needs a bool", e.loc);
  }
  const auto d = v.AsNumber();
  return d ? Value::Number(FormatNumber(-*d), e.loc) : Value::Unknown("'-' needs a number", e.loc);
}

Value TfEvaluator::Binary(const HclExpr& e) {
  const std::string_view op = e.text;
  Value a = Eval(e.children[0]);
  Value b = Eval(e.children[1]);
  if (op == "&&" || op == "||") {
    const auto x = a.AsBool(), y = b.AsBool();
    const bool shortcut = op == "&&" ? false : true;
    if ((x && *x == shortcut) || (y && *y == shortcut)) return Value::Bool(shortcut, e.loc);
    if (x && y) return Value::Bool(op == "&&" ? (*x && *y) : (*x || *y), e.loc);
    if (IsUnknownish(a)) return Propagate(a, e.loc);
    if (IsUnknownish(b)) return Propagate(b, e.loc);
    return Value::Unknown("'" + std::string(op) + "' needs bools", e.loc);
  }
  if (!IsKnown(a)) return Propagate(*FirstUnknown(a), e.loc);
  if (!IsKnown(b)) return Propagate(*FirstUnknown(b), e.loc);
  if (op == "==" || op == "!=") {
    // Terraform converts a number and a numeric string before comparing when one side is a
    // literal; comparing the typed values is the stricter, documented rule.
    return Value::Bool(ValuesEqual(a, b) == (op == "=="), e.loc);
  }
  const auto x = a.AsNumber(), y = b.AsNumber();
  if (!x || !y) return Value::Unknown("'" + std::string(op) + "' needs numbers", e.loc);
  if (op == "<") return Value::Bool(*x < *y, e.loc);
  if (op == "<=") return Value::Bool(*x <= *y, e.loc);
  if (op == ">") return Value::Bool(*x > *y, e.loc);
  if (op == ">=") return Value::Bool(*x >= *y, e.loc);
  double r = 0;
  if (op == "+") r = *x + *y;
  if (op == "-") r = *x - *y;
  if (op == "*") r = *x * *y;
  if (op == "/" || op == "%") {
    if (*y == 0) return Value::Unknown("division by zero", e.loc);
    r = op == "/" ? *x / *y : std::fmod(*x, *y);
  }
  return Value::Number(FormatNumber(r), e.loc);
}

Value TfEvaluator::For(const HclExpr& e) {
  Value coll = Eval(e.children[0]);
  if (IsUnknownish(coll)) return Propagate(coll, e.loc);
  if (!coll.is(Value::Kind::kList) && !coll.is(Value::Kind::kMap)) {
    return Value::Unknown("'for' needs a list, set or map", e.loc);
  }
  const bool object = e.kind == HclExprKind::kForObject;
  const bool has_cond = e.has(HclExpr::kHasCondition);
  const HclExpr& value_expr = e.children[object ? 2 : 1];
  Value out = object ? Value::Map(e.loc) : Value::List(e.loc);
  const bool list = coll.is(Value::Kind::kList);
  const auto sorted = SortedMembers(coll);
  const size_t n = list ? coll.items().size() : sorted.size();
  for (size_t i = 0; i < n; ++i) {
    Bind(e.name, list ? coll.items()[i] : sorted[i]->value);
    if (!e.text.empty()) {
      Bind(e.text, list ? Value::Number(std::to_string(i)) : Value::String(sorted[i]->key));
    }
    Value keep = has_cond ? Eval(e.children.back()) : Value::Bool(true);
    Value key = object ? Eval(e.children[1]) : Value();
    Value v = Eval(value_expr);
    if (!e.text.empty()) Unbind();
    Unbind();
    const auto k = keep.AsBool();
    if (!k)
      return IsUnknownish(keep) ? Propagate(keep, e.loc)
                                : Value::Unknown("'if' needs a bool", e.loc);
    if (!*k) continue;
    if (!object) {
      out.Add(std::move(v));
      continue;
    }
    const auto text = IsKnown(key) ? ToText(key) : std::nullopt;
    if (!text)
      return IsKnown(key) ? Value::Unknown("a key is not a string", e.loc)
                          : Propagate(*FirstUnknown(key), e.loc);
    Value* slot = out.Find(*text);
    if (e.has(HclExpr::kGrouping)) {
      if (slot == nullptr) slot = &out.Set(*text, Value::List(v.loc()), key.loc());
      slot->Add(std::move(v));
    } else if (slot != nullptr) {
      return Value::Unknown("duplicate key \"" + *text + "\" in a for expression", e.loc);
    } else {
      out.Set(*text, std::move(v), key.loc());
    }
  }
  return out;
}

}  // namespace iaclint
