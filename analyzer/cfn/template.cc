#include "cfn/template.h"

#include <algorithm>
#include <optional>
#include <set>

#include "base/suppression_comments.h"
#include "cfn/foreach.h"
#include "cfn/resolver.h"
#include "model/tool_findings.h"
#include "parse/json_reader.h"

namespace iaclint {

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& s) {
  for (const auto& item : list) {
    if (item == s) return true;
  }
  return false;
}

// Parses JSON-string properties (EventPattern: '{"source": ...}') into values, at any depth.
void ParseJsonStrings(Value& v, const CfnMappings& mappings, const ParseLimits& limits,
                      Fragment& out, const std::string& resource) {
  for (auto& m : v.members()) {
    if (m.value.is(Value::Kind::kString) && Contains(mappings.json_string_properties, m.key)) {
      const std::string& text = m.value.str();
      const size_t first = text.find_first_not_of(" \t\r\n");
      if (first == std::string::npos || (text[first] != '{' && text[first] != '[')) continue;
      auto parsed = ParseEmbeddedJson(m.value, limits);
      if (parsed.ok()) {
        m.value = std::move(*parsed);
      } else {
        out.diagnostics.push_back(ToolFinding(
            kParseError, m.key + " is not valid JSON: " + parsed.error().message,
            parsed.error().where, resource));
        Value u = Value::Unknown(m.key + " is not valid JSON", m.value.loc());
        u.set_tag("invalid");
        m.value = std::move(u);
      }
      continue;
    }
    ParseJsonStrings(m.value, mappings, limits, out, resource);
  }
  for (Value& item : v.items()) ParseJsonStrings(item, mappings, limits, out, resource);
}

// Renames the properties of a registry type or custom resource to their canonical names.
Value CanonicalProperties(const Value& props, const CfnTypeMapping& mapping,
                          const std::vector<std::string>& canonical_names) {
  Value out = Value::Map(props.loc());
  for (const auto& m : props.members()) {
    std::string name = m.key;
    auto renamed = mapping.rename.find(name);
    if (renamed != mapping.rename.end()) {
      name = renamed->second;
    } else {
      const std::string loose = LooseKey(name);
      for (const auto& canonical : canonical_names) {
        if (LooseKey(canonical) == loose) name = canonical;
      }
    }
    out.Set(name, m.value, m.key_loc);
  }
  for (const auto& [name, value] : mapping.set) {
    if (!out.Find(name)) out.Set(name, value, props.loc());
  }
  return out;
}

// Metadata: {iaclint: {ignore: [{id, reason, until}]}} (or a bare id, which has no reason).
void ReadMetadataSuppressions(const Value& def, Resource& r) {
  const Value* metadata = def.Find("Metadata");
  const Value* own = metadata ? metadata->Find("iaclint") : nullptr;
  const Value* ignore = own ? own->Find("ignore") : nullptr;
  if (!ignore) return;
  if (!ignore->is(Value::Kind::kList)) {
    r.suppressions.push_back(
        Suppression{"", "", "", ignore->loc(), "Metadata iaclint.ignore must be a list"});
    return;
  }
  for (const Value& entry : ignore->items()) {
    Suppression s;
    s.where = entry.loc();
    if (auto id = entry.AsText()) {
      s.rule_id = *id;
    } else if (entry.is(Value::Kind::kMap)) {
      for (const auto& m : entry.members()) {
        const std::string text = m.value.AsText().value_or("");
        if (m.key == "id")
          s.rule_id = text;
        else if (m.key == "reason")
          s.reason = text;
        else if (m.key == "until")
          s.until = text;
        else
          s.problem = "unknown key '" + m.key + "' (expected id, reason, until)";
      }
      if (s.rule_id.empty() && s.problem.empty()) s.problem = "the entry has no id";
      if (!s.until.empty() && !IsIsoDate(s.until) && s.problem.empty()) {
        s.problem = "until: " + s.until + " is not a date like 2027-03-31";
      }
    } else {
      s.problem = "an ignore entry must be a rule id or {id, reason, until}";
    }
    r.suppressions.push_back(std::move(s));
  }
}

// The lines of each resource: from its logical id to the line before the next resource (or
// before the next top-level key, or the end of the file). Comment suppressions bind to them.
std::vector<uint32_t> ResourceLastLines(const Value& root, const Value& resources,
                                        std::string_view text) {
  uint32_t end = 1;
  for (char c : text) end += c == '\n' ? 1 : 0;
  for (const auto& m : root.members()) {
    if (m.key_loc.line > resources.loc().line && m.key_loc.line <= end) {
      end = std::min(end, m.key_loc.line - 1);
    }
  }
  std::vector<uint32_t> last;
  const auto& entries = resources.members();
  for (size_t i = 0; i < entries.size(); ++i) {
    const uint32_t next = i + 1 < entries.size() ? entries[i + 1].key_loc.line : end + 1;
    last.push_back(std::max(entries[i].key_loc.line, next > 0 ? next - 1 : 0));
  }
  return last;
}

