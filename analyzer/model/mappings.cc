#include "model/mappings.h"

#include <filesystem>

#include "base/files.h"
#include "parse/yaml_reader.h"

namespace iaclint {

namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::vector<std::string> Strings(const Value* v) {
  std::vector<std::string> out;
  if (!v) return out;
  if (auto text = v->AsText()) {
    out.push_back(*text);
    return out;
  }
  for (const Value& item : v->items()) {
    if (auto text = item.AsText()) out.push_back(*text);
  }
  return out;
}

Result<Value> LoadYamlFile(const std::string& path) {
  auto text = ReadFileBounded(path, 16u << 20);
  if (!text.ok()) return Error{path + ": " + text.error().message, {}};
  auto doc = ParseYaml(*text, kNoFile);
  if (!doc.ok()) {
    return Error{path + ":" + std::to_string(doc.error().where.line) + ":" +
                     std::to_string(doc.error().where.column) + ": " + doc.error().message,
                 {}};
  }
  return std::move(doc->root);
}

std::map<std::string, TypeInfo> ParseTypes(const Value& root) {
  std::map<std::string, TypeInfo> out;
  for (const auto& m : root.members()) {
    TypeInfo info;
    if (const Value* name = m.value.Find("name")) info.name_property = name->AsText().value_or("");
    info.arn_patterns = Strings(m.value.Find("arns"));
    out[m.key] = std::move(info);
  }
  return out;
}

CfnMappings ParseCfn(const Value& root) {
  CfnMappings out;
  if (const Value* types = root.Find("types")) {
    for (const Value& t : types->items()) {
      CfnTypeMapping m;
      m.source_glob = t.Find("source") ? t.Find("source")->AsText().value_or("") : "";
      m.canonical = t.Find("canonical") ? t.Find("canonical")->AsText().value_or("") : "";
      m.evidence = t.Find("evidence") ? t.Find("evidence")->AsText().value_or("declared")
                                      : "declared";
      if (const Value* rename = t.Find("rename")) {
        for (const auto& r : rename->members()) m.rename[r.key] = r.value.AsText().value_or("");
      }
      if (const Value* set = t.Find("set")) {
        for (const auto& s : set->members()) m.set[s.key] = s.value;
      }
      out.types.push_back(std::move(m));
    }
  }
  if (const Value* props = root.Find("properties")) {
    for (const auto& p : props->members()) out.properties[p.key] = Strings(&p.value);
  }
  out.json_string_properties = Strings(root.Find("json_string_properties"));
  return out;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // Iterative matcher with single-star backtracking: linear in practice, never exponential.
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && (pattern[p] == '?' || Lower(pattern[p]) == Lower(text[t]))) {
      ++p, ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

const CfnTypeMapping* CfnMappings::Match(const std::string& type) const {
  for (const auto& m : types) {
    if (GlobMatch(m.source_glob, type)) return &m;
  }
  return nullptr;
}

std::string NameFromArn(const TypeInfo& info, std::string_view arn) {
  for (const std::string& pattern : info.arn_patterns) {
    const size_t slot = pattern.find("{name}");
    if (slot == std::string::npos) continue;
    const std::string_view before(pattern.data(), slot);
    const std::string_view after = std::string_view(pattern).substr(slot + 6);
    // Match the fixed prefix field by field ('*' = any one field without ':').
    size_t i = 0, a = 0;
    bool ok = true;
    while (i < before.size() && ok) {
      if (before[i] == '*') {
        while (a < arn.size() && arn[a] != ':') ++a;
        ++i;
      } else if (a < arn.size() && before[i] == arn[a]) {
        ++i, ++a;
      } else {
        ok = false;
      }
    }
    if (!ok) continue;
    std::string_view rest = arn.substr(a);
    if (after.empty()) {
      if (!rest.empty() && rest.find(':') == std::string_view::npos) return std::string(rest);
      continue;
    }
    // The suffix after {name} is matched from the end (":*" = one more field).
    if (after == ":*") {
      const size_t colon = rest.rfind(':');
      if (colon != std::string_view::npos && colon > 0) return std::string(rest.substr(0, colon));
      continue;
    }
    if (rest.size() > after.size() && rest.substr(rest.size() - after.size()) == after) {
      return std::string(rest.substr(0, rest.size() - after.size()));
    }
  }
  return "";
}

Result<Mappings> LoadMappings(const std::string& dir) {
  Mappings out;
  const std::string types_path = dir + "/types.yaml";
  const std::string cfn_path = dir + "/cloudformation.yaml";
  auto types = LoadYamlFile(types_path);
  if (!types.ok()) return types.error();
  out.types = ParseTypes(*types);
  auto cfn = LoadYamlFile(cfn_path);
  if (!cfn.ok()) return cfn.error();
  out.cfn = ParseCfn(*cfn);
  const std::string tf_path = dir + "/terraform.yaml";
  if (std::filesystem::exists(tf_path)) {
    auto tf = LoadYamlFile(tf_path);
    if (!tf.ok()) return tf.error();
    out.terraform = std::move(*tf);
  }
  return out;
}

}  // namespace iaclint
