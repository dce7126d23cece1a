#include "rules/rule.h"

#include <filesystem>
#include <set>

namespace iaclint {

namespace {

Error At(const Location& loc, std::string message) { return Error{std::move(message), loc}; }

Result<std::string> Text(const Value& v, const std::string& key) {
  if (auto t = v.AsText()) return *t;
  return At(v.loc(), "'" + key + "' must be a string");
}

Result<ParamSpec> ParseParam(const Value::Member& m) {
  ParamSpec p;
  p.name = m.key;
  if (!m.value.is(Value::Kind::kMap)) {
    p.default_value = m.value;
    return p;
  }
  for (const auto& f : m.value.members()) {
    if (f.key == "default") {
      p.default_value = f.value;
    } else if (f.key == "description") {
      p.description = f.value.AsText().value_or("");
    } else if (f.key == "profiles") {
      for (const auto& prof : f.value.members()) p.profiles[prof.key] = prof.value;
    } else {
      return At(f.key_loc, "unknown key '" + f.key + "' in parameter '" + m.key + "'");
    }
  }
  return p;
}

Result<Check> ParseCheck(const Value& v) {
  Check c;
  bool has_assert = false;
  for (const auto& m : v.members()) {
    if (m.key == "resources") {
      c.resources = m.value.TextItems();
    } else if (m.key == "where") {
      auto p = ParsePredicate(m.value);
      if (!p.ok()) return p.error();
      c.where = std::move(*p);
      c.has_where = true;
    } else if (m.key == "assert") {
      auto p = ParsePredicate(m.value);
      if (!p.ok()) return p.error();
      c.assert = std::move(*p);
      has_assert = true;
    } else if (m.key == "message") {
      c.message = m.value.AsText().value_or("");
    } else {
      return At(m.key_loc, "unknown key '" + m.key + "' in a check");
    }
  }
  if (c.resources.empty()) return At(v.loc(), "a check needs 'resources'");
  if (!has_assert) return At(v.loc(), "a check needs 'assert'");
  return c;
}

// Keys a rule file may hold; anything else is a typo worth an error.
const std::set<std::string>& KnownKeys() {
  static const std::set<std::string> keys = {
      "id",    "name",   "severity", "control",  "summary",      "description", "help_uri",
      "tags",  "scope",  "params",   "profiles", "depends_on",   "evidence",    "resources",
      "where", "assert", "message",  "checks",   "satisfied_by", "formats"};
  return keys;
}

Result<bool> ParseMetadata(const Value::Member& m, Rule& r) {
  const std::string& k = m.key;
  if (k == "id" || k == "name" || k == "summary" || k == "description" || k == "help_uri" ||
      k == "scope" || k == "message" || k == "evidence" || k == "satisfied_by" || k == "control" ||
      k == "severity") {
    auto t = Text(m.value, k);
    if (!t.ok()) return t.error();
    if (k == "id") r.id = *t;
    if (k == "name") r.name = *t;
    if (k == "summary") r.summary = *t;
    if (k == "description") r.description = *t;
    if (k == "help_uri") r.help_uri = *t;
    if (k == "scope") r.scope = *t;
    if (k == "message") r.message = *t;
    if (k == "evidence") r.evidence = *t;
    if (k == "satisfied_by") r.satisfied_by = *t;
    if (k == "control") r.control = *t;
    if (k == "severity" && !ParseSeverity(*t, &r.severity)) {
      return At(m.value.loc(), "severity must be error, warning or note");
    }
    return true;
  }
  if (k == "tags") r.tags = m.value.TextItems();
  if (k == "formats") r.formats = m.value.TextItems();
  if (k == "depends_on") r.depends_on = m.value.TextItems();
  if (k == "profiles") {
    for (const auto& prof : m.value.members()) {
      const Value* sev = prof.value.Find("severity");
      Severity s;
      if (!sev || !ParseSeverity(sev->AsText().value_or(""), &s)) {
        return At(prof.key_loc, "profile '" + prof.key + "' needs severity: error|warning|note");
      }
      r.profile_severity[prof.key] = s;
    }
  }
  if (k == "params") {
    for (const auto& p : m.value.members()) {
      auto spec = ParseParam(p);
      if (!spec.ok()) return spec.error();
      r.params.push_back(std::move(*spec));
    }
  }
  return true;
}

Result<bool> Validate(const Rule& r, const Value& doc, const std::string& file) {
  if (!IsRuleId(r.id)) return At(doc.loc(), "id must look like IAC0804");
  if (!IsKebabName(r.name)) return At(doc.loc(), "name must be kebab-case");
  const std::string base = std::filesystem::path(file).stem().string();
  if (base != r.id + "-" + r.name) {
    return At(doc.loc(), "the file must be named " + r.id + "-" + r.name + ".yaml");
  }
  if (r.summary.empty() || r.description.empty()) {
    return At(doc.loc(), "a rule needs a summary and a description");
  }
  static const std::set<std::string> scopes = {"account", "resource", "tool", "manual"};
  if (!scopes.count(r.scope))
    return At(doc.loc(), "scope must be account, resource, tool or manual");
  if (r.scope == "resource" && r.checks.empty())
    return At(doc.loc(), "a resource rule needs resources and assert (or checks)");
  if (r.scope == "account" && r.assert.op.empty())
    return At(doc.loc(), "an account rule needs assert");
  return true;
}

}  // namespace

// Hand-written rather than std::regex: compiling the patterns cost more than a run's rule
// checks (the rule files are read on every run).
bool IsRuleId(std::string_view id) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (id.size() < 5 || !upper(id[0])) return false;
  for (size_t i = 1; i < id.size(); ++i) {
    if (!upper(id[i]) && !digit(id[i])) return false;
    if (i >= id.size() - 4 && !digit(id[i])) return false;
  }
  return true;
}