bool IsJsonText(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

Value ExistenceOf(const Value& def, CfnResolver& resolver) {
  const Value* cond = def.Find("Condition");
  if (!cond) return Value::Bool(true, def.loc());
  const std::string name = cond->AsText().value_or("");
  const CondValue c = resolver.Condition(name);
  if (c.state == CondValue::kTrue) return Value::Bool(true, cond->loc());
  if (c.state == CondValue::kFalse) return Value::Bool(false, cond->loc());
  Value choice = Value::Choice(name, cond->loc());
  choice.Add(Value::Bool(true, cond->loc()));
  choice.Add(Value::Bool(false, cond->loc()));
  return choice;
}

void AddResource(const Value::Member& entry, FileId file, CfnResolver& resolver,
                 const CfnOptions& options, const SuppressionComments* comments, uint32_t last_line,
                 Fragment& out) {
  const Value& def = entry.value;
  const Value* type = def.Find("Type");
  auto type_text = type && type->is(Value::Kind::kString) ? type->AsText() : std::nullopt;
  if (!def.is(Value::Kind::kMap) || !type_text) {
    // The file parsed; this entry is not a resource CloudFormation could create (cfn-lint
    // reports E3001, not a parse error), so only it is skipped, and said so.
    std::string why = !def.is(Value::Kind::kMap) ? "it is not a mapping"
                      : !type ? "it has no Type"
                              : "its Type " + type->Render(60) + " is not a resource type name";
    if (type && type->is(Value::Kind::kMap) && type->Find("Rain::Module")) {
      why += " (a Rain module: analyse the template that `rain pkg` writes)";
    }
    out.diagnostics.push_back(ToolFinding(kUnsupportedInput,
                                          "resource '" + entry.key + "' is not analysed: " + why,
                                          entry.key_loc, entry.key));
    return;
  }
  Resource r;
  r.id = entry.key;
  r.source_type = *type_text;
  r.type = *type_text;
  r.scope = resolver.scope();
  r.loc = entry.key_loc;
  r.loc.file = file;
  const Value* props = def.Find("Properties");
  r.properties = props ? resolver.Resolve(*props) : Value::Map(entry.key_loc);
  if (!r.properties.is(Value::Kind::kMap)) r.properties = Value::Map(entry.key_loc);
  if (options.mappings) {
    if (const CfnTypeMapping* mapping = options.mappings->Match(r.source_type)) {
      r.type = mapping->canonical;
      r.evidence = mapping->evidence;
      auto names = options.mappings->properties.find(r.type);
      r.properties = CanonicalProperties(
          r.properties, *mapping,
          names == options.mappings->properties.end() ? std::vector<std::string>{}
                                                      : names->second);
    }
    ParseJsonStrings(r.properties, *options.mappings, options.limits, out, r.id);
  }
  r.exists = ExistenceOf(def, resolver);
  ReadMetadataSuppressions(def, r);
  if (comments) {
    for (Suppression& s : comments->ForBlock(entry.key_loc.line, last_line)) {
      r.suppressions.push_back(std::move(s));
    }
  }
  out.resources.push_back(std::move(r));
}

void CollectExports(const Value& root, CfnResolver& resolver, Fragment& out) {
  const Value* outputs = root.Find("Outputs");
  if (!outputs) return;
  for (const auto& o : outputs->members()) {
    const Value* exp = o.value.Find("Export");
    const Value* name = exp ? exp->Find("Name") : nullptr;
    const Value* value = o.value.Find("Value");
    if (!name || !value) continue;
    Value resolved_name = resolver.Resolve(*name);
    if (!resolved_name.is(Value::Kind::kString)) continue;
    // ${AWS::StackName} differs between stacks, so such names cannot be matched offline.
    if (resolved_name.str().find("${AWS::Stack") != std::string::npos) continue;
    out.exports[resolved_name.str()] = resolver.Resolve(*value);
  }
}

}  // namespace

bool LooksLikeCfnTemplate(const Value& root) { return WhyNotCfnTemplate(root).empty(); }

