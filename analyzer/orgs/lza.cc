#include "orgs/lza.h"

#include <filesystem>

#include "base/text.h"
#include "model/tool_findings.h"
#include "orgs/lza_internal.h"
#include "orgs/lza_placeholders.h"
#include "parse/yaml_reader.h"

namespace iaclint {

namespace fs = std::filesystem;

namespace {

struct LzaFile {
  const char* name;
  const char* keys[6];  ///< top-level keys, one of which the file must have
  void (*normalise)(const Value& root, LzaBuilder& b);
};

const LzaFile kFiles[] = {
    {"global-config",
     {"homeRegion", "logging", "controlTower", "reports", nullptr},
     NormaliseGlobalConfig},
    {"security-config",
     {"centralSecurityServices", "iamPasswordPolicy", "awsConfig", "cloudWatch", nullptr},
     NormaliseSecurityConfig},
    {"iam-config",
     {"providers", "policySets", "roleSets", "groupSets", "userSets", "identityCenter"},
     NormaliseIamConfig},
    {"organization-config",
     {"organizationalUnits", "serviceControlPolicies", "enable", nullptr},
     NormaliseOrganizationConfig},
    {"accounts-config", {"mandatoryAccounts", "workloadAccounts", nullptr}, nullptr},
    {"replacements-config", {"globalReplacements", nullptr}, nullptr},
};

const LzaFile* FileOf(const std::string& path) {
  const fs::path p(path);
  const std::string ext = p.extension().string();
  if (ext != ".yaml" && ext != ".yml") return nullptr;
  const std::string stem = p.stem().string();
  for (const LzaFile& f : kFiles) {
    if (stem == f.name) return &f;
  }
  return nullptr;
}

bool HasTopLevelKey(std::string_view text, const std::string& key) {
  const std::string at = key + ":";
  return text.rfind(at, 0) == 0 || text.find("\n" + at) != std::string_view::npos;
}

std::optional<Value> ParseSibling(const DocumentInput& in, const std::string& name) {
  auto text = ReadSibling(in, name);
  if (!text) return std::nullopt;
  auto doc = ParseYaml(*text, kNoFile, in.options.limits);
  if (!doc.ok()) return std::nullopt;
  return std::move(doc->root);
}

Replacements LoadReplacements(const DocumentInput& in) {
  auto replacements = ParseSibling(in, "replacements-config.yaml");
  auto accounts = ParseSibling(in, "accounts-config.yaml");
  return ReadReplacements(replacements ? &*replacements : nullptr, accounts ? &*accounts : nullptr);
}

void ParseError(const Error& e, const Substitution& s, FileId file, Fragment& out,
                Severity severity = Severity::kError) {
  Location where = OriginalLocation(e.where, s);
  where.file = file;
  if (where.line == 0) where.line = where.column = 1;
  out.diagnostics.push_back(ToolFinding(kParseError, e.message, where));
  out.diagnostics.back().severity = severity;
}

}  // namespace

bool IsLzaConfigName(const std::string& path) { return FileOf(path) != nullptr; }

std::string LzaScope(const std::string& reported_path) {
  const std::string dir = fs::path(reported_path).parent_path().generic_string();
  return "lza:" + (dir.empty() ? std::string(".") : dir);
}

bool ClaimsLzaText(const DocumentInput& in) {
  if (in.options.forced_type == "lza") return true;
  const LzaFile* f = FileOf(in.entry.path);
  if (!f) return false;
  for (const char* key : f->keys) {
    if (key && HasTopLevelKey(in.text, key)) return true;
  }
  return false;
}

void ProcessLzaText(const DocumentInput& in, Fragment& out) {
  if (auto bad = UnsupportedEncoding(in.text)) {
    out.diagnostics.push_back(ToolFinding(kParseError, *bad, Location{in.file, 1, 1, 1, 1}));
    return;
  }
  const Substitution s = SubstitutePlaceholders(in.text, LoadReplacements(in));
  auto doc = ParseYaml(s.text, in.file, in.options.limits);
  if (!doc.ok()) {
    ParseError(doc.error(), s, in.file, out);
    return;
  }
  for (const Error& w : doc->warnings) ParseError(w, s, in.file, out, Severity::kWarning);
  Value root = std::move(doc->root);
  RestoreOriginal(root, s);
  if (root.IsNull()) return;
  if (!root.is(Value::Kind::kMap)) {
    out.diagnostics.push_back(ToolFinding(
        kParseError, "a Landing Zone Accelerator configuration must be a YAML map", root.loc()));
    return;
  }
  const LzaFile* f = FileOf(in.entry.path);
  if (!f || !f->normalise) return;
  LzaBuilder b(in, out, LzaScope(in.entry.path));
  f->normalise(root, b);
}

Resource& LzaBuilder::Add(const std::string& id, const std::string& type, const Location& at,
                          Value properties, const std::string& evidence) {
  Resource r;
  r.id = id;
  r.type = type;
  r.source_type = "LZA " + id;
  r.scope = scope_;
  r.evidence = evidence;
  r.loc = at;
  r.properties = std::move(properties);
  refs_.out().resources.push_back(std::move(r));
  return refs_.out().resources.back();
}

Value LzaBuilder::RefTo(const std::string& id, const Location& at) const {
  return Value::Ref(ResourceKey(scope_, id), "", at);
}

void Put(Value& map, const std::string& key, const Value* v) {
  if (v) map.Set(key, *v, v->loc());
}

void PutValue(Value& map, const std::string& key, Value v, const Location& at) {
  if (!v.loc().known()) v.set_loc(at);
  map.Set(key, std::move(v), at);
}

std::string Indexed(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

bool IsTrue(const Value* v) { return v && v->AsBool().value_or(false); }

const std::vector<Value>& ItemsOf(const Value* v) {
  static const std::vector<Value> kEmpty;
  return v && v->is(Value::Kind::kList) ? v->items() : kEmpty;
}

Value TargetsOf(const Value* targets, const Location& at) {
  Value out = Value::List(targets ? targets->loc() : at);
  if (!targets) return out;
  for (const char* kind : {"organizationalUnits", "accounts"}) {
    for (const Value& t : ItemsOf(targets->Find(kind))) out.Add(t);
  }
  return out;
}

}  // namespace iaclint
