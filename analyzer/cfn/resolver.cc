#include "cfn/resolver.h"

#include <array>
#include <regex>

#include "model/tool_findings.h"

namespace iaclint {

namespace {

constexpr std::array<const char*, 21> kFunctions = {
    "Ref",         "Condition",   "Fn::Base64",  "Fn::Cidr",    "Fn::FindInMap",
    "Fn::GetAtt",  "Fn::GetAZs",  "Fn::ImportValue", "Fn::Join", "Fn::Select",
    "Fn::Split",   "Fn::Sub",     "Fn::Transform", "Fn::And",   "Fn::Equals",
    "Fn::If",      "Fn::Not",     "Fn::Or",      "Fn::ToJsonString", "Fn::Length",
    "Fn::ForEach"};

bool IsFunction(const std::string& name) {
  for (const char* f : kFunctions) {
    if (name == f) return true;
  }
  return false;
}

bool IsPseudo(const std::string& name) { return name.rfind("AWS::", 0) == 0; }

// The logical id part of a resource key ("templates/a.yaml#Bucket" -> "Bucket").
std::string DisplayId(const std::string& key) {
  const size_t hash = key.rfind('#');
  return hash == std::string::npos ? key : key.substr(hash + 1);
}

// Builds the string result of Fn::Sub / Fn::Join from resolved parts.
class StringBuilder {
 public:
  void Append(const Value& part) {
    if (unknown_) return;
    switch (part.kind()) {
      case Value::Kind::kString:
        text_ += part.str();
        flags_ |= part.flags() & (Value::kAssumedDefault | Value::kSymbolic);
        if (part.has(Value::kInterpolated)) {
          for (const Value& r : part.items()) refs_.push_back(r);
        }
        return;
      case Value::Kind::kNumber:
      case Value::Kind::kBool:
        text_ += *part.AsText();
        flags_ |= part.flags() & Value::kAssumedDefault;
        return;
      case Value::Kind::kRef:
        text_ += "${" + DisplayId(part.str()) +
                 (part.attribute().empty() ? "" : "." + part.attribute()) + "}";
        refs_.push_back(part);
        return;
      case Value::Kind::kUnknown:
        unknown_ = part;
        return;
      case Value::Kind::kChoice:
        unknown_ = Value::Unknown("depends on condition '" + part.str() + "'", part.loc());
        unknown_->set_tag("condition");
        return;
      case Value::Kind::kNull:
        if (part.has(Value::kNoValue)) return;  // AWS::NoValue contributes nothing
        [[fallthrough]];
      default:
        unknown_ = Value::Unknown(std::string("a ") + KindName(part.kind()) +
                                      " cannot be part of a string",
                                  part.loc());
        unknown_->set_tag("invalid");
    }
  }
  void AppendText(std::string_view s) { text_ += s; }

  Value Finish(const Location& loc) {
    if (unknown_) {
      Value u = *unknown_;
      u.set_loc(loc);
      return u;
    }
    Value v = Value::String(std::move(text_), loc);
    if (flags_ & Value::kAssumedDefault) v.set(Value::kAssumedDefault);
    if (flags_ & Value::kSymbolic) v.set(Value::kSymbolic);
    if (!refs_.empty()) {
      v.set(Value::kInterpolated);
      for (Value& r : refs_) v.Add(std::move(r));
    }
    return v;
  }

