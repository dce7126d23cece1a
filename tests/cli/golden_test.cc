// Command-line golden tests, one per directory of fixtures/cli/<scenario>/:
//
//   args.txt          one iaclint invocation per line (# comments allowed); every line but the
//                     last is a setup step that must exit 0. A line may start with
//                     "cd DIR &&" and end with "< FILE" (standard input).
//   expected.exit     the exit status of the last invocation
//   expected.<format> its standard output with --format <format> appended (text, gnu, json,
//                     sarif, github, junit, markdown); expected.stdout: without --format
//   expected.stderr   its standard error (absent = must be empty)
//
// The scenario is copied to a temporary directory and run there (setup steps may write
// files), with IACLINT_TODAY fixed so suppression expiry is reproducible.
// IACLINT_UPDATE_GOLDEN=1 rewrites the expected files; review the diff.
// Every SARIF output is also checked with ../shared/tools/sarif-check --github --srcroot.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "support/subprocess.h"

namespace iaclint {
namespace {

namespace fs = std::filesystem;
using testing::ProcessOptions;
using testing::ProcessResult;
using testing::ReadFile;
using testing::RunProcess;
using testing::TempDir;
using testing::WriteFile;

const char* kFormats[] = {"text", "gnu", "json", "sarif", "github", "junit", "markdown"};

fs::path ScenarioRoot() { return fs::path(IACLINT_SOURCE_DIR) / "fixtures" / "cli"; }

bool UpdateGoldens() {
  const char* env = std::getenv("IACLINT_UPDATE_GOLDEN");
  return env && *env && std::string(env) != "0";
}

struct Step {
  std::string cd;
  std::vector<std::string> args;
  std::string stdin_file;
};

// Splits on blanks; "double quotes" group words.
std::vector<std::string> SplitWords(const std::string& line) {
  std::vector<std::string> out;
  std::string word;
  bool quoted = false, any = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
      any = true;
    } else if ((c == ' ' || c == '\t') && !quoted) {
      if (any) out.push_back(word);
      word.clear();
      any = false;
    } else {
      word += c;
      any = true;
    }
  }
  if (any) out.push_back(word);
  return out;
}

std::vector<Step> ReadSteps(const fs::path& file) {
  std::vector<Step> steps;
  std::istringstream in(ReadFile(file.string()));
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> words = SplitWords(line);
    if (words.empty() || words[0][0] == '#') continue;
    Step step;
    if (words.size() > 2 && words[0] == "cd" && words[2] == "&&") {
      step.cd = words[1];
      words.erase(words.begin(), words.begin() + 3);
    }
    if (words.size() > 1 && words[words.size() - 2] == "<") {
      step.stdin_file = words.back();
      words.resize(words.size() - 2);
    }
    step.args = std::move(words);
    steps.push_back(std::move(step));
  }
  return steps;
}

ProcessResult RunStep(const Step& step, const fs::path& dir, const std::string& format) {
  std::vector<std::string> argv = {IACLINT_BINARY};
  argv.insert(argv.end(), step.args.begin(), step.args.end());
  if (!format.empty()) {
    argv.push_back("--format");
    argv.push_back(format);
  }
  ProcessOptions o;
  o.cwd = (dir / step.cd).string();
  if (!step.stdin_file.empty()) o.stdin_text = ReadFile((dir / step.cd / step.stdin_file).string());
  o.env = {{"IACLINT_TODAY", "2026-06-15"},
           {"IACLINT_RULESETS", std::string(IACLINT_SOURCE_DIR) + "/rulesets"},
           {"NO_COLOR", std::nullopt},
           {"IACLINT_PROGRESS_DELAY_MS", std::nullopt},
           {"IACLINT_UPDATE_GOLDEN", std::nullopt},
           {"TERM", "dumb"}};
  return RunProcess(argv, o);
}

