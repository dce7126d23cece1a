// JUnit XML for CI dashboards: one test suite per rule, one test case per (rule, resource).
// A resource that passed is a passing test case, a finding a failure, a suppressed, undecided
// or manual result a skipped one. No timings, so the output stays byte-for-byte reproducible.
#include <algorithm>
#include <map>
#include <sstream>

#include "emit/emitter.h"

namespace iaclint {

namespace {

std::string Xml(const std::string& text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 allows no control characters but tab, LF and CR.
        if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

enum class Outcome { kPass, kFail, kSkip };

struct Case {
  std::string name;  ///< resource id, "account", or the file (tool findings)
  std::string file;
  uint32_t line = 0;
  Outcome outcome = Outcome::kPass;
  std::string message;  ///< first finding's message (failure/skipped attribute)
  std::string type;     ///< severity of a failure
  std::string body;     ///< every finding of this case, one per line
};

struct Suite {
  std::string name;
  std::vector<Case> cases;
  std::map<std::string, size_t> by_key;  ///< case key -> index
};

Outcome OutcomeOf(const Finding& f) {
  if (f.suppressed || f.manual) return Outcome::kSkip;
  if (f.unknown && f.severity != Severity::kError) return Outcome::kSkip;
  return Outcome::kFail;
}

std::string SkipReason(const Finding& f) {
  if (f.suppressed) return "suppressed: " + f.justification;
  if (f.manual) return "MANUAL: " + f.message;
  return "UNKNOWN: " + f.message;
}

void AddFinding(const EmitContext& ctx, const Finding& f, Suite& suite) {
  const std::string file = PathOf(ctx.model, f.loc);
  std::string name = f.resource.empty() ? "account" : f.resource;
  std::string key = f.resource_key.empty() ? name : f.resource_key;
  if (f.rule_id.rfind("IAC000", 0) == 0 && f.resource.empty()) name = key = file;
  auto [it, added] = suite.by_key.emplace(key, suite.cases.size());
  if (added) suite.cases.push_back(Case{name, file, f.loc.line, Outcome::kPass, "", "", ""});
  Case& c = suite.cases[it->second];
  const Outcome o = OutcomeOf(f);
  if (o == Outcome::kFail && c.outcome != Outcome::kFail) {
    c.outcome = Outcome::kFail;
    c.message = f.message;
    c.type = SeverityName(f.severity);
  } else if (o == Outcome::kSkip && c.outcome == Outcome::kPass) {
    c.outcome = Outcome::kSkip;
    c.message = SkipReason(f);
  }
  c.body += PlaceOf(ctx.model, f.loc) + ": " + SeverityName(f.severity) + ": " + f.message + " [" +
            f.rule_id + "]" + (f.suppressed ? " (suppressed: " + f.justification + ")" : "") + "\n";
}

void AddPasses(const EmitContext& ctx, const RuleResult& result, Suite& suite) {
  for (const Resource* r : result.passed) {
    const std::string key = ResourceKey(r->scope, r->id);
    if (suite.by_key.count(key)) continue;
    suite.by_key[key] = suite.cases.size();
    suite.cases.push_back(
        Case{r->id, PathOf(ctx.model, r->loc), r->loc.line, Outcome::kPass, "", "", ""});
  }
  if (result.rule->scope == "account" && result.verdict == Verdict::kPass &&
      !suite.by_key.count("account")) {
    suite.by_key["account"] = suite.cases.size();
    suite.cases.push_back(Case{"account", "", 0, Outcome::kPass, "", "", ""});
  }
}

void WriteSuite(const Suite& suite, std::ostream& out) {
  size_t failures = 0, skipped = 0;
  for (const Case& c : suite.cases) {
    failures += c.outcome == Outcome::kFail;
    skipped += c.outcome == Outcome::kSkip;
  }
  out << "  <testsuite name=\"" << Xml(suite.name) << "\" tests=\"" << suite.cases.size()
      << "\" failures=\"" << failures << "\" errors=\"0\" skipped=\"" << skipped << "\">\n";
  const std::string classname = "iaclint." + suite.name.substr(0, suite.name.find(' '));
  for (const Case& c : suite.cases) {
    out << "    <testcase classname=\"" << Xml(classname) << "\" name=\"" << Xml(c.name) << "\"";
    if (!c.file.empty()) out << " file=\"" << Xml(c.file) << "\" line=\"" << c.line << "\"";
    if (c.outcome == Outcome::kPass) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    if (c.outcome == Outcome::kFail) {
      out << "      <failure type=\"" << c.type << "\" message=\"" << Xml(c.message) << "\">"
          << Xml(c.body) << "</failure>\n";
    } else {
      out << "      <skipped message=\"" << Xml(c.message) << "\"/>\n";
      out << "      <system-out>" << Xml(c.body) << "</system-out>\n";
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n";
}

}  // namespace

void EmitJunit(const EmitContext& ctx, std::ostream& out) {
  std::map<std::string, Suite> suites;  // by rule id: the output is in id order
  auto suite_of = [&](const std::string& id, const std::string& name) -> Suite& {
    Suite& s = suites[id];
    if (s.name.empty()) s.name = id + " " + name;
    return s;
  };
  for (const Finding& f : ctx.report.findings) {
    AddFinding(ctx, f, suite_of(f.rule_id, f.rule_name));
  }
  if (ctx.engine) {
    for (const RuleResult& r : ctx.engine->results)
      AddPasses(ctx, r, suite_of(r.rule->id, r.rule->name));
  }
  for (const ActiveRule& a : ctx.active) suite_of(a.rule->id, a.rule->name);
  size_t tests = 0, failures = 0, skipped = 0;
  std::ostringstream body;
  for (auto& [id, suite] : suites) {
    std::stable_sort(suite.cases.begin(), suite.cases.end(), [](const Case& a, const Case& b) {
      return std::tie(a.file, a.line, a.name) < std::tie(b.file, b.line, b.name);
    });
    for (const Case& c : suite.cases) {
      ++tests;
      failures += c.outcome == Outcome::kFail;
      skipped += c.outcome == Outcome::kSkip;
    }
    WriteSuite(suite, body);
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"iaclint\" tests=\"" << tests << "\" failures=\"" << failures
      << "\" errors=\"0\" skipped=\"" << skipped << "\">\n"
      << body.str() << "</testsuites>\n";
}

}  // namespace iaclint
