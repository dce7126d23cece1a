#include "orgs/cfct.h"

#include <filesystem>

#include "cfn/template.h"
#include "model/tool_findings.h"
#include "orgs/references.h"

namespace iaclint {

namespace fs = std::filesystem;

namespace {

const std::vector<Value>& Items(const Value* v) {
  static const std::vector<Value> kEmpty;
  return v && v->is(Value::Kind::kList) ? v->items() : kEmpty;
}

std::string Text(const Value* v) { return v ? v->AsText().value_or("") : ""; }

// One deployable entry, whichever schema version wrote it.
struct Entry {
  const Value* item = nullptr;
  std::string name;
  const Value* file = nullptr;        ///< resource_file / template_file / policy_file
  std::string method;                 ///< stack_set, scp, rcp
  const Value* parameters = nullptr;  ///< [{parameter_key, parameter_value}]
  const Value* parameter_file = nullptr;
  Value targets;  ///< organizational units (and accounts for stack sets)
};

Value Targets(const Value* a, const Value* b, const Location& at) {
  Value out = Value::List(at);
  for (const Value* list : {a, b}) {
    for (const Value& t : Items(list)) out.Add(t);
  }
  return out;
}

std::vector<Entry> EntriesOf(const Value& root) {
  std::vector<Entry> out;
  for (const Value& r : Items(root.Find("resources"))) {
    const Value* dt = r.Find("deployment_targets");
    Entry e{&r,
            Text(r.Find("name")),
            r.Find("resource_file"),
            Text(r.Find("deploy_method")),
            r.Find("parameters"),
            r.Find("parameter_file"),
            Targets(dt ? dt->Find("organizational_units") : nullptr,
                    dt ? dt->Find("accounts") : nullptr, r.loc())};
    if (e.method.empty()) e.method = "stack_set";
    out.push_back(std::move(e));
  }
  for (const Value& p : Items(root.Find("organization_policies"))) {
    out.push_back(Entry{&p, Text(p.Find("name")), p.Find("policy_file"), "scp", nullptr, nullptr,
                        Targets(p.Find("apply_to_accounts_in_ou"), nullptr, p.loc())});
  }
  for (const Value& c : Items(root.Find("cloudformation_resources"))) {
    out.push_back(Entry{&c, Text(c.Find("name")), c.Find("template_file"), "stack_set", nullptr,
                        c.Find("parameter_file"),
                        Targets(c.Find("deploy_to_ou"), c.Find("deploy_to_account"), c.loc())});
  }
  return out;
}

// CfCT resolves "$[alfred_ssm_/path]" parameter values from SSM at deployment.
bool IsLookup(const std::string& v) { return v.rfind("$[alfred_", 0) == 0; }

void AddParameter(const std::string& key, const std::string& value, CfnOptions& options) {
  if (key.empty()) return;
  if (IsLookup(value)) {
    options.unknown_parameters[key] = "is looked up by CfCT at deployment (" + value + ")";
  } else {
    options.parameters[key] = value;
  }
}

void ReadParameters(const Entry& e, ReferenceReader& refs, CfnOptions& options) {
  if (e.parameter_file) {
    std::string why;
    if (auto file = refs.Read(*e.parameter_file, "cfct", &why)) {
      if (auto doc = refs.Parse(*file)) {
        for (const Value& p : Items(&*doc)) {
          AddParameter(Text(p.Find("ParameterKey")), Text(p.Find("ParameterValue")), options);
        }
      }
    }
  }
  for (const Value& p : Items(e.parameters)) {
    AddParameter(Text(p.Find("parameter_key")), Text(p.Find("parameter_value")), options);
  }
}

void AddStackSet(const Entry& e, const DocumentInput& in, ReferenceReader& refs) {
  std::string why;
  auto file = e.file ? refs.Read(*e.file, "cfn", &why) : std::nullopt;
  if (!file) return;
  auto doc = refs.Parse(*file);
  if (!doc) return;
  if (!LooksLikeCfnTemplate(*doc)) {
    refs.out().diagnostics.push_back(
        ToolFinding(kUnsupportedInput, "'" + Text(e.file) + "' is not a CloudFormation template",
                    e.file->loc()));
    return;
  }
  CfnOptions options;
  options.mappings = in.options.mappings ? &in.options.mappings->cfn : nullptr;
  options.limits = in.options.limits;
  ReadParameters(e, refs, options);
  const std::string scope = in.entry.path + "#" + (e.name.empty() ? Text(e.file) : e.name);
  NormaliseCfnTemplate(*doc, *file, scope, options, refs.out());
}

void AddPolicy(const Entry& e, size_t index, const DocumentInput& in, ReferenceReader& refs) {
  Resource r;
  r.id = e.name.empty() ? "resources[" + std::to_string(index) + "]" : e.name;
  r.type = "AWS::Organizations::Policy";
  r.source_type = "CfCT " + e.method;
  r.scope = in.entry.path;
  r.loc = e.item->loc();
  Value props = Value::Map(r.loc);
  if (!e.name.empty()) props.Set("Name", *e.item->Find("name"), r.loc);
  props.Set("Type",
            Value::String(e.method == "rcp" ? "RESOURCE_CONTROL_POLICY" : "SERVICE_CONTROL_POLICY",
                          r.loc),
            r.loc);
  if (e.file) props.Set("Content", refs.ReadPolicy(*e.file), e.file->loc());
  props.Set("TargetIds", e.targets, r.loc);
  r.properties = std::move(props);
  refs.out().resources.push_back(std::move(r));
}

}  // namespace

bool DetectCfctManifest(const DocumentInput& in, const Value& root) {
  if (!root.is(Value::Kind::kMap)) return false;
  const std::string name = fs::path(in.entry.path).filename().string();
  if (name != "manifest.yaml" && name != "manifest.yml") return false;
  for (const Value& r : Items(root.Find("resources"))) {
    if (r.Find("resource_file") || r.Find("deploy_method")) return true;
  }
  return root.Find("organization_policies") || root.Find("cloudformation_resources");
}

void ProcessCfctManifest(const DocumentInput& in, const Value& root, Fragment& out) {
  ReferenceReader refs(in, out);
  const std::vector<Entry> entries = EntriesOf(root);
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    if (e.method == "scp" || e.method == "rcp") {
      AddPolicy(e, i, in, refs);
    } else if (e.method == "stack_set") {
      AddStackSet(e, in, refs);
    } else {
      out.diagnostics.push_back(ToolFinding(
          kUnsupportedInput, "deploy_method '" + e.method + "' is not analysed", e.item->loc()));
    }
  }
}

}  // namespace iaclint
