#include "terraform/plan_sax.h"

#include <algorithm>
#include <cstring>

#include "base/text.h"
#include "terraform/tf_address.h"

namespace iaclint {

Location LocationOfOffset(std::string_view text, FileId file, size_t offset) {
  OffsetCursor cursor(text, file);
  return cursor.At(offset);
}

Location OffsetCursor::At(size_t offset) {
  if (offset > text_.size()) offset = text_.size();
  if (offset < offset_) {
    offset_ = 0;
    line_ = column_ = 1;
  }
  while (offset_ < offset) {
    const void* nl = std::memchr(text_.data() + offset_, '\n', offset - offset_);
    if (!nl) {
      column_ += Utf16Length(text_.substr(offset_, offset - offset_));
      offset_ = offset;
      break;
    }
    ++line_;
    column_ = 1;
    offset_ = static_cast<size_t>(static_cast<const char*>(nl) - text_.data()) + 1;
  }
  return Location{file_, line_, column_, line_, column_};
}

// ---------------------------------------------------------------------------------------

namespace {

// Moves `from` into `to`, which gets exactly their size, and empties `from`.
template <typename T>
void MoveInto(std::vector<T>& from, std::vector<T>& to) {
  if (from.empty()) return;
  to.reserve(to.size() + from.size());
  for (T& element : from) to.push_back(std::move(element));
  from.clear();
}

}  // namespace

void ValueBuilder::Begin(const TfKeep* keep, size_t max_depth) {
  stack_.clear();
  for (auto& members : members_at_) members.clear();
  for (auto& items : items_at_) items.clear();
  root_ = Value();
  root_keep_ = keep && keep->all ? nullptr : keep;
  key_.clear();
  skip_ = 0;
  max_depth_ = max_depth;
  too_deep_ = false;
}

Value* ValueBuilder::Place(Value v, const TfKeep** keep) {
  if (stack_.empty()) {
    root_ = std::move(v);
    *keep = root_keep_;
    return &root_;
  }
  Level& top = stack_.back();
  const size_t depth = stack_.size() - 1;
  if (top.value->is(Value::Kind::kMap)) {
    const TfKeep* child = nullptr;
    if (top.keep) {
      auto it = top.keep->keys.find(key_);
      if (it == top.keep->keys.end()) return nullptr;
      child = it->second.all ? nullptr : &it->second;
    }
    *keep = child;
    members_at_[depth].push_back(Value::Member{std::move(key_), {}, std::move(v)});
    return &members_at_[depth].back().value;
  }
  items_at_[depth].push_back(std::move(v));
  *keep = top.keep;
  return &items_at_[depth].back();
}

bool ValueBuilder::Dropping() const {
  if (skip_) return true;
  if (stack_.empty()) return false;
  const Level& top = stack_.back();
  return top.keep && top.value->is(Value::Kind::kMap) && !top.keep->keys.count(key_);
}

bool ValueBuilder::Scalar(Value v) {
  if (skip_) return false;
  const TfKeep* keep = nullptr;
  Place(std::move(v), &keep);
  return stack_.empty();
}

bool ValueBuilder::Open(Value container) {
  if (skip_) {
    ++skip_;
    return false;
  }
  const TfKeep* keep = nullptr;
  Value* slot = Place(std::move(container), &keep);
  if (!slot) {
    skip_ = 1;
    return false;
  }
  if (stack_.size() >= max_depth_) too_deep_ = true;
  stack_.push_back(Level{slot, keep});
  if (members_at_.size() < stack_.size()) {
    members_at_.emplace_back();
    items_at_.emplace_back();
  }
  return false;
}

bool ValueBuilder::Close() {
  if (skip_) {
    --skip_;
    return false;
  }
  if (!stack_.empty()) {
    Value& done = *stack_.back().value;
    const size_t depth = stack_.size() - 1;
    MoveInto(members_at_[depth], done.members());
    MoveInto(items_at_[depth], done.items());
    stack_.pop_back();
  }
  return stack_.empty();
}

// ---------------------------------------------------------------------------------------

namespace {

std::string JoinPath(const std::string& a, const std::string& b) {
  return a.empty() ? b : a + "." + b;
}

}  // namespace

PlanSax::PlanSax(std::string_view text, FileId file, const PlanReadOptions& options,
                 const char* const* position)
    : text_(text), file_(file), options_(options), position_(position), cursor_(text, file) {
  stack_.reserve(32);
  Push(Ctx::kTop);
}

void PlanSax::Push(Ctx ctx, std::string path, RefMap* sink) {
  Frame f;
  f.ctx = ctx;
  f.path = std::move(path);
  f.sink = sink;
  stack_.push_back(std::move(f));
}

void PlanSax::Warn(const std::string& message) {
  parts_.warnings.push_back(Error{message, cursor_.At(Offset())});
}

void PlanSax::ParseError(size_t position, const std::string&, const std::string& what) {
  // nlohmann reports how many characters it read, the offending one included: it sits at
  // position - 1 (the end of the text when input ends early). An invalid literal ("tru]")
  // is reported where the literal starts.
  size_t offset = position > 0 ? position - 1 : 0;
  if (what.find("invalid literal") != std::string::npos) {
    auto literal = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '-' || c == '+' || c == '.';
    };
    while (offset > 0 && offset <= text_.size() && literal(text_[offset - 1])) --offset;
  }
  std::string message = what;
  const size_t at = message.find("parse error");
  if (at != std::string::npos) {
    const size_t colon = message.find(": ", at);
    if (colon != std::string::npos) message = message.substr(colon + 2);
  }
  error_ = Error{"invalid JSON: " + message, LocationOfOffset(text_, file_, offset)};
}