 private:
  std::string text_;
  std::vector<Value> refs_;
  uint8_t flags_ = 0;
  std::optional<Value> unknown_;
};

Value UnknownOf(std::string reason, std::string category, const Location& loc) {
  Value v = Value::Unknown(std::move(reason), loc);
  v.set_tag(std::move(category));
  return v;
}

// The argument of a call written as a YAML tag is the tagged node itself.
const Value& ArgOf(const Value& v, const std::string& fn) {
  if (!v.tag().empty()) return v;
  const Value* arg = v.Find(fn);
  return arg ? *arg : v;
}

bool IsSymbolicText(const Value& v) {
  return v.is(Value::Kind::kString) && v.str().find("${AWS::") != std::string::npos;
}

}  // namespace

std::string IntrinsicName(const Value& v) {
  if (!v.tag().empty() && v.tag()[0] == '!' && v.kind() <= Value::Kind::kMap) {
    const std::string bare = v.tag().substr(1);
    if (bare == "Ref" || bare == "Condition") return bare;
    const std::string fn = "Fn::" + bare;
    return IsFunction(fn) ? fn : "!";  // "!" = a tag CloudFormation does not know
  }
  if (v.is(Value::Kind::kMap) && v.members().size() == 1) {
    const std::string& key = v.members()[0].key;
    if (key == "Ref" || (key.rfind("Fn::", 0) == 0 && IsFunction(key))) return key;
  }
  return "";
}

CfnResolver::CfnResolver(const Value& root, FileId file, std::string scope,
                         const CfnOptions& options, Fragment& out)
    : root_(root), file_(file), scope_(std::move(scope)), options_(options), out_(out) {
  parameters_ = root.Find("Parameters");
  conditions_ = root.Find("Conditions");
  mappings_ = root.Find("Mappings");
  if (const Value* resources = root.Find("Resources")) {
    for (const auto& m : resources->members()) resources_.insert(m.key);
  }
}

Value CfnResolver::ResolveAt(const Value& v, size_t depth, bool ignore_tag) {
  if (depth > options_.limits.max_depth) {
    return OverLimit("max_depth",
                     "intrinsic functions nested deeper than " +
                         std::to_string(options_.limits.max_depth) + " levels",
                     "limit", v.loc());
  }
  if (!ignore_tag) {
    const std::string fn = IntrinsicName(v);
    if (fn == "!") {
      return UnknownOf("YAML tag " + v.tag() + " is not a CloudFormation intrinsic function",
                       "unsupported-tag", v.loc());
    }
    if (!fn.empty() && fn != "Condition") return Call(fn, ArgOf(v, fn), v.loc(), depth + 1);
  }
  Value out = v.WithoutChildren();
  out.set_tag("");
  if (v.is(Value::Kind::kList)) {
    for (const Value& item : v.items()) {
      Value r = ResolveAt(item, depth + 1, false);
      if (r.is(Value::Kind::kNull) && r.has(Value::kNoValue)) continue;
      out.Add(std::move(r));
    }
  } else if (v.is(Value::Kind::kMap)) {
    for (const auto& m : v.members()) {
      Value r = ResolveAt(m.value, depth + 1, false);
      if (r.is(Value::Kind::kNull) && r.has(Value::kNoValue)) continue;
      out.Set(m.key, std::move(r), m.key_loc);
    }
  }
  return out;
}

Value CfnResolver::Call(const std::string& fn, const Value& arg, const Location& loc,
                        size_t depth) {
  if (fn == "Ref") {
    auto name = arg.AsText();
    if (!name) return UnknownOf("Ref needs a name", "invalid", loc);
    return RefTo(*name, loc);
  }
  if (fn == "Fn::GetAtt") return GetAtt(arg, loc, depth);
  if (fn == "Fn::Sub") return Sub(arg, loc, depth);
  if (fn == "Fn::Join") return Join(arg, loc, depth);
  if (fn == "Fn::Select") return Select(arg, loc, depth);
  if (fn == "Fn::Split") return Split(arg, loc, depth);
  if (fn == "Fn::FindInMap") return FindInMap(arg, loc, depth);
  if (fn == "Fn::If") return If(arg, loc, depth);
  if (fn == "Fn::Base64" || fn == "Fn::ToJsonString") return ResolveAt(arg, depth, true);
  if (fn == "Fn::ImportValue") {
    Value name = ResolveAt(arg, depth, true);
    if (!name.is(Value::Kind::kString)) {
      return UnknownOf("the name given to Fn::ImportValue cannot be resolved", "import", loc);
    }
    return UnknownOf("no analysed template exports '" + name.str() + "'", "import:" + name.str(),
                     loc);
  }
  if (fn == "Fn::Equals" || fn == "Fn::And" || fn == "Fn::Or" || fn == "Fn::Not") {
    Value call = Value::Map(loc);
    call.Set(fn, arg, loc);
    const CondValue c = EvalCondition(call, depth);
    if (c.state == CondValue::kUnknown) return UnknownOf(c.reason, "condition", loc);
    Value b = Value::Bool(c.state == CondValue::kTrue, loc);
    if (c.assumed_default) b.set(Value::kAssumedDefault);
    return b;
  }
  if (fn == "Fn::GetAZs") {
    return UnknownOf("availability zones are known only at deployment", "deploy-time", loc);
  }
  if (fn == "Fn::Cidr") return UnknownOf("Fn::Cidr is computed at deployment", "deploy-time", loc);
  return UnknownOf(fn + " is not evaluated offline", "unsupported-function", loc);
}

Value CfnResolver::Unresolved(const std::string& name, const Location& loc,
                              const std::string& what) {
  if (reported_unresolved_.insert(name).second) {
    out_.diagnostics.push_back(ToolFinding(
        kUnresolvedReference,
        what + " '" + name + "' is not a parameter, resource or pseudo-parameter of this template",
        loc));
  }
  return UnknownOf("'" + name + "' is not declared in this template", "unresolved-reference", loc);
}

namespace {

// Whether a parameter's constraints make "" an invalid value, so a deployment must give it a
// non-empty one (CloudFormation rejects the stack otherwise).
bool ParameterExcludesEmpty(const Value& def) {
  const Value* type = def.Find("Type");
  if (type && type->AsText().value_or("") == "Number") return true;
  if (const Value* min = def.Find("MinLength"); min && min->AsNumber().value_or(0) >= 1) {
    return true;
  }
  if (const Value* allowed = def.Find("AllowedValues");
      allowed && allowed->is(Value::Kind::kList) && !allowed->items().empty()) {
    bool all_non_empty = true;
    for (const Value& v : allowed->items()) all_non_empty &= !v.AsText().value_or("").empty();
    if (all_non_empty) return true;
  }
  if (const Value* pattern = def.Find("AllowedPattern")) {
    // std::regex compiles and matches recursively: a hostile pattern is not compiled at all.
    if (pattern->AsText().value_or("").size() > 512) return false;
    try {
      // CloudFormation matches the whole value (Java regex); ECMAScript agrees on the usual
      // character classes, anchors and quantifiers.
      return !std::regex_match(std::string(), std::regex(pattern->AsText().value_or("")));
    } catch (const std::regex_error&) {
      return false;
    }
  }
  return false;
}

}  // namespace

Value CfnResolver::OverLimit(const std::string& limit, const std::string& what,
                             const std::string& category, const Location& loc) {
  if (reported_limits_.insert(limit).second) {
    Location at = loc;
    if (at.file == kNoFile) at.file = file_;
    if (at.line == 0) at.line = at.column = 1;
    out_.diagnostics.push_back(ToolFinding(
        kUnsupportedInput, what + "; the value is treated as unknown (" + LimitHint(limit) + ")",
        at));
  }
  return UnknownOf(what, category, loc);
}

Value CfnResolver::ParameterValue(const std::string& name, const Location& loc) {
  if (auto unknown = options_.unknown_parameters.find(name);
      unknown != options_.unknown_parameters.end()) {
    return UnknownOf("parameter '" + name + "' " + unknown->second, "parameter", loc);
  }
  auto given = options_.parameters.find(name);
  if (given != options_.parameters.end()) {
    Value v = Value::String(given->second, loc);
    v.set_tag("parameter " + name);
    return v;
  }
  const Value* def = parameters_->Find(name);
  const Value* dflt = (def && def->is(Value::Kind::kMap)) ? def->Find("Default") : nullptr;
  if (!dflt || dflt->IsNull()) {
    Value u = UnknownOf("parameter '" + name + "' has no default", "parameter", loc);
    if (def && def->is(Value::Kind::kMap) && ParameterExcludesEmpty(*def)) u.set(Value::kNonEmpty);
    return u;
  }
  // A default may (invalidly) refer to its own parameter; that must not recurse forever.
  if (!parameters_in_progress_.insert(name).second) {
    return UnknownOf("parameter '" + name + "' refers to itself", "invalid", loc);
  }
  Value v = ResolveAt(*dflt, 0, false);
  parameters_in_progress_.erase(name);
  const Value* type = def->Find("Type");
  const std::string type_text = type ? type->AsText().value_or("") : "";
  if (v.IsScalar() && (type_text == "CommaDelimitedList" || type_text.rfind("List<", 0) == 0)) {
    Value list = Value::List(loc);
    const std::string text = v.AsText().value_or("");
    size_t start = 0;
    while (start <= text.size()) {
      size_t comma = text.find(',', start);
      if (comma == std::string::npos) comma = text.size();
      std::string item = text.substr(start, comma - start);
      while (!item.empty() && item.front() == ' ') item.erase(0, 1);
      while (!item.empty() && item.back() == ' ') item.pop_back();
      list.Add(Value::String(item, loc));
      start = comma + 1;
    }
    v = std::move(list);
  }
  v.set_loc(loc);
  v.set(Value::kAssumedDefault);
  if (v.IsScalar()) v.set_tag("parameter " + name);
  return v;
}

Value CfnResolver::RefTo(const std::string& name, const Location& loc) {
  if (parameters_ && parameters_->Find(name)) return ParameterValue(name, loc);
  if (resources_.count(name)) return Value::Ref(ResourceKey(scope_, name), "", loc);
  if (IsPseudo(name)) {
    if (name == "AWS::NoValue") {
      Value v = Value::Null(loc);
      v.set(Value::kNoValue);
      return v;
    }
    if (name == "AWS::NotificationARNs") {
      return UnknownOf("AWS::NotificationARNs is known only at deployment", "deploy-time", loc);
    }
    if (name == "AWS::AccountId" || name == "AWS::Region" || name == "AWS::Partition" ||
        name == "AWS::StackName" || name == "AWS::StackId" || name == "AWS::URLSuffix") {
      Value v = Value::String("${" + name + "}", loc);
      v.set(Value::kSymbolic);
      return v;
    }
  }
  return Unresolved(name, loc, "Ref to");
}

Value CfnResolver::GetAtt(const Value& arg, const Location& loc, size_t depth) {
  std::string resource, attribute;
  if (auto text = arg.AsText()) {
    const size_t dot = text->find('.');
    resource = text->substr(0, dot);
    if (dot != std::string::npos) attribute = text->substr(dot + 1);
  } else if (arg.is(Value::Kind::kList) && arg.items().size() == 2) {
    resource = arg.items()[0].AsText().value_or("");
    Value attr = ResolveAt(arg.items()[1], depth, false);
    attribute = attr.AsText().value_or("");
  }
  if (resource.empty()) return UnknownOf("Fn::GetAtt needs a resource and attribute", "invalid", loc);
  if (!resources_.count(resource)) return Unresolved(resource, loc, "Fn::GetAtt of");
  return Value::Ref(ResourceKey(scope_, resource), attribute, loc);
}

Value CfnResolver::Sub(const Value& arg, const Location& loc, size_t depth) {
  const Value* format = &arg;
  const Value* vars = nullptr;
  if (arg.is(Value::Kind::kList)) {
    if (arg.items().empty()) return UnknownOf("Fn::Sub needs a string", "invalid", loc);
    format = &arg.items()[0];
    if (arg.items().size() > 1) vars = &arg.items()[1];
  }
  if (!format->is(Value::Kind::kString)) {
    return UnknownOf("Fn::Sub needs a literal format string", "invalid", loc);
  }
  const std::string& text = format->str();
  StringBuilder out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find("${", pos);
    if (open == std::string::npos) {
      out.AppendText(std::string_view(text).substr(pos));
      break;
    }
    out.AppendText(std::string_view(text).substr(pos, open - pos));
    const size_t close = text.find('}', open);
    if (close == std::string::npos) {
      out.AppendText(std::string_view(text).substr(open));
      break;
    }
    std::string name = text.substr(open + 2, close - open - 2);
    pos = close + 1;
    if (!name.empty() && name[0] == '!') {  // ${!Literal} renders as ${Literal}
      out.AppendText("${" + name.substr(1) + "}");
      continue;
    }
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (vars && vars->Find(name)) {
      out.Append(ResolveAt(*vars->Find(name), depth + 1, false));
      continue;
    }
    const size_t dot = name.find('.');
    if (dot != std::string::npos && resources_.count(name.substr(0, dot))) {
      out.Append(Value::Ref(ResourceKey(scope_, name.substr(0, dot)), name.substr(dot + 1), loc));
      continue;
    }
    out.Append(RefTo(name, loc));
  }
  return out.Finish(loc);
}

