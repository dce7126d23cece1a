#include "cli/rule_tests.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cli/pipeline.h"
#include "emit/emitter.h"

namespace iaclint {

namespace fs = std::filesystem;

namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> FixturesOf(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("pass-", 0) == 0 || name.rfind("fail-", 0) == 0 ||
        name.rfind("unknown-", 0) == 0) {
      out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string KindOf(const std::string& fixture) {
  const std::string name = fs::path(fixture).filename().string();
  return name.substr(0, name.find('-'));
}

}  // namespace

std::string FixtureDirOf(const Rule& rule, const std::vector<std::string>& search_roots) {
  std::vector<fs::path> candidates;
  const fs::path rule_dir = fs::path(rule.file).parent_path();
  candidates.push_back(rule_dir / rule.id);
  candidates.push_back(rule_dir / "fixtures" / rule.id);
  // Walk up from the rule file's real directory (a relative "rulesets/baseline" has no parent
  // beyond "rulesets"), reporting each candidate relative to the working directory.
  std::error_code ec;
  for (fs::path up = fs::absolute(rule_dir, ec); !up.empty() && up != up.root_path();
       up = up.parent_path()) {
    candidates.push_back(fs::proximate(up / "fixtures" / "rules" / rule.id, ec));
    if (fs::exists(up / "CMakeLists.txt")) break;
  }
  for (const std::string& root : search_roots) candidates.push_back(fs::path(root) / rule.id);
  for (const fs::path& c : candidates) {
    if (fs::is_directory(c, ec)) return c.lexically_normal().string();
  }
  return "";
}

FixtureResult RunFixture(const Rule& rule, const std::string& fixture, const std::string& kind,
                         const std::vector<std::string>& extra_rulesets) {
  FixtureResult result{rule.id, fixture, kind, false, "", {}, {}};
  CheckOptions options;
  options.paths = {fixture};
  options.rulesets = extra_rulesets;
  options.jobs = 1;
  options.no_config_search = true;
  std::error_code ec;
  if (fs::is_directory(fixture, ec)) {
    for (const char* name : {".iaclint.yaml", ".iaclint.yml"}) {
      if (fs::exists(fs::path(fixture) / name)) options.config_path = (fs::path(fixture) / name).string();
    }
  }
  auto run = RunCheck(options);
  if (!run.ok()) {
    result.problem = "the run failed: " + run.error().message;
    return result;
  }
  const CheckRun& r = **run;
  std::set<std::string> types;
  for (const SourceFile& f : r.model.files()) {
    if (!f.type.empty() && f.type != "config") types.insert(f.type);
  }
  result.types.assign(types.begin(), types.end());
  const std::string base = fs::path(DisplayPath(fixture)).parent_path().generic_string();
  size_t fails = 0, unknowns = 0;
  for (const Finding& f : r.report.findings) {
    if (f.rule_id != rule.id || f.suppressed) continue;
    (f.unknown ? unknowns : fails)++;
    std::string place = PlaceOf(r.model, f.loc);
    if (!base.empty() && place.rfind(base + "/", 0) == 0) place = place.substr(base.size() + 1);
    result.lines.push_back(place + ": " + SeverityName(f.severity) + ": " + f.message + " [" +
                           f.rule_id + "]");
  }
  if (kind == "pass") {
    result.ok = fails == 0 && unknowns == 0;
    if (!result.ok) result.problem = "expected no finding of " + rule.id;
  } else if (kind == "fail") {
    result.ok = fails > 0;
    if (!result.ok) result.problem = "expected a FAIL finding of " + rule.id;
  } else {
    result.ok = unknowns > 0 && fails == 0;
    if (!result.ok) result.problem = "expected an UNKNOWN result of " + rule.id;
  }
  if (!result.ok && !result.lines.empty()) result.problem += "; got: " + result.lines.front();
  return result;
}

RuleTestSummary RunRuleTests(const RuleSet& set, const std::vector<std::string>& extra_rulesets,
                             const std::vector<std::string>& fixture_roots, bool update,
                             const std::vector<std::string>& only, std::ostream& out) {
  RuleTestSummary summary;
  for (const Rule& rule : set.rules) {
    if (!only.empty() && std::find(only.begin(), only.end(), rule.id) == only.end()) continue;
    ++summary.rules;
    const std::string dir = FixtureDirOf(rule, fixture_roots);
    auto failure = [&](const std::string& what) {
      ++summary.failures;
      out << "FAIL " << rule.id << ": " << what << "\n";
    };
    if (dir.empty()) {
      failure("no fixtures (expected fixtures/rules/" + rule.id + "/pass-* and fail-*)");
      continue;
    }
    std::map<std::string, std::set<std::string>> kinds_per_type;
    std::string golden;
    bool have_pass = false, have_fail = false;
    for (const std::string& fixture : FixturesOf(dir)) {
      const std::string kind = KindOf(fixture);
      FixtureResult r = RunFixture(rule, fixture, kind, extra_rulesets);
      ++summary.fixtures;
      have_pass |= kind == "pass";
      have_fail |= kind == "fail";
      for (const std::string& t : r.types) kinds_per_type[t].insert(kind);
      if (!r.ok) failure(fs::path(fixture).filename().string() + ": " + r.problem);
      if (kind != "pass") {
        for (const std::string& line : r.lines) golden += line + "\n";
      }
    }
    if (!have_pass || !have_fail) failure("needs at least one pass-* and one fail-* fixture");
    for (const std::string& format : rule.formats) {
      const auto& kinds = kinds_per_type[format];
      if (!kinds.count("pass") || !kinds.count("fail")) {
        failure("claims format '" + format + "' but has no pass and fail fixture of that type");
      }
    }
    const std::string expected_path = dir + "/expected.txt";
    if (update) {
      std::ofstream(expected_path) << golden;
    } else if (ReadAll(expected_path) != golden) {
      failure("findings differ from " + expected_path +
              " (run with IACLINT_UPDATE_GOLDEN=1 and review the diff); got:\n" + golden);
    }
  }
  out << summary.rules << " rules, " << summary.fixtures << " fixtures, " << summary.failures
      << " failures\n";
  return summary;
}

}  // namespace iaclint