bool PlanSax::Value_(Value v) {
  if (skip_) return true;
  Frame& top = stack_.back();
  if (top.ctx == Ctx::kBuild) {
    builder_.Scalar(std::move(v));
    return true;
  }
  Scalar(top, top.key, v);
  ++top.index;
  return true;
}

bool PlanSax::null() { return Value_(Value::Null()); }
bool PlanSax::boolean(bool b) { return Value_(Value::Bool(b)); }
bool PlanSax::number_integer(int64_t n) { return Value_(Value::Number(std::to_string(n))); }
bool PlanSax::number_unsigned(uint64_t n) { return Value_(Value::Number(std::to_string(n))); }
bool PlanSax::number_float(double, const std::string& text) { return Value_(Value::Number(text)); }
bool PlanSax::string(std::string& s) {
  if (skip_ || (stack_.back().ctx == Ctx::kBuild && builder_.Dropping())) return true;
  // A copy, not a move: the parser's buffer keeps its capacity for the next string.
  return Value_(Value::String(s));
}

bool PlanSax::key(std::string& k) {
  if (skip_) return true;
  Frame& top = stack_.back();
  if (top.ctx == Ctx::kBuild) {
    builder_.Key(k);
    return true;
  }
  if ((top.ctx == Ctx::kChangeEntry || top.ctx == Ctx::kPvResource) && k == "address") {
    const size_t end = Offset();
    entry_.loc = cursor_.At(end >= 9 ? end - 9 : 0);
    entry_.loc.end_column = entry_.loc.column + 9;
  } else if (top.ctx == Ctx::kExpr && top.sink == &cfg_.refs && top.path.empty()) {
    cfg_.keys.push_back(k);
  } else if (top.ctx == Ctx::kRoot && k == "format_version") {
    const size_t end = Offset();
    parts_.format_version_loc = cursor_.At(end >= 16 ? end - 16 : 0);
  }
  top.key.assign(k);
  return true;
}

void PlanSax::Scalar(Frame& f, const std::string& name, Value& v) {
  auto text = [&](std::string& out) {
    if (v.is(Value::Kind::kString) || v.is(Value::Kind::kNumber)) {
      out = v.str();
    } else if (!v.IsNull()) {
      Warn("'" + name + "' is " + KindName(v.kind()) + ", not a string; ignored");
    }
  };
  switch (f.ctx) {
    case Ctx::kRoot:
      if (name == "format_version") text(parts_.format_version);
      if (name == "terraform_version") text(parts_.terraform_version);
      return;
    case Ctx::kPvModule:
      if (name == "address") text(f.path);
      return;
    case Ctx::kPvResource:
    case Ctx::kChangeEntry:
      if (name == "address") text(entry_.address);
      if (name == "module_address") {
        text(entry_.module_address);
        entry_.has_module_address = v.is(Value::Kind::kString);
      }
      if (name == "mode") text(entry_.mode);
      if (name == "type") text(entry_.type);
      if (name == "name") text(entry_.name);
      if (name == "index") entry_.index = std::move(v);
      if (name == "deposed") entry_.deposed = v.is(Value::Kind::kString) && !v.str().empty();
      return;
    case Ctx::kChange:
      if (name == "after_unknown" && v.AsBool() == true) entry_.all_unknown = true;
      return;
    case Ctx::kActions:
      if (v.is(Value::Kind::kString)) entry_.actions.push_back(v.str());
      return;
    case Ctx::kCfgResource:
      if (name == "address") text(cfg_.address);
      if (name == "mode") text(cfg_.mode);
      if (name == "type") text(cfg_.type);
      if (name == "name") text(cfg_.name);
      return;
    case Ctx::kRefList:
      if (v.is(Value::Kind::kString) && f.sink) (*f.sink)[f.path].push_back(v.str());
      return;
    default:
      return;
  }
}