Value CfnResolver::Join(const Value& arg, const Location& loc, size_t depth) {
  if (!arg.is(Value::Kind::kList) || arg.items().size() != 2) {
    return UnknownOf("Fn::Join needs [delimiter, list]", "invalid", loc);
  }
  const std::string delimiter = arg.items()[0].AsText().value_or("");
  Value list = ResolveAt(arg.items()[1], depth + 1, false);
  if (!list.is(Value::Kind::kList)) {
    if (list.is(Value::Kind::kUnknown)) return list;
    return UnknownOf("Fn::Join needs a list of values", "invalid", loc);
  }
  StringBuilder out;
  for (size_t i = 0; i < list.items().size(); ++i) {
    if (i) out.AppendText(delimiter);
    out.Append(list.items()[i]);
  }
  return out.Finish(loc);
}

Value CfnResolver::Select(const Value& arg, const Location& loc, size_t depth) {
  if (!arg.is(Value::Kind::kList) || arg.items().size() != 2) {
    return UnknownOf("Fn::Select needs [index, list]", "invalid", loc);
  }
  Value index = ResolveAt(arg.items()[0], depth + 1, false);
  Value list = ResolveAt(arg.items()[1], depth + 1, false);
  if (list.is(Value::Kind::kUnknown)) return list;
  const auto n = index.AsNumber();
  if (!n || !list.is(Value::Kind::kList)) {
    return UnknownOf("Fn::Select cannot be evaluated offline", "deploy-time", loc);
  }
  if (*n < 0 || *n >= static_cast<double>(list.items().size())) {
    return UnknownOf("Fn::Select index out of range", "invalid", loc);
  }
  return list.items()[static_cast<size_t>(*n)];
}

