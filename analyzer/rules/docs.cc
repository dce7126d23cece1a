#include "rules/docs.h"

#include <set>
#include <sstream>

#include "rules/ops.h"

namespace iaclint {

namespace {

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string ParamValue(const Value& v) { return v.AsText().value_or(v.Render(60)); }

std::string ProfileSeverities(const Rule& r) {
  std::string out = SeverityName(r.severity);
  for (const auto& [profile, sev] : r.profile_severity) {
    out += std::string(", ") + SeverityName(sev) + " in " + profile;
  }
  return out;
}

std::string Join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

// The resource types a resource-scope rule checks, in rule order without repeats.
std::vector<std::string> CheckedTypes(const Rule& r) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const Check& c : r.checks) {
    for (const std::string& t : c.resources) {
      if (seen.insert(t).second) out.push_back(t);
    }
  }
  return out;
}

std::string ScopeText(const Rule& r) {
  if (r.scope == "account") return "account (evaluated once over everything analysed together)";
  if (r.scope == "resource")
    return "resource (checked on each " + Join(CheckedTypes(r), ", ") + ")";
  if (r.scope == "manual") return "manual (no code can declare it: an attestation satisfies it)";
  return "tool (reported by iaclint itself)";
}

std::string ControlText(const Rule& r, const RuleSet* set) {
  const Control* c = set ? set->FindControl(r.control) : nullptr;
  return c ? r.control + " " + c->title : r.control;
}

// A .iaclint.yaml snippet that sets this rule's severity and parameters (their defaults).
std::string ConfigExample(const Rule& r, const std::string& indent) {
  std::ostringstream out;
  out << indent << "rules:\n"
      << indent << "  " << r.id << ":\n"
      << indent << "    severity: " << SeverityName(r.severity) << "\n";
  if (!r.params.empty()) {
    out << indent << "    params:\n";
    for (const ParamSpec& p : r.params) {
      out << indent << "      " << p.name << ": " << ParamValue(p.default_value) << "\n";
    }
  }
  return out.str();
}

// How to silence this rule where it does not apply: inline for resource rules, config else.
std::string SuppressText(const Rule& r) {
  if (r.scope == "resource") {
    return "# iaclint:ignore " + r.id +
           " reason=\"why it does not apply\" until=2027-03-31\n"
           "(a YAML or HCL comment on or above the resource, or inside it; in CloudFormation "
           "also Metadata: {iaclint: {ignore: [{id: " +
           r.id + ", reason: \"...\"}]}})";
  }
  if (r.scope == "tool") return "not suppressible: fix the cause";
  return "account-wide: disable it in .iaclint.yaml (rules: {" + r.id +
         ": {enabled: false}}), or attest the control there";
}

}  // namespace

std::string RuleHelpText(const Rule& r, const RuleSet* set) {
  std::ostringstream out;
  out << r.id << " " << r.name << " (" << ProfileSeverities(r) << ")\n\n";
  out << r.summary << "\n\n" << Trimmed(r.description) << "\n\n";
  if (!r.control.empty()) out << "Control:  " << ControlText(r, set) << "\n";
  out << "Scope:    " << ScopeText(r) << "\n";
  if (!r.formats.empty()) out << "Inputs:   " << Join(r.formats, ", ") << "\n";
  if (!r.params.empty()) {
    out << "\nParameters:\n";
    for (const ParamSpec& p : r.params) {
      out << "  " << p.name << " = " << ParamValue(p.default_value);
      for (const auto& [profile, v] : p.profiles) out << " (" << profile << ": " << ParamValue(v) << ")";
      if (!p.description.empty()) out << "  " << p.description;
      out << "\n";
    }
  }
  if (!r.satisfied_by.empty()) out << "\nSatisfied by: " << Trimmed(r.satisfied_by) << "\n";
  if (r.scope != "tool") out << "\nConfigure in .iaclint.yaml:\n" << ConfigExample(r, "  ");
  out << "\nSuppress: " << SuppressText(r) << "\n";
  if (!r.help_uri.empty()) out << "\nMore: " << r.help_uri << "\n";
  return out.str();
}