bool PlanSax::start_object(size_t) { return Open(true); }
bool PlanSax::start_array(size_t) { return Open(false); }
bool PlanSax::end_object() { return Close(); }
bool PlanSax::end_array() { return Close(); }

bool PlanSax::Open(bool object) {
  if (skip_) {
    ++skip_;
    return true;
  }
  Frame& top = stack_.back();
  if (top.ctx == Ctx::kBuild) {
    builder_.Open(object ? Value::Map() : Value::List());
    if (builder_.too_deep()) {
      error_ = Error{"nesting deeper than " + std::to_string(options_.limits.max_depth) + " levels",
                     LocationOfOffset(text_, file_, Offset())};
      return false;
    }
    return true;
  }
  const std::string name = top.key;
  const size_t index = top.index++;
  const Ctx parent = top.ctx;
  const std::string parent_path = top.path;
  RefMap* sink = top.sink;
  auto skip = [this] {
    skip_ = 1;
    return true;
  };
  auto push = [&](Ctx ctx, std::string path = {}, RefMap* s = nullptr) {
    Push(ctx, std::move(path), s);
    return true;
  };
  switch (parent) {
    case Ctx::kTop:
      return object ? push(Ctx::kRoot) : skip();
    case Ctx::kRoot:
      if (object && name == "planned_values") {
        parts_.has_values = true;
        return push(Ctx::kValuesRoot);
      }
      if (object && name == "values") {
        parts_.state = parts_.has_values = true;
        return push(Ctx::kValuesRoot);
      }
      if (!object && name == "resource_changes") {
        parts_.has_changes = true;
        return push(Ctx::kChanges);
      }
      if (object && name == "configuration") return push(Ctx::kConfig);
      return skip();
    case Ctx::kValuesRoot:
      if (object && name == "root_module") {
        push(Ctx::kPvModule);
        stack_.back().first_entry = parts_.planned.size();
        return true;
      }
      return skip();
    case Ctx::kPvModule:
      if (!object && name == "resources") return push(Ctx::kPvResources);
      if (!object && name == "child_modules") return push(Ctx::kPvChildren);
      return skip();
    case Ctx::kPvChildren:
      if (!object) return skip();
      push(Ctx::kPvModule);
      stack_.back().first_entry = parts_.planned.size();
      return true;
    case Ctx::kPvResources:
    case Ctx::kChanges:
      if (!object) return skip();
      entry_ = PlanParts::Entry();
      return push(parent == Ctx::kChanges ? Ctx::kChangeEntry : Ctx::kPvResource);
    case Ctx::kPvResource:
      if (object && name == "values") {
        entry_.values_begin = Offset() - 1;
        return push(Ctx::kPvValues);
      }
      return skip();
    case Ctx::kChangeEntry:
      return object && name == "change" ? push(Ctx::kChange) : skip();
    case Ctx::kChange: {
      if (!object && name == "actions") return push(Ctx::kActions);
      const bool after = name == "after", unknown = name == "after_unknown";
      if (!after && !unknown) return skip();
      if (after && !object) return skip();  // after is an object or null
      const TfKeep* keep = nullptr;
      if (options_.keep && !entry_.type.empty()) {
        auto it = options_.keep->find(entry_.type);
        if (it == options_.keep->end()) {
          entry_.keep = false;
          return skip();
        }
        keep = &it->second;
      } else if (options_.keep) {
        entry_.unfiltered = true;  // "type" comes later in this entry (keys sorted)
      }
      build_target_ = after ? BuildTarget::kAfter : BuildTarget::kAfterUnknown;
      if (after) entry_.has_after = true;
      builder_.Begin(keep, options_.limits.max_depth);
      builder_.Open(object ? Value::Map() : Value::List());
      return push(Ctx::kBuild);
    }
    case Ctx::kConfig:
      return object && name == "root_module" ? push(Ctx::kCfgModule, "") : skip();
    case Ctx::kCfgModule:
      if (!object && name == "resources") return push(Ctx::kCfgResources, parent_path);
      if (object && name == "module_calls") return push(Ctx::kCfgCalls, parent_path);
      if (object && name == "outputs" && !parent_path.empty()) {
        return push(Ctx::kCfgOutputs, parent_path, &parts_.links[parent_path].outputs);
      }
      return skip();
    case Ctx::kCfgResources:
      if (!object) return skip();
      cfg_ = CfgResource();
      cfg_.module_path = parent_path;
      return push(Ctx::kCfgResource);
    case Ctx::kCfgResource:
      return object && name == "expressions" ? push(Ctx::kExpr, "", &cfg_.refs) : skip();
    case Ctx::kExpr:
      if (name == "references") return object ? skip() : push(Ctx::kRefList, parent_path, sink);
      if (name == "constant_value") return skip();
      return push(object ? Ctx::kExpr : Ctx::kExprList, JoinPath(parent_path, name), sink);
    case Ctx::kExprList:
      return object ? push(Ctx::kExpr, JoinPath(parent_path, std::to_string(index)), sink) : skip();
    case Ctx::kCfgCalls: {
      if (!object) return skip();
      const std::string child = JoinPath(parent_path, "module." + name);
      parts_.links[child].address = child;
      return push(Ctx::kCfgCall, child);
    }
    case Ctx::kCfgCall:
      if (object && name == "expressions") {
        return push(Ctx::kExpr, "", &parts_.links[parent_path].inputs);
      }
      if (object && name == "module") return push(Ctx::kCfgModule, parent_path);
      return skip();
    case Ctx::kCfgOutputs:
      return object ? push(Ctx::kCfgOutput, name, sink) : skip();
    case Ctx::kCfgOutput:
      return object && name == "expression" ? push(Ctx::kExpr, parent_path, sink) : skip();
    default:
      return skip();
  }
}