Value CfnResolver::Split(const Value& arg, const Location& loc, size_t depth) {
  if (!arg.is(Value::Kind::kList) || arg.items().size() != 2) {
    return UnknownOf("Fn::Split needs [delimiter, string]", "invalid", loc);
  }
  const std::string delimiter = arg.items()[0].AsText().value_or("");
  Value source = ResolveAt(arg.items()[1], depth + 1, false);
  if (!source.is(Value::Kind::kString) || source.has(Value::kInterpolated) || delimiter.empty()) {
    return source.is(Value::Kind::kUnknown)
               ? source
               : UnknownOf("Fn::Split of a value known only at deployment", "deploy-time", loc);
  }
  Value list = Value::List(loc);
  const std::string& text = source.str();
  size_t start = 0;
  while (true) {
    const size_t at = text.find(delimiter, start);
    list.Add(Value::String(text.substr(start, at - start), loc));
    if (at == std::string::npos) break;
    start = at + delimiter.size();
  }
  return list;
}

Value CfnResolver::FindInMap(const Value& arg, const Location& loc, size_t depth) {
  if (!arg.is(Value::Kind::kList) || arg.items().size() < 3) {
    return UnknownOf("Fn::FindInMap needs [map, key, key]", "invalid", loc);
  }
  const std::string map_name = ResolveAt(arg.items()[0], depth + 1, false).AsText().value_or("");
  Value top = ResolveAt(arg.items()[1], depth + 1, false);
  Value second = ResolveAt(arg.items()[2], depth + 1, false);
  const Value* map = mappings_ ? mappings_->Find(map_name) : nullptr;
  if (!map) return UnknownOf("mapping '" + map_name + "' is not declared", "invalid", loc);
  auto second_key = second.AsText();
  if (!second_key || IsSymbolicText(second) || top.is(Value::Kind::kUnknown)) {
    return UnknownOf("Fn::FindInMap keys are known only at deployment", "deploy-time", loc);
  }
  auto top_key = top.AsText();
  if (top_key && !IsSymbolicText(top)) {
    const Value* entry = map->Find(*top_key);
    const Value* value = entry ? entry->Find(*second_key) : nullptr;
    if (!value) return UnknownOf("mapping '" + map_name + "' has no such key", "invalid", loc);
    Value out = ResolveAt(*value, depth + 1, false);
    out.set_loc(loc);
    return out;
  }
  // A key such as ${AWS::Region}: the value is known when every entry agrees.
  std::optional<Value> agreed;
  for (const auto& entry : map->members()) {
    const Value* value = entry.value.Find(*second_key);
    if (!value) continue;
    if (agreed && agreed->Render() != value->Render()) {
      return UnknownOf("mapping '" + map_name + "' differs by " + top.Render(), "deploy-time",
                       loc);
    }
    agreed = *value;
  }
  if (!agreed) return UnknownOf("mapping '" + map_name + "' has no such key", "invalid", loc);
  Value out = ResolveAt(*agreed, depth + 1, false);
  out.set_loc(loc);
  return out;
}

