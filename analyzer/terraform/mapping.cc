#include "terraform/mapping.h"

#include <algorithm>
#include <unordered_map>

#include "model/tool_findings.h"
#include "parse/json_reader.h"
#include "terraform/tf_refs.h"

namespace iaclint {

namespace {

std::string JoinPath(const std::string& a, const std::string& b) {
  return a.empty() ? b : a + "." + b;
}

bool SameValue(const Value& a, const Value& b) {
  if (auto x = a.AsNumber(), y = b.AsNumber(); x && y && a.IsScalar() && b.IsScalar()) {
    return *x == *y;
  }
  auto x = a.AsText(), y = b.AsText();
  return x && y && *x == *y;
}

bool IsAbsent(const Value& v, const TfPropertySpec& spec) {
  if (v.IsNull() || v.has(Value::kNoValue)) return true;
  if (v.is(Value::Kind::kString) && v.str().empty() && !spec.keep_empty) return true;
  for (const Value& a : spec.absent) {
    if (v.IsScalar() && SameValue(v, a)) return true;
  }
  return false;
}

bool Known(const Value& v) { return !v.is(Value::Kind::kUnknown); }

// Replaces "$" in an `items` template with the element.
Value Wrap(const Value& tmpl, const Value& element) {
  if (tmpl.is(Value::Kind::kString) && tmpl.str() == "$") return element;
  Value out = tmpl;
  out.set_loc(element.loc());
  for (auto& m : out.members()) {
    m.value = Wrap(m.value, element);
    m.key_loc = element.loc();
  }
  for (Value& item : out.items()) item = Wrap(item, element);
  return out;
}

class Mapper {
 public:
  Mapper(TfConfiguration& config, const TfMapContext& ctx, Fragment& out)
      : config_(config), ctx_(ctx), out_(out), resolver_(config),
        resource_of_(config.instances.size(), kNone) {
    identity_.resize(config.instances.size());
    for (size_t i = 0; i < config.instances.size(); ++i) {
      by_address_.emplace(config.instances[i].address, i);
      Identity& id = identity_[i];
      const Value& attrs = config.instances[i].attributes;
      if (const Value* v = attrs.Find("arn"); v && v->is(Value::Kind::kString)) id.arn = v->str();
      if (const Value* v = attrs.Find("id"); v && v->is(Value::Kind::kString)) id.id = v->str();
      id.name = LiteralName(i);
      for (const std::string* key : {&id.arn, &id.id, &id.name}) {
        if (key->empty()) continue;
        std::vector<size_t>& list = identified_by_[*key];
        if (list.empty() || list.back() != i) list.push_back(i);
      }
    }
  }