std::string RuleHelpMarkdown(const Rule& r, const RuleSet* set) {
  std::ostringstream out;
  out << "**" << r.id << " " << r.name << "** (" << ProfileSeverities(r) << ")\n\n";
  out << r.summary << "\n\n" << Trimmed(r.description) << "\n\n";
  if (!r.control.empty()) out << "- Control: " << ControlText(r, set) << "\n";
  out << "- Scope: " << ScopeText(r) << "\n";
  if (!r.formats.empty()) out << "- Inputs: " << Join(r.formats, ", ") << "\n";
  if (!r.params.empty()) {
    out << "\n| parameter | default | profiles | meaning |\n|---|---|---|---|\n";
    for (const ParamSpec& p : r.params) {
      std::string profiles;
      for (const auto& [profile, v] : p.profiles) {
        profiles += (profiles.empty() ? "" : ", ") + profile + ": " + ParamValue(v);
      }
      out << "| `" << p.name << "` | " << ParamValue(p.default_value) << " | " << profiles << " | "
          << p.description << " |\n";
    }
  }
  if (!r.satisfied_by.empty()) out << "\n**Satisfied by:** " << Trimmed(r.satisfied_by) << "\n";
  if (r.scope != "tool") {
    out << "\n**Configure** in `.iaclint.yaml`:\n\n```yaml\n" << ConfigExample(r, "") << "```\n";
  }
  out << "\n**Suppress:** ";
  if (r.scope == "resource") {
    out << "a comment on or above the resource, with a reason:\n\n```yaml\n# iaclint:ignore "
        << r.id << " reason=\"why it does not apply\" until=2027-03-31\n```\n";
  } else {
    out << SuppressText(r) << "\n";
  }
  if (!r.help_uri.empty()) out << "\n[Reference](" << r.help_uri << ")\n";
  return out.str();
}

std::string RulesCatalogMarkdown(const RuleSet& set) {
  std::ostringstream out;
  out << "# iaclint rules\n\n"
      << "Generated from the rule files by `iaclint rules --format markdown > "
         "rulesets/README.md`;\n"
      << "the test `RulesCatalog.ReadmeIsInSync` fails when this file is out of date\n"
      << "(`IACLINT_UPDATE_GOLDEN=1` rewrites it). Rule ids are a public contract: they never\n"
      << "change meaning. `iaclint explain ID` prints the full description of a rule.\n\n";
  out << "## Baseline controls\n\n| control | title | rules |\n|---|---|---|\n";
  for (const Control& c : set.controls) {
    std::vector<std::string> ids;
    for (const Rule& r : set.rules) {
      if (r.control == c.id) ids.push_back(r.id);
    }
    out << "| " << c.id << " | " << c.title << " | " << (ids.empty() ? "-" : Join(ids, ", "))
        << " |\n";
  }
  out << "\n## Rules\n\n"
      << "| id | name | control | severity | scope | inputs | parameters (default) | summary |\n"
      << "|---|---|---|---|---|---|---|---|\n";
  for (const Rule& r : set.rules) {
    std::vector<std::string> params;
    for (const ParamSpec& p : r.params) {
      std::string text = "`" + p.name + "` = " + ParamValue(p.default_value);
      for (const auto& [profile, v] : p.profiles)
        text += " (" + profile + ": " + ParamValue(v) + ")";
      params.push_back(text);
    }
    out << "| " << r.id << " | " << r.name << " | " << (r.control.empty() ? "-" : r.control)
        << " | " << ProfileSeverities(r) << " | " << r.scope << " | "
        << (r.formats.empty() ? "-" : Join(r.formats, ", ")) << " | "
        << (params.empty() ? "-" : Join(params, "<br>")) << " | " << r.summary << " |\n";
  }
  out << "\n## Rule file operators\n\n| operator | meaning |\n|---|---|\n";
  for (const OpSpec& op : Operators()) out << "| `" << op.name << "` | " << op.summary << " |\n";
  return out.str();
}

}  // namespace iaclint
