// Reading rulesets/mappings/terraform.yaml into TfMapping.
#include <set>

#include "terraform/mapping.h"

namespace iaclint {

namespace {

std::string Where(const Location& loc) {
  return "terraform.yaml:" + std::to_string(loc.line) + ":" + std::to_string(loc.column) + ": ";
}

bool Flag(const Value& v) { return v.AsBool().value_or(false); }

Result<std::vector<TfPropertySpec>> ParseProperties(const Value& map);

Result<TfPropertySpec> ParseProperty(const Value::Member& m) {
  static const std::set<std::string> kOptions = {
      "to",   "default", "absent", "values", "unmapped", "json",      "link",
      "list", "each",    "single", "items",  "append",   "keep_empty"};
  TfPropertySpec p;
  p.source = m.key;
  if (auto to = m.value.AsText(); to && m.value.IsScalar()) {
    p.to = *to;
    return p;
  }
  if (!m.value.is(Value::Kind::kMap)) {
    return Error{Where(m.key_loc) + "'" + m.key + "' must map to a property name or options", {}};
  }
  for (const auto& o : m.value.members()) {
    if (!kOptions.count(o.key)) {
      return Error{Where(o.key_loc) + "unknown option '" + o.key + "' of '" + m.key + "'", {}};
    }
    const Value& v = o.value;
    if (o.key == "to") p.to = v.AsText().value_or("");
    if (o.key == "default") p.default_value = v;
    if (o.key == "absent") p.absent = v.is(Value::Kind::kList) ? v.items() : std::vector<Value>{v};
    if (o.key == "values") {
      for (const auto& e : v.members()) p.values.emplace_back(e.key, e.value);
    }
    if (o.key == "unmapped") p.skip_unmapped = v.AsText().value_or("") == "skip";
    if (o.key == "json") p.json = Flag(v);
    if (o.key == "link") p.link = v.TextItems();
    if (o.key == "list") p.list = Flag(v);
    if (o.key == "single") p.single = Flag(v);
    if (o.key == "append") p.append = Flag(v);
    if (o.key == "keep_empty") p.keep_empty = Flag(v);
    if (o.key == "items") p.items = v;
    if (o.key == "each") {
      if (!v.is(Value::Kind::kMap)) return Error{Where(o.key_loc) + "each must be a mapping", {}};
      auto each = ParseProperties(v);
      if (!each.ok()) return each.error();
      p.each = std::move(*each);
      p.has_each = true;
    }
  }
  if (p.to.empty() && !(p.has_each && p.single)) {
    return Error{Where(m.key_loc) + "'" + m.key + "' needs `to` (or `each` with `single`)", {}};
  }
  return p;
}

Result<std::vector<TfPropertySpec>> ParseProperties(const Value& map) {
  std::vector<TfPropertySpec> out;
  for (const auto& m : map.members()) {
    auto p = ParseProperty(m);
    if (!p.ok()) return p.error();
    out.push_back(std::move(*p));
  }
  return out;
}

Result<TfAttachSpec> ParseAttach(const Value& v) {
  TfAttachSpec a;
  if (!v.is(Value::Kind::kMap)) return Error{Where(v.loc()) + "an attach entry is a mapping", {}};
  for (const auto& m : v.members()) {
    if (m.key == "to") {
      a.to = m.value.TextItems();
    } else if (m.key == "by") {
      a.by = m.value.AsText().value_or("");
    } else if (m.key == "element") {
      a.element = m.value.AsText().value_or("");
    } else if (m.key == "optional") {
      a.optional = Flag(m.value);
    } else if (m.key == "properties") {
      auto props = ParseProperties(m.value);
      if (!props.ok()) return props.error();
      a.properties = std::move(*props);
    } else {
      return Error{Where(m.key_loc) + "unknown attach option '" + m.key + "'", {}};
    }
  }
  if (a.to.empty() || a.by.empty()) {
    return Error{Where(v.loc()) + "an attach entry needs `to` and `by`", {}};
  }
  return a;
}

TfKeep KeepOf(const TfPropertySpec& p) {
  TfKeep k;
  if (!p.has_each) {
    k.all = true;
    return k;
  }
  for (const TfPropertySpec& e : p.each) k.keys[e.source] = KeepOf(e);
  return k;
}

void AddKeep(const std::vector<TfPropertySpec>& specs, TfKeep& keep) {
  for (const TfPropertySpec& p : specs) {
    TfKeep k = KeepOf(p);
    auto it = keep.keys.find(p.source);
    if (it == keep.keys.end()) {
      keep.keys.emplace(p.source, std::move(k));
    } else if (k.all) {
      it->second.all = true;
    } else {
      for (auto& [name, sub] : k.keys) it->second.keys.emplace(name, std::move(sub));
    }
  }
}

// The attributes a type's specs read, plus arn and id (links match known ARNs and ids).
TfKeep KeepFor(const TfTypeSpec& t) {
  TfKeep keep;
  AddKeep(t.properties, keep);
  for (const TfAttachSpec& a : t.attach) {
    AddKeep(a.properties, keep);
    keep.keys[a.by].all = true;
  }
  for (const char* id : {"arn", "id"}) keep.keys[id].all = true;
  return keep;
}

}  // namespace

Result<TfMapping> ParseTfMapping(const Value& doc) {
  TfMapping out;
  const Value* resources = doc.Find("resources");
  if (!resources) return out;
  if (!resources->is(Value::Kind::kMap)) {
    return Error{Where(resources->loc()) + "resources must be a mapping", {}};
  }
  for (const auto& r : resources->members()) {
    TfTypeSpec t;
    for (const auto& m : r.value.members()) {
      if (m.key == "type") {
        t.canonical = m.value.AsText().value_or("");
      } else if (m.key == "properties") {
        auto props = ParseProperties(m.value);
        if (!props.ok()) return props.error();
        t.properties = std::move(*props);
      } else if (m.key == "attach") {
        for (const Value& a : m.value.items()) {
          auto attach = ParseAttach(a);
          if (!attach.ok()) return attach.error();
          t.attach.push_back(std::move(*attach));
        }
      } else {
        return Error{Where(m.key_loc) + "unknown key '" + m.key + "' of " + r.key, {}};
      }
    }
    if (t.canonical.empty() && t.attach.empty()) {
      return Error{Where(r.key_loc) + r.key + " needs a type or attach", {}};
    }
    out.keep.emplace(r.key, KeepFor(t));
    out.types.emplace(r.key, std::move(t));
  }
  return out;
}

}  // namespace iaclint