  void Run() {
    for (size_t i = 0; i < config_.instances.size(); ++i) MapInstance(i);
    for (size_t i = 0; i < config_.instances.size(); ++i) {
      const TfTypeSpec* spec = SpecOf(i);
      if (!spec) continue;
      for (const TfAttachSpec& a : spec->attach) Attach(i, a);
    }
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  const TfTypeSpec* SpecOf(size_t i) const {
    const TfResourceInstance& inst = config_.instances[i];
    if (inst.mode == "data") return nullptr;  // data sources read state, they declare none
    auto it = ctx_.mapping.types.find(inst.type);
    return it == ctx_.mapping.types.end() ? nullptr : &it->second;
  }

  std::string CanonicalOf(size_t i) const {
    const TfTypeSpec* spec = SpecOf(i);
    return spec ? spec->canonical : "";
  }

  std::string KeyOf(size_t i) const {
    return ResourceKey(ctx_.scope, config_.instances[i].address);
  }

  Location Fallback(size_t i) const {
    const Location& loc = config_.instances[i].loc;
    return loc.known() ? loc : Location{ctx_.file, 1, 1, 1, 1};
  }

  void MapInstance(size_t i) {
    const TfTypeSpec* spec = SpecOf(i);
    if (!spec || spec->canonical.empty()) return;
    const TfResourceInstance& inst = config_.instances[i];
    Resource r;
    r.id = inst.address;
    r.type = spec->canonical;
    r.source_type = inst.type;
    r.scope = ctx_.scope;
    r.loc = Fallback(i);
    r.properties = Value::Map(r.loc);
    if (inst.attributes.is(Value::Kind::kUnknown)) {
      // Nothing of the resource is known: every property a rule reads is unknown.
      for (const TfPropertySpec& p : spec->properties) {
        if (!p.to.empty()) Write(r.properties, p, inst.attributes, r.loc);
      }
    } else {
      // Nothing reads this instance's values after it is mapped (links use the identities
      // taken above), so they move into the resource instead of being copied.
      consume_ = spec->attach.empty();
      ApplyProperties(config_.instances[i].attributes, spec->properties, "", i, r.properties);
      if (consume_) {  // what is left are shells of moved values: free them now
        config_.instances[i].attributes = Value();
        config_.instances[i].references.clear();
      }
      consume_ = false;
    }
    r.exists = inst.exists;
    resource_of_[i] = out_.resources.size();
    out_.resources.push_back(std::move(r));
  }

  void ApplyProperties(Value& src, const std::vector<TfPropertySpec>& specs,
                       const std::string& path, size_t inst, Value& dst) {
    for (const TfPropertySpec& spec : specs) {
      Value::Member* m = FindMutable(src, spec.source);
      const Location key_loc = m ? m->key_loc : src.loc();
      if (!m || IsAbsent(m->value, spec)) {
        if (spec.default_value) {
          Value d = *spec.default_value;
          d.set_loc(key_loc);
          Write(dst, spec, std::move(d), key_loc);
        }
        continue;
      }
      std::optional<Value> v = Convert(spec, m->value, JoinPath(path, spec.source), inst);
      if (!v) continue;
      if (spec.to.empty()) {  // a single block merged into its parent
        if (v->is(Value::Kind::kMap)) {
          for (auto& field : v->members()) dst.Set(field.key, std::move(field.value), field.key_loc);
        }
        continue;
      }
      Write(dst, spec, std::move(*v), key_loc);
    }
  }

  static Value::Member* FindMutable(Value& map, const std::string& key) {
    Value::Member* found = nullptr;
    for (auto& m : map.members()) {
      if (m.key == key) found = &m;  // the last duplicate wins, as Find does
    }
    return found;
  }

  std::optional<Value> Convert(const TfPropertySpec& spec, Value& source,
                               const std::string& path, size_t inst) {
    Value v = consume_ ? std::move(source) : source;
    if (spec.json && v.is(Value::Kind::kString)) v = ParseJsonString(v, path, inst);
    if (!spec.link.empty()) v = Link(spec, std::move(v), path, inst);
    if (spec.has_each) return Blocks(spec, v, path, inst);
    if (!spec.values.empty() && v.IsScalar()) {
      const std::string text = v.AsText().value_or("");
      bool mapped = false;
      for (const auto& [from, to] : spec.values) {
        if (from == text) {
          Value t = to;
          t.set_loc(v.loc());
          v = std::move(t);
          mapped = true;
          break;
        }
      }
      if (!mapped && spec.skip_unmapped) return std::nullopt;
    }
    if (spec.items) {
      Value list = Value::List(v.loc());
      if (v.is(Value::Kind::kList)) {
        for (const Value& e : v.items()) {
          if (!e.IsNull()) list.Add(Wrap(*spec.items, e));
        }
      } else {
        list.Add(Wrap(*spec.items, v));
      }
      return list;
    }
    return v;
  }

  std::optional<Value> Blocks(const TfPropertySpec& spec, Value& v, const std::string& path,
                              size_t inst) {
    if (v.is(Value::Kind::kUnknown)) return v;
    std::vector<Value*> elements;
    if (v.is(Value::Kind::kList)) {
      for (Value& e : v.items()) elements.push_back(&e);
    } else if (v.is(Value::Kind::kMap)) {
      elements.push_back(&v);  // a single nested block written as an object
    } else {
      return v;
    }
    Value list = Value::List(v.loc());
    for (size_t i = 0; i < elements.size(); ++i) {
      Value& e = *elements[i];
      if (e.is(Value::Kind::kMap)) {
        Value m = Value::Map(e.loc().known() ? e.loc() : v.loc());
        const std::string element_path =
            v.is(Value::Kind::kList) ? path + "." + std::to_string(i) : path;
        ApplyProperties(e, spec.each, element_path, inst, m);
        list.Add(std::move(m));
      } else if (e.is(Value::Kind::kUnknown)) {
        list.Add(e);
      }
    }
    if (!spec.single) return list;
    if (list.items().empty()) return std::nullopt;
    return std::move(list.items()[0]);
  }

  Value ParseJsonString(const Value& v, const std::string& path, size_t inst) {
    const std::string& text = v.str();
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || (text[first] != '{' && text[first] != '[')) return v;
    auto parsed = ParseEmbeddedJson(v, ctx_.limits);
    if (parsed.ok()) return std::move(*parsed);
    const TfResourceInstance& i = config_.instances[inst];
    Location at = parsed.error().where.known() ? parsed.error().where : Fallback(inst);
    out_.diagnostics.push_back(ToolFinding(
        kParseError, i.address + ": " + path + " is not valid JSON: " + parsed.error().message,
        at, i.address));
    Value u = Value::Unknown(path + " is not valid JSON", v.loc());
    u.set_tag("invalid");
    return u;
  }