bool PlanSax::Close() {
  if (skip_) {
    --skip_;
    return true;
  }
  Frame& top = stack_.back();
  if (top.ctx == Ctx::kBuild) {
    if (!builder_.Close()) return true;
    Value v = builder_.Take();
    if (build_target_ == BuildTarget::kAfter) {
      entry_.after = std::move(v);
    } else {
      entry_.after_unknown = std::move(v);
    }
    stack_.pop_back();
    return true;
  }
  Frame f = std::move(stack_.back());
  stack_.pop_back();
  switch (f.ctx) {
    case Ctx::kPvResource:
      EndEntry(entry_, false);
      break;
    case Ctx::kChangeEntry:
      EndEntry(entry_, true);
      break;
    case Ctx::kPvValues:
      entry_.values_end = Offset();
      break;
    case Ctx::kPvModule:
      for (size_t i = f.first_entry; i < parts_.planned.size(); ++i) {
        PlanParts::Entry& e = parts_.planned[i];
        if (!e.has_module_address) {
          e.module_address = f.path;
          e.has_module_address = true;
        }
      }
      break;
    case Ctx::kCfgResource:
      EndCfgResource();
      break;
    default:
      break;
  }
  return true;
}

Value AfterUnknown() {
  Value u = Value::Unknown("known only after apply (after_unknown in the plan)");
  u.set_tag("after-unknown");
  return u;
}

bool HasTrue(const Value& v) {
  if (v.is(Value::Kind::kBool)) return v.boolean();
  for (const Value& item : v.items()) {
    if (HasTrue(item)) return true;
  }
  for (const auto& m : v.members()) {
    if (HasTrue(m.value)) return true;
  }
  return false;
}

// Replaces the leaves that after_unknown marks true with Unknown values.
void MarkUnknown(Value& after, const Value& unknown) {
  if (unknown.is(Value::Kind::kBool)) {
    if (unknown.boolean()) after = AfterUnknown();
    return;
  }
  if (!HasTrue(unknown)) return;
  if (unknown.is(Value::Kind::kMap)) {
    if (after.IsNull()) after = Value::Map();
    if (!after.is(Value::Kind::kMap)) return;
    for (const auto& m : unknown.members()) {
      if (!HasTrue(m.value)) continue;
      Value* slot = after.Find(m.key);
      if (!slot) slot = &after.Set(m.key, Value::Null());
      MarkUnknown(*slot, m.value);
    }
  } else if (unknown.is(Value::Kind::kList)) {
    if (after.IsNull()) after = Value::List();
    if (!after.is(Value::Kind::kList)) return;
    for (size_t i = 0; i < unknown.items().size(); ++i) {
      if (i >= after.items().size()) after.Add(Value::Null());
      MarkUnknown(after.items()[i], unknown.items()[i]);
    }
  }
}