Value CfnResolver::If(const Value& arg, const Location& loc, size_t depth) {
  if (!arg.is(Value::Kind::kList) || arg.items().size() != 3) {
    return UnknownOf("Fn::If needs [condition, then, else]", "invalid", loc);
  }
  const std::string name = arg.items()[0].AsText().value_or("");
  const CondValue c = Condition(name);
  if (c.state == CondValue::kTrue) return ResolveAt(arg.items()[1], depth + 1, false);
  if (c.state == CondValue::kFalse) return ResolveAt(arg.items()[2], depth + 1, false);
  Value choice = Value::Choice(name, loc);
  size_t leaves = 0;
  for (size_t i = 1; i <= 2; ++i) {
    Value branch = ResolveAt(arg.items()[i], depth + 1, false);
    if (branch.is(Value::Kind::kUnknown) && branch.category() == "condition-limit") return branch;
    leaves += branch.is(Value::Kind::kChoice) ? branch.items().size() : 1;
    if (branch.is(Value::Kind::kChoice)) {
      // Flatten nested choices so the alternative count is explicit and capped.
      for (Value& alt : branch.items()) choice.Add(std::move(alt));
    } else {
      choice.Add(std::move(branch));
    }
  }
  if (leaves > options_.max_choices) {
    return OverLimit("max_if_combinations",
                     "more than " + std::to_string(options_.max_choices) +
                         " Fn::If combinations (condition '" + name + "' and others)",
                     "condition-limit", loc);
  }
  return choice;
}