  // Instances that the references recorded for `path` lead to, of the given canonical types.
  std::vector<size_t> LinkTargets(size_t inst, const std::string& path,
                                  const std::vector<std::string>& types) const {
    const TfResourceInstance& i = config_.instances[inst];
    const std::vector<std::string>* refs = FindReferences(i.references, path);
    std::vector<size_t> out;
    if (!refs) return out;
    for (size_t t : resolver_.Resolve(*refs, i.module_path)) {
      const std::string canonical = CanonicalOf(t);
      if (!canonical.empty() && std::find(types.begin(), types.end(), canonical) != types.end()) {
        out.push_back(t);
      }
    }
    return out;
  }

  // Whether a known name, id or ARN denotes instance t.
  bool Names(size_t t, const std::string& text) const {
    std::string_view s = text;
    if (s.size() > 2 && s.substr(s.size() - 2) == ":*") s.remove_suffix(2);
    const Identity& id = identity_[t];
    if ((!id.arn.empty() && id.arn == s) || (!id.id.empty() && id.id == s)) return true;
    if (id.name.empty()) return false;
    if (id.name == s) return true;
    if (ctx_.types) {
      auto info = ctx_.types->find(CanonicalOf(t));
      if (info != ctx_.types->end() && NameFromArn(info->second, s) == id.name) return true;
    }
    return false;
  }

  // The literal name of instance t: the attribute mapped to its type's name property.
  std::string LiteralName(size_t t) const {
    const TfTypeSpec* spec = SpecOf(t);
    if (!spec || !ctx_.types) return "";
    auto info = ctx_.types->find(spec->canonical);
    if (info == ctx_.types->end()) return "";
    for (const TfPropertySpec& p : spec->properties) {
      if (p.to != info->second.name_property) continue;
      const Value* v = config_.instances[t].attributes.Find(p.source);
      if (v && v->is(Value::Kind::kString)) return v->str();
    }
    return "";
  }

  size_t Pick(const std::vector<size_t>& targets, size_t inst) const {
    const std::string& own = resolver_.KeyOf(inst);
    if (!own.empty()) {
      for (size_t t : targets) {
        if (resolver_.KeyOf(t) == own) return t;  // count.index / each.key pairing
      }
    }
    return targets.front();
  }

  Value RefTo(size_t t, const Location& loc) const { return Value::Ref(KeyOf(t), "", loc); }