std::string WhyNotCfnTemplate(const Value& root) {
  if (root.IsNull()) return "the document is empty";
  if (!root.is(Value::Kind::kMap)) {
    return std::string("the document is a ") + KindName(root.kind()) + ", not a mapping";
  }
  if (root.Find("AWSTemplateFormatVersion")) return "";
  const Value* resources = root.Find("Resources");
  if (!resources) return "no AWSTemplateFormatVersion and no Resources section";
  if (!resources->is(Value::Kind::kMap)) return "Resources is not a mapping of resources";
  if (resources->members().empty()) return "Resources is empty";
  // One entry without a Type is a template with an error (reported when normalised), not a
  // reason to skip the file silently; entries that are not mappings are another format.
  bool typed = false;
  for (const auto& m : resources->members()) {
    if (m.key.rfind("Fn::ForEach::", 0) == 0) {
      typed = true;  // a loop of resources is as clear a sign as a Type
      continue;
    }
    if (!m.value.is(Value::Kind::kMap)) return "Resources entry '" + m.key + "' is not a mapping";
    const Value* type = m.value.Find("Type");
    typed |= type && type->is(Value::Kind::kString);
  }
  return typed ? "" : "no entry of Resources has a Type";
}

namespace {

constexpr const char* kLoopSections[] = {"Conditions", "Resources", "Outputs"};

// The template with its Fn::ForEach loops expanded (AWS::LanguageExtensions runs before
// everything else), or nullopt when it has none. Collections are resolved against the
// original template's parameters and mappings.
std::optional<Value> ExpandLoops(const Value& root, FileId file, const std::string& scope,
                                 const CfnOptions& options, Fragment& out,
                                 std::set<std::string>& uncertain) {
  bool any = false;
  for (const char* name : kLoopSections) {
    const Value* section = root.Find(name);
    any |= section && section->is(Value::Kind::kMap) && HasForEach(*section);
  }
  if (!any) return std::nullopt;
  Fragment scratch;  // the collections' own diagnostics are reported when the values are used
  CfnResolver pre(root, file, scope, options, scratch);
  ForEachCollection collection = [&](const Value& c) -> std::optional<std::vector<std::string>> {
    Value list = pre.Resolve(c);
    if (!list.is(Value::Kind::kList)) return std::nullopt;
    std::vector<std::string> items;
    for (const Value& item : list.items()) {
      auto text = item.is(Value::Kind::kString) || item.is(Value::Kind::kNumber) ||
                          item.is(Value::Kind::kBool)
                      ? item.AsText()
                      : std::nullopt;
      if (!text || item.has(Value::kInterpolated)) return std::nullopt;
      items.push_back(*text);
    }
    return items;
  };
  Value expanded = root;
  std::vector<std::string> maybe;
  std::vector<ForEachProblem> problems;
  for (auto& m : expanded.members()) {
    bool loop_section = false;
    for (const char* name : kLoopSections) loop_section |= m.key == name;
    if (!loop_section || !m.value.is(Value::Kind::kMap) || !HasForEach(m.value)) continue;
    m.value = ExpandForEach(m.value, collection, maybe, problems);
    if (m.key == "Resources") uncertain.insert(maybe.begin(), maybe.end());
    maybe.clear();
  }
  for (const ForEachProblem& p : problems) {
    out.diagnostics.push_back(ToolFinding(kUnsupportedInput, p.message + "; not analysed", p.where));
  }
  return expanded;
}

}  // namespace

void NormaliseCfnTemplate(const Value& original, FileId file, const std::string& scope,
                          const CfnOptions& options, Fragment& out) {
  std::set<std::string> uncertain;
  const std::optional<Value> expanded =
      ExpandLoops(original, file, scope, options, out, uncertain);
  const Value& root = expanded ? *expanded : original;
  CfnResolver resolver(root, file, scope, options, out);
  const Value* resources = root.Find("Resources");
  if (resources && resources->is(Value::Kind::kMap)) {
    // JSON has no comments; YAML templates are scanned once for `# iaclint:ignore`.
    std::optional<SuppressionComments> comments;
    std::vector<uint32_t> last_lines;
    if (!options.text.empty() && !IsJsonText(options.text)) {
      comments.emplace(options.text, file, CommentSyntax::kYaml);
      if (!comments->empty()) last_lines = ResourceLastLines(root, *resources, options.text);
    }
    const auto& entries = resources->members();
    for (size_t i = 0; i < entries.size(); ++i) {
      const bool scan = comments && !comments->empty();
      const size_t before = out.resources.size();
      AddResource(entries[i], file, resolver, options, scan ? &*comments : nullptr,
                  scan ? last_lines[i] : 0, out);
      if (out.resources.size() > before && uncertain.count(entries[i].key) &&
          out.resources.back().exists.AsBool().value_or(false)) {
        // A loop over a collection not known offline: the resource may not exist at all.
        Resource& r = out.resources.back();
        Value choice = Value::Choice("its Fn::ForEach collection is not empty", r.loc);
        choice.Add(Value::Bool(true, r.loc));
        choice.Add(Value::Bool(false, r.loc));
        r.exists = std::move(choice);
      }
    }
  }
  CollectExports(root, resolver, out);
}

}  // namespace iaclint
