#include "terraform/tf_body.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "terraform/tf_references.h"
#include "terraform/tf_values.h"

namespace iaclint {

namespace {

bool IsMetaAttribute(std::string_view name) {
  return name == "count" || name == "for_each" || name == "provider" || name == "depends_on";
}

bool IsMetaBlock(std::string_view type) {
  return type == "lifecycle" || type == "provisioner" || type == "connection";
}

// Elements a dynamic block or for_each iterates, as (key, value) in Terraform's order.
std::vector<std::pair<Value, Value>> Elements(const Value& coll) {
  std::vector<std::pair<Value, Value>> out;
  if (coll.is(Value::Kind::kList)) {
    for (size_t i = 0; i < coll.items().size(); ++i) {
      out.emplace_back(Value::Number(std::to_string(i)), coll.items()[i]);
    }
  } else {
    std::vector<const Value::Member*> sorted;
    for (const auto& m : coll.members()) sorted.push_back(&m);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](auto* a, auto* b) { return a->key < b->key; });
    for (auto* m : sorted) out.emplace_back(Value::String(m->key, m->key_loc), m->value);
  }
  return out;
}

struct BlockGroup {
  std::string type;
  Value list;
  size_t static_count = 0;
};

BlockGroup& Group(std::vector<BlockGroup>& groups, std::string_view type, const Location& loc) {
  for (BlockGroup& g : groups) {
    if (g.type == type) return g;
  }
  groups.push_back(BlockGroup{std::string(type), Value::List(loc)});
  return groups.back();
}

void Dynamic(const HclBlock& block, TfEvaluator& ev, std::vector<BlockGroup>& groups) {
  if (block.labels.empty()) return;
  const std::string& type = block.labels[0];
  BlockGroup& group = Group(groups, type, block.loc);
  const auto* for_each = block.body.Find("for_each");
  const HclBlock* content = nullptr;
  for (const HclBlock& b : block.body.blocks) {
    if (b.type == "content") content = &b;
  }
  if (for_each == nullptr || content == nullptr) return;
  std::string iterator = type;
  if (const auto* it = block.body.Find("iterator");
      it && it->value.kind == HclExprKind::kVariable) {
    iterator = std::string(it->value.text);
  }
  Value coll = ev.Eval(for_each->value);
  if (group.list.is(Value::Kind::kUnknown)) return;
  if (!IsKnown(coll) || !(coll.is(Value::Kind::kList) || coll.is(Value::Kind::kMap))) {
    group.list =
        Value::Unknown("dynamic block '" + type + "' has a for_each that is not known", block.loc);
    return;
  }
  for (auto& [key, value] : Elements(coll)) {
    Value it = Value::Map(block.loc);
    it.Set("key", key);
    it.Set("value", value);
    ev.Bind(iterator, std::move(it));
    group.list.Add(EvaluateBody(content->body, ev, content->loc, false, nullptr));
    ev.Unbind();
  }
}

}  // namespace

Value EvaluateBody(const HclBody& body, TfEvaluator& ev, const Location& loc, bool top,
                   TfReferences* refs, const std::string& prefix) {
  Value out = Value::Map(loc);
  for (const auto& a : body.attributes) {
    if (top && IsMetaAttribute(a.name)) continue;
    const std::string name(a.name);
    out.Set(name, ev.Eval(a.value), a.name_loc);
    if (refs != nullptr) {
      std::vector<std::string> r = CollectReferences(a.value);
      if (!r.empty()) (*refs)[prefix + name] = std::move(r);
    }
  }
  std::vector<BlockGroup> groups;
  for (const HclBlock& b : body.blocks) {
    if (top && IsMetaBlock(b.type)) continue;
    if (b.type == "dynamic") {
      Dynamic(b, ev, groups);
      continue;
    }
    BlockGroup& group = Group(groups, b.type, b.loc);
    const std::string path =
        prefix + std::string(b.type) + "." + std::to_string(group.static_count++) + ".";
    Value v = EvaluateBody(b.body, ev, b.loc, false, refs, path);
    if (group.list.is(Value::Kind::kList)) group.list.Add(std::move(v));
  }
  for (BlockGroup& g : groups) out.Set(g.type, std::move(g.list), g.list.loc());
  return out;
}

std::string WithKey(const std::string& address, const Value& key) {
  if (key.is(Value::Kind::kNumber)) return address + "[" + key.str() + "]";
  if (key.is(Value::Kind::kString)) return address + "[" + JsonEncode(key) + "]";
  return address;
}

TfRepetitions Repetitions(const HclBody& body, TfEvaluator& ev, const std::string& what) {
  TfRepetitions out;
  const auto* count = body.Find("count");
  const auto* for_each = body.Find("for_each");
  if (count == nullptr && for_each == nullptr) {
    out.items.push_back(TfRepetition{Value::Null(), {}});
    return out;
  }
  const auto unknown = [&](const std::string& reason) {
    out.unknown_reason = reason;
    TfRepetition r{Value::Null(), {}};
    r.keys.unknown_reason = reason;
    out.items.push_back(std::move(r));
    return out;
  };
  if (count != nullptr) {
    out.keyed_by_count = true;
    Value n = ev.Eval(count->value);
    const auto d = IsKnown(n) ? n.AsNumber() : std::nullopt;
    if (!d) {
      return unknown("the count of " + what + " is not known offline" +
                     (IsKnown(n) ? std::string() : ": " + FirstUnknown(n)->str()));
    }
    const auto total = static_cast<size_t>(std::max(0.0, std::min(*d, 100000.0)));
    for (size_t i = 0; i < total; ++i) {
      Value key = Value::Number(std::to_string(i));
      TfRepetition r{key, {}};
      r.keys.count_index = key;
      out.items.push_back(std::move(r));
    }
    return out;
  }
  out.keyed_by_each = true;
  Value coll = ev.Eval(for_each->value);
  if (!coll.is(Value::Kind::kList) && !coll.is(Value::Kind::kMap)) {
    return unknown("the for_each of " + what + " is not known offline" +
                   (IsKnown(coll) ? std::string() : ": " + FirstUnknown(coll)->str()));
  }
  std::set<std::string> seen;
  for (auto& [index, value] : Elements(coll)) {
    // A set of strings is keyed by the strings themselves; a map by its keys.
    const Value& key_value = coll.is(Value::Kind::kList) ? value : index;
    const auto key = IsKnown(key_value) ? ToText(key_value) : std::nullopt;
    if (!key) return unknown("a for_each key of " + what + " is not known offline");
    if (!seen.insert(*key).second) continue;
    TfRepetition r{Value::String(*key), {}};
    r.keys.each_key = Value::String(*key, key_value.loc());
    r.keys.each_value = value;
    out.items.push_back(std::move(r));
  }
  if (coll.is(Value::Kind::kList)) {
    std::sort(out.items.begin(), out.items.end(), [](const TfRepetition& a, const TfRepetition& b) {
      return a.key.str() < b.key.str();
    });
  }
  return out;
}

}  // namespace iaclint