bool IsKebabName(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '-') {
      if (name[i - 1] == '-') return false;
    } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      return false;
    }
  }
  return true;
}

Result<Rule> ParseRule(const Value& doc, const std::string& file) {
  if (!doc.is(Value::Kind::kMap)) return At(doc.loc(), "a rule file must be a YAML map");
  Rule r;
  r.file = file;
  r.loc = doc.loc();
  Check single;
  bool has_single = false;
  for (const auto& m : doc.members()) {
    if (!KnownKeys().count(m.key)) return At(m.key_loc, "unknown key '" + m.key + "' in rule file");
    if (m.key == "resources") {
      single.resources = m.value.TextItems();
      has_single = true;
    } else if (m.key == "where") {
      auto p = ParsePredicate(m.value);
      if (!p.ok()) return p.error();
      single.where = std::move(*p);
      single.has_where = true;
    } else if (m.key == "assert") {
      auto p = ParsePredicate(m.value);
      if (!p.ok()) return p.error();
      r.assert = std::move(*p);
    } else if (m.key == "checks") {
      for (const Value& c : m.value.items()) {
        auto check = ParseCheck(c);
        if (!check.ok()) return check.error();
        r.checks.push_back(std::move(*check));
      }
    } else {
      auto ok = ParseMetadata(m, r);
      if (!ok.ok()) return ok.error();
    }
  }
  if (has_single) {
    single.assert = r.assert;
    single.message = r.message;
    r.checks.insert(r.checks.begin(), std::move(single));
  }
  for (Check& c : r.checks) {
    if (c.message.empty()) c.message = r.message;
  }
  auto ok = Validate(r, doc, file);
  if (!ok.ok()) return ok.error();
  return r;
}

Value ParamDefault(const ParamSpec& spec, const std::string& profile) {
  auto it = spec.profiles.find(profile);
  return it == spec.profiles.end() ? spec.default_value : it->second;
}

}  // namespace iaclint
