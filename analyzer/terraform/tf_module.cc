#include "terraform/tf_module.h"

#include <algorithm>
#include <map>

#include "terraform/tf_body.h"
#include "terraform/tf_policy_document.h"
#include "terraform/tf_references.h"
#include "terraform/tf_values.h"

namespace iaclint {

namespace {

// The argument the AWS provider copies into `id` when it creates these resources
// (d.SetId(name) in terraform-provider-aws), so that `x.id` is known before apply: alarms name
// their metric as `aws_cloudwatch_log_metric_filter.x.id`. Every other `id` stays unknown.
const Value* ProviderIdSource(const std::string& type, const Value& attributes) {
  static const std::map<std::string, std::string, std::less<>> kIdFrom = {
      {"aws_cloudwatch_log_group", "name"},
      {"aws_cloudwatch_log_metric_filter", "name"},
      {"aws_cloudwatch_metric_alarm", "alarm_name"},
      {"aws_iam_group", "name"},
      {"aws_iam_role", "name"},
      {"aws_iam_user", "name"},
      {"aws_s3_bucket", "bucket"},
  };
  const auto it = kIdFrom.find(type);
  if (it == kIdFrom.end()) return nullptr;
  const Value* v = attributes.Find(it->second);
  return v && v->is(Value::Kind::kString) && !v->str().empty() ? v : nullptr;
}

enum class State { kNew, kBusy, kDone };

std::string Literal(const HclExpr& e) {
  if (e.kind == HclExprKind::kTemplate && e.children.size() == 1 &&
      e.children[0].kind == HclExprKind::kTemplateChunk) {
    return std::string(e.children[0].text);
  }
  return "";
}

// Cost of handing out a copy of `v`: values plus string bytes / 64.
size_t Units(const Value& v) {
  size_t n = 1 + v.str().size() / 64;
  for (const Value& i : v.items()) n += Units(i);
  for (const auto& m : v.members()) n += Units(m.value);
  return n;
}

void Note(std::vector<Error>& notes, std::string message, const Location& loc) {
  notes.push_back(Error{std::move(message), loc});
}

void IndexBlock(TfModuleConfig& c, const HclBlock& b, std::vector<Error>& notes) {
  const auto labels = b.labels.size();
  if (b.type == "variable" && labels == 1) {
    if (!c.variables.emplace(b.labels[0], &b).second) {
      Note(notes, "duplicate variable \"" + b.labels[0] + "\" ignored", b.loc);
    }
  } else if (b.type == "locals") {
    for (const auto& a : b.body.attributes) {
      if (!c.locals.emplace(std::string(a.name), &a).second) {
        Note(notes, "duplicate local value \"" + std::string(a.name) + "\" ignored", a.loc);
      }
    }
  } else if (b.type == "output" && labels == 1) {
    if (const auto* v = b.body.Find("value")) c.outputs.emplace(b.labels[0], &v->value);
  } else if ((b.type == "resource" || b.type == "data") && labels == 2) {
    const std::string mode = b.type == "resource" ? "managed" : "data";
    const std::string key = (mode == "data" ? "data." : "") + b.labels[0] + "." + b.labels[1];
    if (!c.resource_index.emplace(key, c.resources.size()).second) {
      Note(notes, "duplicate " + key + " ignored", b.loc);
      return;
    }
    c.resources.push_back({mode, b.labels[0], b.labels[1], &b});
  } else if (b.type == "module" && labels == 1) {
    const auto* source = b.body.Find("source");
    c.calls.push_back({b.labels[0], source ? Literal(source->value) : "", &b});
  }
}

// Terraform's override merge: the override's arguments replace the original's, and its nested
// blocks of a type replace all the original's blocks of that type.
HclBlock Merge(const HclBlock& original, const HclBlock& override) {
  HclBlock out = original;
  for (const auto& a : override.body.attributes) {
    auto same = std::find_if(out.body.attributes.begin(), out.body.attributes.end(),
                             [&](const HclBody::Attribute& x) { return x.name == a.name; });
    if (same != out.body.attributes.end()) {
      *same = a;
    } else {
      out.body.attributes.push_back(a);
    }
  }
  for (const HclBlock& nested : override.body.blocks) {
    std::erase_if(out.body.blocks, [&](const HclBlock& x) { return x.type == nested.type; });
  }
  for (const HclBlock& nested : override.body.blocks) out.body.blocks.push_back(nested);
  return out;
}

const HclBlock* MergeInto(TfModuleConfig& c, const HclBlock* original, const HclBlock& override) {
  return &c.merged.emplace_back(Merge(*original, override));
}

void OverrideBlock(TfModuleConfig& c, const HclBlock& b, std::vector<Error>& notes) {
  const auto labels = b.labels.size();
  const auto missing = [&] {
    Note(notes, "override of an undeclared " + std::string(b.type) + " ignored", b.loc);
  };
  if (b.type == "variable" && labels == 1) {
    auto it = c.variables.find(b.labels[0]);
    if (it == c.variables.end()) return missing();
    it->second = MergeInto(c, it->second, b);
  } else if (b.type == "locals") {
    for (const auto& a : b.body.attributes) c.locals[std::string(a.name)] = &a;
  } else if (b.type == "output" && labels == 1) {
    if (const auto* v = b.body.Find("value")) c.outputs[b.labels[0]] = &v->value;
  } else if ((b.type == "resource" || b.type == "data") && labels == 2) {
    const std::string key = (b.type == "data" ? "data." : "") + b.labels[0] + "." + b.labels[1];
    auto it = c.resource_index.find(key);
    if (it == c.resource_index.end()) return missing();
    auto& r = c.resources[it->second];
    r.block = MergeInto(c, r.block, b);
  } else if (b.type == "module" && labels == 1) {
    auto it = std::find_if(c.calls.begin(), c.calls.end(),
                           [&](const auto& call) { return call.name == b.labels[0]; });
    if (it == c.calls.end()) return missing();
    it->block = MergeInto(c, it->block, b);
    const auto* source = it->block->body.Find("source");
    it->source = source ? Literal(source->value) : "";
  }
}

}  // namespace

void IndexModule(TfModuleConfig& config, std::vector<Error>& notes) {
  for (const HclBody& body : config.bodies) {
    for (const HclBlock& b : body.blocks) IndexBlock(config, b, notes);
  }
  for (const HclBody& body : config.override_bodies) {
    for (const HclBlock& b : body.blocks) OverrideBlock(config, b, notes);
  }
}

struct TfModuleInstance::Memo {
  State state = State::kNew;
  Value value;
};

struct TfModuleInstance::ResourceState {
  State state = State::kNew;
  Value value;  ///< the object (or list/map of objects) references see
  std::vector<TfResourceInstance> instances;
};

struct TfModuleInstance::CallState {
  State state = State::kNew;
  TfRepetitions reps;
  std::vector<std::unique_ptr<TfModuleInstance>> children;
  std::vector<TfModuleCall> calls;
};

TfModuleInstance::TfModuleInstance(TfModuleHost& host, const TfModuleConfig& config,
                                   std::string path, std::string key_path,
                                   std::map<std::string, Value> inputs, size_t depth,
                                   std::string unknown_count)
    : host_(host),
      config_(config),
      path_(std::move(path)),
      key_path_(std::move(key_path)),
      inputs_(std::move(inputs)),
      depth_(depth),
      unknown_count_(std::move(unknown_count)) {
  resources_.resize(config_.resources.size());
  calls_.resize(config_.calls.size());
}

TfModuleInstance::~TfModuleInstance() = default;

Value TfModuleInstance::Charge(const Value& v, const Location& loc) {
  TfEvalBudget& b = budget();
  const size_t units = Units(v);
  b.units += units;
  if (units > b.max_value_units || b.units > b.max_units) {
    return Value::Unknown("values too large to evaluate", loc);
  }
  return v;
}

std::optional<Value> TfModuleInstance::Resolve(std::string_view root,
                                               const std::vector<std::string_view>& names,
                                               size_t* used, const Location& loc) {
  const auto need = [&](size_t n) { return names.size() >= n; };
  const std::string r(root);
  if (r == "var" || r == "local" || r == "path" || r == "terraform") {
    if (!need(1)) return Value::Unknown("'" + r + "' needs an attribute", loc);
    *used = 1;
    const std::string name(names[0]);
    if (r == "var") return Variable(name, loc);
    if (r == "local") return Local(name, loc);
    if (r == "path" && name == "module") return Value::String(config_.display_dir, loc);
    if (r == "path" && name == "root") return Value::String(host_.root_display_dir(), loc);
    if (r == "terraform" && name == "workspace") {
      return Value::Unknown("terraform.workspace is chosen at run time", loc);
    }
    return Value::Unknown("'" + r + "." + name + "' is not known offline", loc);
  }
  if (r == "self") return Value::Unknown("'self' is only known to provisioners", loc);
  if (r == "module") {
    if (!need(1)) return Value::Unknown("'module' needs a module name", loc);
    const std::string output = need(2) ? std::string(names[1]) : "";
    return ModuleValue(std::string(names[0]), need(2) ? &output : nullptr, used, loc);
  }
  const bool data = r == "data";
  if (!need(data ? 2 : 1)) return std::nullopt;
  const std::string key = data ? "data." + std::string(names[0]) + "." + std::string(names[1])
                               : r + "." + std::string(names[0]);
  const auto it = config_.resource_index.find(key);
  if (it == config_.resource_index.end()) {
    return Value::Unknown("reference to an undeclared resource '" + key + "'", loc);
  }
  *used = data ? 2 : 1;
  return ResourceValue(it->second, loc);
}

Value TfModuleInstance::Variable(const std::string& name, const Location& loc) {
  auto& memo = variables_[name];
  if (!memo) memo = std::make_unique<Memo>();
  if (memo->state == State::kDone) return Charge(memo->value, loc);
  if (const auto in = inputs_.find(name); in != inputs_.end()) {
    memo->value = in->second;
  } else if (const auto decl = config_.variables.find(name); decl == config_.variables.end()) {
    memo->value = Value::Unknown("variable '" + name + "' is not declared", loc);
  } else if (const auto* def = decl->second->body.Find("default")) {
    if (memo->state == State::kBusy)
      return Value::Unknown("variable '" + name + "' refers to itself", loc);
    memo->state = State::kBusy;
    TfInstanceKeys none;
    TfEvaluator ev(*this, none);
    memo->value = ev.Eval(def->value);
    memo->value.set(Value::kAssumedDefault);
  } else {
    memo->value = Value::Unknown("variable '" + name + "' has no default", decl->second->loc);
  }
  memo->state = State::kDone;
  return Charge(memo->value, loc);
}

Value TfModuleInstance::Local(const std::string& name, const Location& loc) {
  const auto decl = config_.locals.find(name);
  if (decl == config_.locals.end()) {
    return Value::Unknown("local value '" + name + "' is not declared", loc);
  }
  auto& memo = locals_[name];
  if (!memo) memo = std::make_unique<Memo>();
  if (memo->state == State::kBusy) {
    return Value::Unknown("local value '" + name + "' refers to itself", loc);
  }
  if (memo->state == State::kNew) {
    memo->state = State::kBusy;
    TfInstanceKeys none;
    TfEvaluator ev(*this, none);
    memo->value = ev.Eval(decl->second->value);
    memo->state = State::kDone;
  }
  return Charge(memo->value, loc);
}

Value TfModuleInstance::ResourceValue(size_t index, const Location& loc) {
  const auto& cfg = config_.resources[index];
  if (resources_[index] && resources_[index]->state == State::kBusy) {
    return Value::Unknown("'" + cfg.type + "." + cfg.name + "' refers to itself", loc);
  }
  return Charge(EvaluateResource(index).value, loc);
}

TfModuleInstance::ResourceState& TfModuleInstance::EvaluateResource(size_t index) {
  auto& slot = resources_[index];
  if (!slot) slot = std::make_unique<ResourceState>();
  ResourceState& st = *slot;
  if (st.state != State::kNew) return st;
  st.state = State::kBusy;
  const auto& cfg = config_.resources[index];
  const std::string local = (cfg.mode == "data" ? "data." : "") + cfg.type + "." + cfg.name;
  const std::string base = path_.empty() ? local : path_ + "." + local;
  TfInstanceKeys none;
  TfEvaluator outer(*this, none);
  TfRepetitions reps = Repetitions(cfg.block->body, outer, base);
  const std::string tag(cfg.mode == "data" ? kDataTag : kResourceTag);
  st.value = reps.keyed_by_count ? Value::List(cfg.block->loc) : Value::Map(cfg.block->loc);
  for (TfRepetition& rep : reps.items) {
    TfResourceInstance inst;
    inst.address = WithKey(base, rep.key);
    inst.module_path = path_;
    inst.mode = cfg.mode;
    inst.type = cfg.type;
    inst.name = cfg.name;
    inst.loc = cfg.block->loc;
    inst.index = rep.key;
    if (!reps.unknown_reason.empty()) {
      inst.exists = Value::Unknown(reps.unknown_reason, cfg.block->loc);
    } else if (!unknown_count_.empty()) {
      inst.exists = Value::Unknown(unknown_count_, cfg.block->loc);
    }
    TfEvaluator ev(*this, rep.keys);
    inst.attributes = EvaluateBody(cfg.block->body, ev, cfg.block->loc, true, &inst.references);
    if (cfg.mode == "data" && cfg.type == "aws_iam_policy_document") {
      Value doc = RenderPolicyDocument(inst.attributes, cfg.block->loc);
      inst.attributes.Set("json", doc, cfg.block->loc);
      inst.attributes.Set("minified_json", std::move(doc), cfg.block->loc);
    }
    Value object = inst.attributes;
    if (cfg.mode == "managed" && !object.Find("id")) {
      if (const Value* id = ProviderIdSource(cfg.type, inst.attributes))
        object.Set("id", *id, id->loc());
    }
    object.set_tag(tag + inst.address);
    if (!reps.unknown_reason.empty()) {
      st.value = Value::Unknown(reps.unknown_reason, cfg.block->loc);
    } else if (reps.keyed_by_count) {
      st.value.Add(std::move(object));
    } else if (reps.keyed_by_each) {
      st.value.Set(rep.key.str(), std::move(object));
    } else {
      st.value = std::move(object);
    }
    st.instances.push_back(std::move(inst));
  }
  st.state = State::kDone;
  return st;
}

TfModuleInstance::CallState& TfModuleInstance::EvaluateCall(size_t index) {
  auto& slot = calls_[index];
  if (!slot) slot = std::make_unique<CallState>();
  CallState& st = *slot;
  if (st.state != State::kNew) return st;
  st.state = State::kBusy;
  const auto& call = config_.calls[index];
  const std::string base = (path_.empty() ? "" : path_ + ".") + "module." + call.name;
  const std::string key_path = key_path_.empty() ? call.name : key_path_ + "." + call.name;
  TfInstanceKeys none;
  TfEvaluator outer(*this, none);
  st.reps = Repetitions(call.block->body, outer, base);
  const TfModuleConfig* child = depth_ < host_.options().max_module_depth
                                    ? host_.ChildConfig(config_, key_path, call)
                                    : nullptr;
  for (const TfRepetition& rep : st.reps.items) {
    TfModuleCall record;
    record.address = WithKey(base, rep.key);
    record.module_path = path_;
    record.name = call.name;
    record.source = call.source;
    record.loc = call.block->loc;
    std::map<std::string, Value> inputs;
    TfEvaluator ev(*this, rep.keys);
    for (const auto& a : call.block->body.attributes) {
      const std::string name(a.name);
      if (name == "source" || name == "version" || name == "count" || name == "for_each" ||
          name == "providers" || name == "depends_on") {
        continue;
      }
      inputs[name] = ev.Eval(a.value);
      auto refs = CollectReferences(a.value);
      if (!refs.empty()) record.references[name] = std::move(refs);
    }
    if (child != nullptr) {
      record.dir = child->display_dir;
      for (const auto& [name, expr] : child->outputs) {
        auto refs = CollectReferences(*expr);
        if (!refs.empty()) record.output_references[name] = std::move(refs);
      }
      st.children.push_back(std::make_unique<TfModuleInstance>(
          host_, *child, record.address, key_path, std::move(inputs), depth_ + 1,
          st.reps.unknown_reason.empty() ? unknown_count_ : st.reps.unknown_reason));
    } else {
      st.children.push_back(nullptr);
    }
    st.calls.push_back(std::move(record));
  }
  st.state = State::kDone;
  return st;
}

Value TfModuleInstance::Output(const std::string& name, const Location& loc) {
  const auto decl = config_.outputs.find(name);
  if (decl == config_.outputs.end()) {
    return Value::Unknown("module output '" + name + "' is not declared", loc);
  }
  auto& memo = outputs_[name];
  if (!memo) memo = std::make_unique<Memo>();
  if (memo->state == State::kBusy)
    return Value::Unknown("output '" + name + "' refers to itself", loc);
  if (memo->state == State::kNew) {
    memo->state = State::kBusy;
    TfInstanceKeys none;
    TfEvaluator ev(*this, none);
    memo->value = ev.Eval(*decl->second);
    memo->state = State::kDone;
  }
  return Charge(memo->value, loc);
}

Value TfModuleInstance::ModuleValue(const std::string& name, const std::string* output,
                                    size_t* used, const Location& loc) {
  size_t index = config_.calls.size();
  for (size_t i = 0; i < config_.calls.size(); ++i) {
    if (config_.calls[i].name == name) index = i;
  }
  if (index == config_.calls.size()) {
    return Value::Unknown("reference to an undeclared module 'module." + name + "'", loc);
  }
  if (calls_[index] && calls_[index]->state == State::kBusy) {
    return Value::Unknown("module '" + name + "' refers to itself", loc);
  }
  CallState& st = EvaluateCall(index);
  if (!st.reps.unknown_reason.empty()) return Value::Unknown(st.reps.unknown_reason, loc);
  const auto object_of = [&](size_t i) -> Value {
    TfModuleInstance* child = st.children[i].get();
    if (child == nullptr) {
      return Value::Unknown(
          "module '" + name + "' is not inspected (source \"" + config_.calls[index].source + "\")",
          loc);
    }
    if (output != nullptr) return child->Output(*output, loc);
    Value obj = Value::Map(loc);
    for (const auto& [out_name, expr] : child->config_.outputs) {
      obj.Set(out_name, child->Output(out_name, loc));
    }
    return obj;
  };
  if (!st.reps.keyed_by_count && !st.reps.keyed_by_each) {
    *used = output != nullptr ? 2 : 1;
    return st.children.empty() ? Value::Null(loc) : object_of(0);
  }
  *used = 1;
  output = nullptr;
  Value all = st.reps.keyed_by_count ? Value::List(loc) : Value::Map(loc);
  for (size_t i = 0; i < st.children.size(); ++i) {
    if (st.reps.keyed_by_count) {
      all.Add(object_of(i));
    } else {
      all.Set(st.reps.items[i].key.str(), object_of(i));
    }
  }
  return all;
}

void TfModuleInstance::Expand(TfLoadResult& out) {
  for (size_t i = 0; i < config_.resources.size(); ++i) {
    ResourceState& st = EvaluateResource(i);
    for (TfResourceInstance& inst : st.instances) out.instances.push_back(std::move(inst));
    st.instances.clear();
  }
  for (size_t i = 0; i < config_.calls.size(); ++i) {
    CallState& st = EvaluateCall(i);
    for (size_t k = 0; k < st.calls.size(); ++k) {
      out.modules.push_back(st.calls[k]);
      if (st.children[k]) st.children[k]->Expand(out);
    }
  }
}

}  // namespace iaclint