CondValue CfnResolver::Condition(const std::string& name) {
  auto cached = condition_cache_.find(name);
  if (cached != condition_cache_.end()) return cached->second;
  CondValue result;
  const Value* def = conditions_ ? conditions_->Find(name) : nullptr;
  if (!def) {
    result.reason = "condition '" + name + "' is not declared";
  } else if (conditions_in_progress_.count(name)) {
    result.reason = "condition '" + name + "' refers to itself";
    return result;
  } else if (conditions_in_progress_.size() >= options_.limits.max_depth) {
    // A chain of conditions each naming the next: bounded like any other nesting.
    result.reason = "conditions refer to each other more than " +
                    std::to_string(options_.limits.max_depth) + " levels deep (" +
                    LimitHint("max_depth") + ")";
    return result;
  } else {
    conditions_in_progress_.insert(name);
    result = EvalCondition(*def, 0);
    conditions_in_progress_.erase(name);
    if (result.state == CondValue::kUnknown && result.reason.empty()) {
      result.reason = "condition '" + name + "' cannot be decided offline";
    }
  }
  condition_cache_[name] = result;
  return result;
}

CondValue CfnResolver::Equals(const Value& arg, size_t depth) {
  CondValue out;
  if (!arg.is(Value::Kind::kList) || arg.items().size() != 2) {
    out.reason = "Fn::Equals needs two values";
    return out;
  }
  Value a = ResolveAt(arg.items()[0], depth + 1, false);
  Value b = ResolveAt(arg.items()[1], depth + 1, false);
  out.assumed_default = a.has(Value::kAssumedDefault) || b.has(Value::kAssumedDefault);
  for (const Value* v : {&a, &b}) {
    if (v->is(Value::Kind::kUnknown)) {
      out.reason = v->str();
      return out;
    }
    if (v->is(Value::Kind::kChoice)) {
      out.reason = "depends on condition '" + v->str() + "'";
      return out;
    }
  }
  const std::string ra = a.AsText() ? *a.AsText() : a.Render(1u << 20);
  const std::string rb = b.AsText() ? *b.AsText() : b.Render(1u << 20);
  if (ra == rb) {
    out.state = CondValue::kTrue;
  } else if (IsSymbolicText(a) || IsSymbolicText(b) || a.has(Value::kInterpolated) ||
             b.has(Value::kInterpolated) || a.is(Value::Kind::kRef) || b.is(Value::Kind::kRef)) {
    out.reason = "compares " + a.Render(60) + " with " + b.Render(60) +
                 ", known only at deployment";
  } else {
    out.state = CondValue::kFalse;
  }
  return out;
}