namespace {

bool Skipped(const PlanParts::Entry& e) {
  if (e.deposed || !e.keep) return true;
  if (e.actions.empty()) return false;
  for (const std::string& a : e.actions) {
    if (a != "delete" && a != "forget") return false;
  }
  return true;  // destroyed or forgotten: not part of the desired state
}

}  // namespace

TfResourceInstance MakeInstance(PlanParts::Entry& e, std::string module_path) {
  TfResourceInstance inst;
  inst.address = std::move(e.address);
  inst.module_path = std::move(module_path);
  inst.mode = e.mode.empty() ? "managed" : std::move(e.mode);
  inst.type = std::move(e.type);
  inst.name = std::move(e.name);
  inst.index = std::move(e.index);
  inst.loc = e.loc;
  return inst;
}

void Prune(Value& v, const TfKeep& keep) {
  if (keep.all) return;
  if (v.is(Value::Kind::kList)) {
    for (Value& item : v.items()) Prune(item, keep);
    return;
  }
  if (!v.is(Value::Kind::kMap)) return;
  auto& members = v.members();
  members.erase(std::remove_if(members.begin(), members.end(),
                               [&](const Value::Member& m) { return !keep.keys.count(m.key); }),
                members.end());
  for (auto& m : members) Prune(m.value, keep.keys.find(m.key)->second);
}

void PlanSax::EndEntry(PlanParts::Entry& e, bool change) {
  const char* what = change ? "a resource_changes entry" : "a planned_values resource";
  if (e.address.empty()) {
    Warn(std::string(what) + " has no address; skipped");
    return;
  }
  if (e.type.empty()) {
    Warn(std::string(what) + " (" + e.address + ") has no type; skipped");
    return;
  }
  if (options_.keep) {
    auto it = options_.keep->find(e.type);
    if (it == options_.keep->end()) {
      e.keep = false;
      e.after = e.after_unknown = Value();
    } else if (e.unfiltered) {
      Prune(e.after, it->second);
      Prune(e.after_unknown, it->second);
    }
  }
  if (change) {
    EndChange(e);
    return;
  }
  e.has_module_address = false;  // planned_values: set by the enclosing module
  parts_.planned_index.emplace(e.address, parts_.planned.size());
  parts_.planned.push_back(std::move(e));
}

void PlanSax::EndChange(PlanParts::Entry& e) {
  parts_.changed.insert(e.address);
  if (Skipped(e) || !e.has_after) return;
  std::string module_path;
  if (e.has_module_address) {
    module_path = std::move(e.module_address);
  } else if (auto it = parts_.planned_index.find(e.address); it != parts_.planned_index.end()) {
    module_path = parts_.planned[it->second].module_address;
  } else {
    module_path = ParseResourceAddress(e.address).module_path;
  }
  Value attributes = std::move(e.after);
  if (e.all_unknown) {
    attributes = AfterUnknown();
  } else {
    MarkUnknown(attributes, e.after_unknown);
  }
  if (!attributes.is(Value::Kind::kMap) && !attributes.is(Value::Kind::kUnknown)) {
    parts_.warnings.push_back(Error{e.address + ": change.after is not an object; skipped", e.loc});
    return;
  }
  TfResourceInstance inst = MakeInstance(e, std::move(module_path));
  inst.attributes = std::move(attributes);
  parts_.instances.push_back(std::move(inst));
}

void PlanSax::EndCfgResource() {
  std::string local = cfg_.address;
  if (local.empty()) {
    if (cfg_.type.empty() || cfg_.name.empty()) return;
    local = (cfg_.mode == "data" ? "data." : "") + cfg_.type + "." + cfg_.name;
  }
  const std::string key = cfg_.module_path + "|" + local;
  parts_.config_keys[key] = std::move(cfg_.keys);
  if (!cfg_.refs.empty()) parts_.config_refs[key] = std::move(cfg_.refs);
}

}  // namespace iaclint
