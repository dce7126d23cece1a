#include "config/config.h"

#include <filesystem>
#include <regex>
#include <set>

#include "parse/limits.h"
#include "parse/yaml_reader.h"

namespace iaclint {

namespace fs = std::filesystem;

namespace {

Error At(const Location& loc, std::string message) { return Error{std::move(message), loc}; }

Result<std::string> Str(const Value& v, const std::string& what) {
  if (v.is(Value::Kind::kString) || v.is(Value::Kind::kNumber)) return v.str();
  return At(v.loc(), what + " must be a string");
}

bool IsDate(const std::string& s) {
  static const std::regex re("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  return std::regex_match(s, re);
}

Result<std::vector<std::string>> StrList(const Value& v, const std::string& what) {
  std::vector<std::string> out;
  if (v.is(Value::Kind::kString)) {
    out.push_back(v.str());
    return out;
  }
  if (!v.is(Value::Kind::kList)) return At(v.loc(), what + " must be a list of strings");
  for (const Value& item : v.items()) {
    if (item.is(Value::Kind::kMap)) {  // evidence: [{file: x}, {url: y}]
      for (const auto& m : item.members()) {
        if (m.key != "file" && m.key != "url") {
          return At(m.key_loc, "unknown key '" + m.key + "' in " + what + " (expected file or url)");
        }
        out.push_back(m.value.AsText().value_or(""));
      }
      continue;
    }
    auto s = Str(item, what + " entries");
    if (!s.ok()) return s.error();
    out.push_back(*s);
  }
  return out;
}

Result<RuleConfig> ParseRuleConfig(const Value::Member& entry) {
  RuleConfig rc;
  rc.where = entry.key_loc;
  if (entry.value.IsNull()) return rc;
  if (!entry.value.is(Value::Kind::kMap)) {
    return At(entry.value.loc(), "rule settings must be a map (enabled, severity, params)");
  }
  for (const auto& m : entry.value.members()) {
    if (m.key == "enabled") {
      auto b = m.value.AsBool();
      if (!b || !m.value.is(Value::Kind::kBool)) return At(m.value.loc(), "enabled must be true or false");
      rc.enabled = *b;
      rc.enabled_at = m.value.loc();
    } else if (m.key == "severity") {
      Severity s;
      if (!ParseSeverity(m.value.AsText().value_or(""), &s)) {
        return At(m.value.loc(), "severity must be error, warning or note");
      }
      rc.severity = s;
      rc.severity_at = m.value.loc();
    } else if (m.key == "params") {
      if (!m.value.is(Value::Kind::kMap)) return At(m.value.loc(), "params must be a map");
      for (const auto& p : m.value.members()) rc.params[p.key] = p.value;
    } else {
      return At(m.key_loc, "unknown key '" + m.key + "' in rule settings (expected enabled, "
                           "severity, params)");
    }
  }
  return rc;
}

Result<Attestation> ParseAttestation(const Value& v) {
  if (!v.is(Value::Kind::kMap)) return At(v.loc(), "an attestation must be a map");
  Attestation a;
  a.where = v.loc();
  static const std::set<std::string> statuses = {"done", "not-applicable", "risk-accepted"};
  for (const auto& m : v.members()) {
    Result<std::string> s = std::string();
    if (m.key == "evidence") {
      auto list = StrList(m.value, "evidence");
      if (!list.ok()) return list.error();
      a.evidence = std::move(*list);
      continue;
    }
    s = Str(m.value, m.key);
    if (!s.ok()) return s.error();
    if (m.key == "control") a.control = *s;
    else if (m.key == "account") a.account = *s;
    else if (m.key == "status") a.status = *s;
    else if (m.key == "date") a.date = *s;
    else if (m.key == "by") a.by = *s;
    else if (m.key == "expires") a.expires = *s;
    else if (m.key == "note") a.note = *s;
    else return At(m.key_loc, "unknown key '" + m.key + "' in attestation");
    if ((m.key == "date" || m.key == "expires") && !IsDate(*s)) {
      return At(m.value.loc(), m.key + " must be a date like 2026-11-20");
    }
    if (m.key == "status" && !statuses.count(*s)) {
      return At(m.value.loc(), "status must be done, not-applicable or risk-accepted");
    }
  }
  const char* missing = a.control.empty() ? "control"
                        : a.status.empty() ? "status"
                        : a.date.empty()   ? "date"
                        : a.by.empty()     ? "by"
                        : a.evidence.empty() ? "evidence"
                                             : nullptr;
  if (missing) return At(v.loc(), std::string("attestation is missing '") + missing + "'");
  return a;
}

Result<bool> ParseLimitsSection(const Value& v, Config& c) {
  if (!v.is(Value::Kind::kMap)) return At(v.loc(), "limits must be a map");
  for (const auto& m : v.members()) {
    const LimitSpec* spec = FindLimit(m.key);
    if (!spec) {
      std::string known;
      for (const LimitSpec& s : LimitSpecs()) known += (known.empty() ? "" : ", ") + std::string(s.name);
      return At(m.key_loc, "unknown limit '" + m.key + "' (expected " + known + ")");
    }
    auto text = m.value.AsText();
    std::string error = "must be a number";
    auto value = (text && !m.value.is(Value::Kind::kBool)) ? ParseLimitValue(*spec, *text, &error)
                                                          : std::nullopt;
    if (!value) return At(m.value.loc(), "limits." + m.key + " " + error);
    c.limits[m.key] = *value;
  }
  return true;
}

Result<bool> ParseTopLevel(const Value::Member& m, Config& c) {
  const std::string& k = m.key;
  if (k == "version") return true;
  if (k == "profile") {
    auto s = Str(m.value, "profile");
    if (!s.ok()) return s.error();
    if (*s != "jp-baseline" && *s != "cis-aws") {
      return At(m.value.loc(), "unknown profile '" + *s + "' (expected jp-baseline or cis-aws)");
    }
    c.profile = *s;
    c.profile_at = m.value.loc();
    return true;
  }
  if (k == "fail_on" || k == "unknown") {
    auto s = Str(m.value, k);
    if (!s.ok()) return s.error();
    static const std::set<std::string> levels = {"error", "warning", "note", "never"};
    static const std::set<std::string> modes = {"warn", "fail", "ignore"};
    if (k == "fail_on" && !levels.count(*s)) return At(m.value.loc(), "fail_on must be error, warning, note or never");
    if (k == "unknown" && !modes.count(*s)) return At(m.value.loc(), "unknown must be warn, fail or ignore");
    (k == "fail_on" ? c.fail_on : c.unknown) = *s;
    (k == "fail_on" ? c.fail_on_at : c.unknown_at) = m.value.loc();
    return true;
  }
  if (k == "exclude" || k == "rulesets") {
    auto list = StrList(m.value, k);
    if (!list.ok()) return list.error();
    (k == "exclude" ? c.exclude : c.rulesets) = std::move(*list);
    (k == "exclude" ? c.exclude_at : c.rulesets_at) = m.value.loc();
    return true;
  }
  if (k == "inline_suppressions") {
    if (!m.value.is(Value::Kind::kBool)) return At(m.value.loc(), "inline_suppressions must be true or false");
    c.inline_suppressions = m.value.boolean();
    c.inline_suppressions_at = m.value.loc();
    return true;
  }
  if (k == "rules") {
    if (!m.value.is(Value::Kind::kMap)) return At(m.value.loc(), "rules must be a map of rule ids");
    for (const auto& r : m.value.members()) {
      auto rc = ParseRuleConfig(r);
      if (!rc.ok()) return rc.error();
      c.rules[r.key] = std::move(*rc);
    }
    return true;
  }
  if (k == "attestations") {
    if (!m.value.is(Value::Kind::kList)) return At(m.value.loc(), "attestations must be a list");
    for (const Value& item : m.value.items()) {
      auto a = ParseAttestation(item);
      if (!a.ok()) return a.error();
      c.attestations.push_back(std::move(*a));
    }
    return true;
  }
  if (k == "limits") return ParseLimitsSection(m.value, c);
  return At(m.key_loc, "unknown key '" + k + "' (expected profile, rules, exclude, fail_on, "
                       "unknown, attestations, rulesets, inline_suppressions, limits)");
}

}  // namespace

Result<Config> ParseConfig(std::string_view text, const std::string& path, FileId file) {
  Config c;
  c.path = path;
  c.text = std::string(text);
  auto doc = ParseYaml(text, file);
  if (!doc.ok()) return doc.error();
  // Strict: a key given twice is a mistake in a configuration, not something to guess about.
  if (!doc->warnings.empty()) return doc->warnings.front();
  if (doc->root.IsNull()) return c;
  if (!doc->root.is(Value::Kind::kMap)) return At(doc->root.loc(), "the configuration must be a map");
  for (const auto& m : doc->root.members()) {
    auto ok = ParseTopLevel(m, c);
    if (!ok.ok()) return ok.error();
  }
  return c;
}

std::string FindConfigFile(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  while (!dir.empty()) {
    for (const char* name : {".iaclint.yaml", ".iaclint.yml"}) {
      if (fs::is_regular_file(dir / name, ec)) return (dir / name).string();
    }
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  return "";
}

}  // namespace iaclint