std::vector<std::string> Scenarios() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(ScenarioRoot(), ec)) {
    if (entry.is_directory() && fs::exists(entry.path() / "args.txt")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

// Runs the setup steps in a fresh copy of the scenario; returns the final step.
Step Prepare(const std::string& scenario, const TempDir& tmp) {
  const fs::path source = ScenarioRoot() / scenario;
  // The inputs only: goldens and args.txt are not part of what iaclint sees.
  for (const auto& entry : fs::directory_iterator(source)) {
    const std::string name = entry.path().filename().string();
    if (name == "args.txt" || name.rfind("expected.", 0) == 0) continue;
    fs::copy(entry.path(), fs::path(tmp.path()) / name, fs::copy_options::recursive);
  }
  std::vector<Step> steps = ReadSteps(source / "args.txt");
  if (steps.empty()) {
    ADD_FAILURE() << scenario << "/args.txt has no invocation";
    return {};
  }
  for (size_t i = 0; i + 1 < steps.size(); ++i) {
    ProcessResult r = RunStep(steps[i], tmp.path(), "");
    EXPECT_EQ(r.exit_code, 0) << scenario << " setup step " << i + 1 << " failed:\n" << r.err;
  }
  return steps.back();
}

void Compare(const fs::path& golden, const std::string& actual, const std::string& what) {
  if (UpdateGoldens()) {
    WriteFile(golden.string(), actual);
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing (IACLINT_UPDATE_GOLDEN=1 writes it)";
  EXPECT_EQ(ReadFile(golden.string()), actual)
      << what << " differs from " << golden << " (IACLINT_UPDATE_GOLDEN=1 rewrites it)";
}

class CliGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(CliGolden, MatchesExpectedOutput) {
  const std::string scenario = GetParam();
  const fs::path source = ScenarioRoot() / scenario;
  TempDir tmp("cli-" + scenario);
  const Step last = Prepare(scenario, tmp);
  std::vector<std::string> formats;
  if (fs::exists(source / "expected.stdout")) formats.push_back("");
  for (const char* f : kFormats) {
    if (fs::exists(source / ("expected." + std::string(f)))) formats.push_back(f);
  }
  ASSERT_FALSE(formats.empty()) << scenario << " has no expected.<format> or expected.stdout";
  for (const std::string& format : formats) {
    SCOPED_TRACE(scenario + " --format " + (format.empty() ? "(none)" : format));
    ProcessResult r = RunStep(last, tmp.path(), format);
    Compare(source / ("expected." + (format.empty() ? std::string("stdout") : format)), r.out,
            "standard output");
    const fs::path err_golden = source / "expected.stderr";
    if (UpdateGoldens()) {
      if (!r.err.empty())
        WriteFile(err_golden.string(), r.err);
      else
        fs::remove(err_golden);
      WriteFile((source / "expected.exit").string(), std::to_string(r.exit_code) + "\n");
      continue;
    }
    EXPECT_EQ(fs::exists(err_golden) ? ReadFile(err_golden.string()) : "", r.err)
        << "standard error";
    const std::string exit_text = ReadFile((source / "expected.exit").string());
    EXPECT_EQ(std::to_string(r.exit_code), exit_text.substr(0, exit_text.find('\n')))
        << "exit status; stderr:\n"
        << r.err;
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, CliGolden, ::testing::ValuesIn(Scenarios()), TestName);

std::vector<std::string> SarifScenarios() {
  std::vector<std::string> out;
  for (const std::string& s : Scenarios()) {
    if (fs::exists(ScenarioRoot() / s / "expected.sarif")) out.push_back(s);
  }
  return out;
}

class CliSarif : public ::testing::TestWithParam<std::string> {};

// The SARIF of every scenario passes GitHub code scanning's ingestion rules, and every
// primaryLocationLineHash matches the committed sources.
TEST_P(CliSarif, PassesSarifCheckForGithub) {
  const fs::path checker = fs::path(IACLINT_SOURCE_DIR) / ".." / "shared" / "tools" / "sarif-check";
  if (!fs::exists(checker)) {
    GTEST_SKIP() << "sarif-check not found at " << checker
                 << " (the shared/ directory is not next to the source tree); SARIF not validated";
  }
  const std::string scenario = GetParam();
  TempDir tmp("sarif-" + scenario);
  const Step last = Prepare(scenario, tmp);
  ProcessResult r = RunStep(last, tmp.path(), "sarif");
  const std::string file = tmp.path() + "/iaclint-output.sarif";
  WriteFile(file, r.out);
  ProcessResult check = RunProcess({"python3", checker.string(), file, "--github", "--srcroot",
                                    (ScenarioRoot() / scenario / last.cd).string()});
  if (check.exit_code == 2 && check.err.find("jsonschema") != std::string::npos) {
    GTEST_SKIP() << "sarif-check cannot run: " << check.err;
  }
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(check.out.find("warning"), std::string::npos) << check.out;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, CliSarif, ::testing::ValuesIn(SarifScenarios()), TestName);

std::vector<std::string> JunitScenarios() {
  std::vector<std::string> out;
  for (const std::string& s : Scenarios()) {
    if (fs::exists(ScenarioRoot() / s / "expected.junit")) out.push_back(s);
  }
  return out;
}

class CliJunit : public ::testing::TestWithParam<std::string> {};

// The JUnit golden is well-formed XML whose counters add up (what CI dashboards read).
TEST_P(CliJunit, IsWellFormedWithConsistentCounts) {
  if (!testing::OnPath("python3")) GTEST_SKIP() << "python3 is not installed";
  const std::string file = (ScenarioRoot() / GetParam() / "expected.junit").string();
  const char* script = R"(
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
total = {k: 0 for k in ("tests", "failures", "skipped")}
for suite in root.findall("testsuite"):
    cases = suite.findall("testcase")
    counts = {"tests": len(cases),
              "failures": sum(1 for c in cases if c.find("failure") is not None),
              "skipped": sum(1 for c in cases if c.find("skipped") is not None)}
    for k, v in counts.items():
        assert int(suite.get(k)) == v, (suite.get("name"), k)
        total[k] += v
for k, v in total.items():
    assert int(root.get(k)) == v, k
)";
  ProcessResult r = RunProcess({"python3", "-c", script, file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, CliJunit, ::testing::ValuesIn(JunitScenarios()), TestName);

}  // namespace
}  // namespace iaclint
