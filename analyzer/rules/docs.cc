#include "rules/docs.h"

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

}  // namespace

std::string RuleHelpText(const Rule& r) {
  std::ostringstream out;
  out << r.id << " " << r.name << " (" << ProfileSeverities(r) << ")\n\n";
  out << r.summary << "\n\n" << Trimmed(r.description) << "\n";
  if (!r.control.empty()) out << "\nBaseline control: " << r.control << "\n";
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
  if (!r.help_uri.empty()) out << "\nMore: " << r.help_uri << "\n";
  return out.str();
}

std::string RuleHelpMarkdown(const Rule& r) {
  std::ostringstream out;
  out << "**" << r.id << " " << r.name << "** (" << ProfileSeverities(r) << ")\n\n";
  out << r.summary << "\n\n" << Trimmed(r.description) << "\n";
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
  if (!r.help_uri.empty()) out << "\n[Reference](" << r.help_uri << ")\n";
  return out.str();
}

std::string RulesCatalogMarkdown(const RuleSet& set) {
  std::ostringstream out;
  out << "# iaclint rules\n\n"
      << "Generated from the rule files by `iaclint rules --format markdown`; a test keeps this\n"
      << "file in sync. Rule ids are a public contract: they never change meaning.\n\n"
      << "| id | name | control | scope | severity | parameters | summary |\n"
      << "|---|---|---|---|---|---|---|\n";
  for (const Rule& r : set.rules) {
    std::string params;
    for (const ParamSpec& p : r.params) {
      params += (params.empty() ? "" : ", ") + ("`" + p.name + "` = " + ParamValue(p.default_value));
    }
    out << "| " << r.id << " | " << r.name << " | " << (r.control.empty() ? "-" : r.control)
        << " | " << r.scope << " | " << ProfileSeverities(r) << " | " << params << " | "
        << r.summary << " |\n";
  }
  out << "\n## Controls\n\n| control | title |\n|---|---|\n";
  for (const Control& c : set.controls) out << "| " << c.id << " | " << c.title << " |\n";
  out << "\n## Rule file operators\n\n| operator | meaning |\n|---|---|\n";
  for (const OpSpec& op : Operators()) out << "| `" << op.name << "` | " << op.summary << " |\n";
  return out.str();
}

}  // namespace iaclint
