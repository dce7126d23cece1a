#include "rules/ruleset.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "base/files.h"
#include "parse/yaml_reader.h"

namespace iaclint {

namespace fs = std::filesystem;

namespace {

// ID-name.yaml or ID-name.yml, where the name is any non-empty run of [a-z0-9-].
bool IsRuleFileName(std::string_view name) {
  if (name.ends_with(".yaml")) {
    name.remove_suffix(5);
  } else if (name.ends_with(".yml")) {
    name.remove_suffix(4);
  } else {
    return false;
  }
  const size_t dash = name.find('-');
  if (dash == std::string_view::npos || !IsRuleId(name.substr(0, dash))) return false;
  const std::string_view rest = name.substr(dash + 1);
  if (rest.empty()) return false;
  for (char c : rest) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

Result<Value> ReadYaml(const std::string& path) {
  auto text = ReadFileBounded(path, 4u << 20);
  if (!text.ok()) return Error{path + ": " + text.error().message, {}};
  auto doc = ParseYaml(*text, kNoFile);
  if (!doc.ok()) return Error{FormatFileError(path, doc.error()), {}};
  return std::move(doc->root);
}

Result<std::vector<Control>> LoadControls(const std::string& path) {
  auto doc = ReadYaml(path);
  if (!doc.ok()) return doc.error();
  std::vector<Control> out;
  for (const auto& m : doc->members()) {
    Control c;
    c.id = m.key;
    if (const Value* t = m.value.Find("title")) c.title = t->AsText().value_or("");
    if (const Value* s = m.value.Find("satisfied_by")) c.satisfied_by = s->AsText().value_or("");
    if (const Value* t = m.value.Find("tally")) {
      if (const Value* tag = t->Find("tag")) c.tally_tag = tag->AsText().value_or("");
      if (const Value* label = t->Find("label")) c.tally_label = label->AsText().value_or("");
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string ExeDir() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return "";
  buf[n] = '\0';
  return fs::path(buf).parent_path().string();
}

}  // namespace

std::string FormatFileError(const std::string& path, const Error& e) {
  if (e.where.line == 0) return path + ": " + e.message;
  return path + ":" + std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + ": " +
         e.message;
}

const Rule* RuleSet::Find(const std::string& id) const {
  for (const Rule& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const Control* RuleSet::FindControl(const std::string& id) const {
  for (const Control& c : controls) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

Result<std::string> FindRulesetsDir() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("IACLINT_RULESETS"); env && *env) candidates.push_back(env);
  const std::string exe = ExeDir();
  if (!exe.empty()) candidates.push_back(exe + "/../share/iaclint/rulesets");
  candidates.push_back(IACLINT_SOURCE_RULESETS);
  for (const std::string& c : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(fs::path(c) / "controls.yaml", ec)) return fs::path(c).lexically_normal().string();
  }
  return Error{"cannot find the rulesets directory (set IACLINT_RULESETS to the rulesets/ "
               "directory of iaclint)",
               {}};
}

Result<std::vector<Rule>> LoadRuleFiles(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return Error{dir + ": cannot read the rule directory: " + ec.message(), {}};
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec) && IsRuleFileName(it->path().filename().string())) {
      files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Rule> rules;
  for (const std::string& path : files) {
    auto doc = ReadYaml(path);
    if (!doc.ok()) return doc.error();
    auto rule = ParseRule(*doc, path);
    if (!rule.ok()) return Error{FormatFileError(path, rule.error()), {}};
    for (const Rule& existing : rules) {
      if (existing.id == rule->id) {
        return Error{path + ": rule " + rule->id + " is also defined in " + existing.file, {}};
      }
    }
    rules.push_back(std::move(*rule));
  }
  return rules;
}

Result<RuleSet> LoadRuleSet(const std::string& dir, const std::vector<std::string>& extra_dirs) {
  auto mappings = LoadMappings(dir + "/mappings");
  if (!mappings.ok()) return mappings.error();
  auto set = LoadRulesAndControls(dir, extra_dirs);
  if (!set.ok()) return set.error();
  set->mappings = std::move(*mappings);
  return set;
}

Result<RuleSet> LoadRulesAndControls(const std::string& dir,
                                     const std::vector<std::string>& extra_dirs) {
  RuleSet set;
  set.dir = dir;
  auto controls = LoadControls(dir + "/controls.yaml");
  if (!controls.ok()) return controls.error();
  set.controls = std::move(*controls);
  auto builtin = LoadRuleFiles(dir);
  if (!builtin.ok()) return builtin.error();
  set.rules = std::move(*builtin);
  for (const std::string& extra : extra_dirs) {
    auto more = LoadRuleFiles(extra);
    if (!more.ok()) return more.error();
    for (Rule& r : *more) {
      auto same = std::find_if(set.rules.begin(), set.rules.end(),
                               [&](const Rule& x) { return x.id == r.id; });
      if (same != set.rules.end()) {
        *same = std::move(r);
      } else {
        set.rules.push_back(std::move(r));
      }
    }
  }
  std::sort(set.rules.begin(), set.rules.end(),
            [](const Rule& a, const Rule& b) { return a.id < b.id; });
  return set;
}

}  // namespace iaclint