CondValue CfnResolver::EvalCondition(const Value& expr, size_t depth) {
  CondValue out;
  if (depth > options_.limits.max_depth) {
    out.reason = "condition nested too deeply";
    return out;
  }
  const std::string fn = IntrinsicName(expr);
  const Value& arg = ArgOf(expr, fn.empty() ? std::string("Condition") : fn);
  if (fn == "Condition" || (fn.empty() && expr.Find("Condition"))) {
    return Condition(arg.AsText().value_or(""));
  }
  if (fn == "Fn::Equals") return Equals(arg, depth);
  if (fn == "Fn::Not") {
    const Value& inner = arg.is(Value::Kind::kList) && !arg.items().empty() ? arg.items()[0] : arg;
    CondValue c = EvalCondition(inner, depth + 1);
    if (c.state != CondValue::kUnknown) {
      c.state = (c.state == CondValue::kTrue) ? CondValue::kFalse : CondValue::kTrue;
    }
    return c;
  }
  if (fn == "Fn::And" || fn == "Fn::Or") {
    const bool is_and = fn == "Fn::And";
    out.state = is_and ? CondValue::kTrue : CondValue::kFalse;
    bool any_unknown = false;
    for (const Value& item : arg.items()) {
      CondValue c = EvalCondition(item, depth + 1);
      out.assumed_default |= c.assumed_default;
      if (c.state == CondValue::kUnknown) {
        any_unknown = true;
        if (out.reason.empty()) out.reason = c.reason;
      } else if ((c.state == CondValue::kFalse) == is_and) {
        CondValue decided;
        decided.state = is_and ? CondValue::kFalse : CondValue::kTrue;
        decided.assumed_default = c.assumed_default;
        return decided;
      }
    }
    if (any_unknown) out.state = CondValue::kUnknown;
    return out;
  }
  if (auto b = expr.AsBool()) {
    out.state = *b ? CondValue::kTrue : CondValue::kFalse;
    return out;
  }
  out.reason = "unsupported condition expression " + expr.Render(60);
  return out;
}

}  // namespace iaclint