  // Instances that unknown values name in their category ("resource:<address>", as the .tf
  // loader marks a resource attribute known only after apply).
  void TaggedTargets(const Value& v, const std::vector<std::string>& types,
                     std::vector<size_t>& out) const {
    if (v.is(Value::Kind::kUnknown) && v.category().rfind("resource:", 0) == 0) {
      auto it = by_address_.find(v.category().substr(9));
      if (it == by_address_.end()) return;
      const std::string canonical = CanonicalOf(it->second);
      if (std::find(types.begin(), types.end(), canonical) == types.end()) return;
      if (std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
    }
    for (const Value& item : v.items()) TaggedTargets(item, types, out);
  }

  Value Link(const TfPropertySpec& spec, Value v, const std::string& path, size_t inst) {
    std::vector<size_t> targets = LinkTargets(inst, path, spec.link);
    if (targets.empty()) TaggedTargets(v, spec.link, targets);
    if (targets.empty()) return v;
    if (v.is(Value::Kind::kList)) {
      Value out = Value::List(v.loc());
      for (Value& item : v.items()) {
        if (!item.is(Value::Kind::kString)) continue;  // unknown elements: the links below
        bool named = false;
        for (size_t t : targets) named |= Names(t, item.str());
        if (!named) out.Add(std::move(item));
      }
      for (size_t t : targets) out.Add(RefTo(t, v.loc()));
      return out;
    }
    if (v.is(Value::Kind::kString)) {
      for (size_t t : targets) {
        if (Names(t, v.str())) return RefTo(t, v.loc());
      }
      return RefTo(Pick(targets, inst), v.loc());
    }
    if (v.is(Value::Kind::kUnknown) || v.IsNull()) {
      if (!spec.list) return RefTo(Pick(targets, inst), v.loc());
      Value out = Value::List(v.loc());
      for (size_t t : targets) out.Add(RefTo(t, v.loc()));
      return out;
    }
    return v;
  }

  // Writes v at spec.to under dst, creating maps on the way.
  void Write(Value& dst, const TfPropertySpec& spec, Value v, const Location& key_loc) {
    Value* at = &dst;
    std::string rest = spec.to;
    while (true) {
      const size_t dot = rest.find('.');
      const std::string name = rest.substr(0, dot);
      if (!at->is(Value::Kind::kMap)) return;
      if (dot == std::string::npos) {
        Place(*at, name, spec.append, std::move(v), key_loc);
        return;
      }
      Value* next = at->Find(name);
      if (!next || !next->is(Value::Kind::kMap)) next = &at->Set(name, Value::Map(key_loc), key_loc);
      at = next;
      rest = rest.substr(dot + 1);
    }
  }

  static void Place(Value& map, const std::string& name, bool append, Value v,
                    const Location& key_loc) {
    Value::Member* existing = nullptr;
    for (auto& m : map.members()) {
      if (m.key == name) existing = &m;
    }
    if (append) {
      if (!existing) {
        map.Set(name, Value::List(key_loc), key_loc);
        existing = &map.members().back();
      }
      if (!existing->value.is(Value::Kind::kList)) {
        Value list = Value::List(existing->value.loc());
        if (!existing->value.IsNull()) list.Add(std::move(existing->value));
        existing->value = std::move(list);
      }
      if (v.is(Value::Kind::kList)) {
        for (Value& item : v.items()) existing->value.Add(std::move(item));
      } else {
        existing->value.Add(std::move(v));
      }
      return;
    }
    if (!existing) {
      map.Set(name, std::move(v), key_loc);
      return;
    }
    // Two attributes for one property (is_enabled and state): a known value beats an
    // unknown one, and otherwise the later attribute wins.
    if (!Known(v) && Known(existing->value)) return;
    existing->value = std::move(v);
    existing->key_loc = key_loc;
  }

  // Resources (indexes into out_.resources) that attachment `a` of instance i adds to.
  std::vector<size_t> AttachTargets(size_t i, const TfAttachSpec& a) const {
    std::vector<size_t> out;
    for (size_t t : LinkTargets(i, a.by, a.to)) {
      if (resource_of_[t] != kNone) out.push_back(resource_of_[t]);
    }
    if (!out.empty()) return out;
    const Value* by = config_.instances[i].attributes.Find(a.by);
    if (!by) return out;
    std::vector<std::string> names;
    if (by->is(Value::Kind::kString)) names.push_back(by->str());
    for (const Value& item : by->items()) {
      if (item.is(Value::Kind::kString)) names.push_back(item.str());
    }
    for (size_t t : NamedBy(names, a.to)) {
      if (resource_of_[t] == kNone) continue;
      const std::string canonical = CanonicalOf(t);
      if (std::find(a.to.begin(), a.to.end(), canonical) == a.to.end()) continue;
      for (const std::string& n : names) {
        if (!n.empty() && Names(t, n)) {
          out.push_back(resource_of_[t]);
          break;
        }
      }
    }
    return out;
  }

  // The instances that Names() may accept for one of `names` as one of `types`, in instance
  // order: those whose ARN, id or name is the text, or whose name is the one the text gives as
  // an ARN of one of the types. Looked up, not scanned: scanning every instance for every
  // attachment is quadratic in a plan of thousands of attachments.
  std::vector<size_t> NamedBy(const std::vector<std::string>& names,
                              const std::vector<std::string>& types) const {
    std::vector<size_t> out;
    auto add = [&](const std::string& key) {
      auto it = identified_by_.find(key);
      if (it != identified_by_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    };
    for (const std::string& n : names) {
      std::string_view text = n;
      if (text.size() > 2 && text.substr(text.size() - 2) == ":*") text.remove_suffix(2);
      if (text.empty()) continue;
      add(std::string(text));
      if (!ctx_.types) continue;
      for (const std::string& type : types) {
        auto info = ctx_.types->find(type);
        if (info == ctx_.types->end()) continue;
        const std::string name = NameFromArn(info->second, text);
        if (!name.empty()) add(name);
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  void Attach(size_t i, const TfAttachSpec& a) {
    TfResourceInstance& inst = config_.instances[i];
    if (!inst.attributes.is(Value::Kind::kMap)) return;
    const std::vector<size_t> targets = AttachTargets(i, a);
    if (targets.empty()) {
      if (!a.optional && NamesATarget(inst, a.by)) NoteUnattached(i, a);
      return;
    }
    for (size_t r : targets) {
      Value& props = out_.resources[r].properties;
      if (a.element.empty()) {
        ApplyProperties(inst.attributes, a.properties, "", i, props);
        continue;
      }
      Value element = Value::Map(Fallback(i));
      ApplyProperties(inst.attributes, a.properties, "", i, element);
      TfPropertySpec list;
      list.to = a.element;
      list.append = true;
      Write(props, list, std::move(element), Fallback(i));
    }
  }

  // Whether the attribute that names the target says anything: an attachment to roles only
  // (aws_iam_policy_attachment without groups) has no group to find, and that is no problem.
  static bool NamesATarget(const TfResourceInstance& inst, const std::string& by) {
    if (FindReferences(inst.references, by)) return true;
    const Value* v = inst.attributes.Find(by);
    if (!v || v->IsNull()) return false;
    if (v->is(Value::Kind::kString)) return !v->str().empty();
    if (v->is(Value::Kind::kList)) return !v->items().empty();
    return true;
  }

  void NoteUnattached(size_t i, const TfAttachSpec& a) {
    const TfResourceInstance& inst = config_.instances[i];
    const Value* by = inst.attributes.Find(a.by);
    std::string what = by ? by->Render(80) : "not set";
    out_.diagnostics.push_back(ToolFinding(
        kUnresolvedReference,
        inst.address + ": " + a.by + " " + what + " does not lead to an " + a.to.front() +
            " declared in this configuration; this " + inst.type + " is ignored",
        Fallback(i), inst.address));
  }

  TfConfiguration& config_;
  const TfMapContext& ctx_;
  Fragment& out_;
  TfRefResolver resolver_;
  std::vector<size_t> resource_of_;
  std::unordered_map<std::string, size_t> by_address_;
  struct Identity {
    std::string arn, id, name;
  };
  std::vector<Identity> identity_;  // read before pass 1 moves attribute values out
  std::unordered_map<std::string, std::vector<size_t>> identified_by_;  // ARN, id, name -> i
  bool consume_ = false;            // pass 1 of a type without attachments: move, not copy
};

}  // namespace

void MapTerraform(TfConfiguration config, const TfMapContext& ctx, Fragment& out) {
  Mapper(config, ctx, out).Run();
}

}  // namespace iaclint
