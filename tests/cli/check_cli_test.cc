// End-to-end: the built iaclint binary on real inputs, as scripts and CI use it.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "emit/emitter.h"

namespace iaclint {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int status = -1;
  std::string out;
};

// Runs a shell command from the source directory; stderr is merged unless redirected.
Outcome Shell(const std::string& command) {
  const std::string full = "cd '" IACLINT_SOURCE_DIR "' && " + command;
  Outcome r;
  FILE* p = popen(full.c_str(), "r");
  if (!p) return r;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) r.out.append(buf, n);
  const int raw = pclose(p);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  return r;
}

std::string Iaclint(const std::string& args) { return std::string("'" IACLINT_BINARY "' ") + args; }

fs::path TempDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("iaclint-cli-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(CheckCli, ExampleShowsFindingsScorecardAndExitsOne) {
  Outcome r = Shell(Iaclint("check fixtures/example 2>&1"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("fixtures/example/logging.yaml:17:3: warning:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[IAC0806]"), std::string::npos);
  EXPECT_NE(r.out.find("Baseline scorecard"), std::string::npos);
  EXPECT_NE(r.out.find("  08  CloudTrail"), std::string::npos);
}

TEST(CheckCli, ANamedFileOfNoInputTypeSaysWhyItIsNotATemplate) {
  const fs::path dir = TempDir("not-a-template");
  std::ofstream(dir / "list.yaml") << "Resources:\n  - Type: AWS::S3::Bucket\n";
  Outcome r = Shell(Iaclint("check '" + (dir / "list.yaml").string() + "' 2>&1"));
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("list.yaml: not a CloudFormation template (Resources is not a mapping of "
                       "resources), Terraform plan"),
            std::string::npos)
      << r.out;
  fs::remove_all(dir);
}

TEST(CheckCli, GnuFormatIsOneLinePerFindingOnly) {
  Outcome r = Shell(Iaclint("check --format gnu fixtures/example"));
  EXPECT_EQ(r.status, 1);
  std::istringstream lines(r.out);
  std::string line;
  const std::regex shape(R"(^[^:]+:\d+:\d+: (error|warning|note): .+ \[IAC\d{4}\]$)");
  int count = 0;
  while (std::getline(lines, line)) {
    EXPECT_TRUE(std::regex_match(line, shape)) << line;
    ++count;
  }
  EXPECT_GE(count, 5);
}

TEST(CheckCli, JsonHasTheDocumentedShape) {
  Outcome r = Shell(Iaclint("check --format json fixtures/example"));
  ASSERT_EQ(r.status, 1);
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["tool"]["name"], "iaclint");
  ASSERT_FALSE(doc["findings"].empty());
  for (const char* key : {"rule_id", "rule_name", "severity", "message", "file", "line", "column",
                          "end_line", "end_column", "resource", "control", "fingerprint",
                          "suppressed"}) {
    EXPECT_TRUE(doc["findings"][0].contains(key)) << key;
  }
  EXPECT_EQ(doc["controls"].size(), 13u);
  EXPECT_EQ(doc["controls"][7]["control"], "08");
  EXPECT_EQ(doc["controls"][7]["status"], "FAIL");
  EXPECT_EQ(doc["files"].size(), 3u);
  EXPECT_EQ(doc["files"][0]["type"], "cfn");
  // IAC0602, IAC0701, IAC1102, and IAC0901/IAC0902: the example's trail has no metric filter.
  EXPECT_EQ(doc["summary"]["errors"], 5);
}

TEST(CheckCli, SarifPassesGithubIngestionChecks) {
  const fs::path checker = fs::path(IACLINT_SOURCE_DIR) / ".." / "shared" / "tools" / "sarif-check";
  if (!fs::exists(checker)) GTEST_SKIP() << "shared/tools/sarif-check is not available";
  const fs::path dir = TempDir("sarif");
  const std::string sarif = (dir / "out.sarif").string();
  Outcome r = Shell(Iaclint("check fixtures/example --format sarif=" + sarif + " --format gnu"));
  ASSERT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("[IAC0806]"), std::string::npos) << "gnu went to stdout";
  Outcome check = Shell("'" + checker.string() + "' " + sarif + " --github --srcroot . 2>&1");
  EXPECT_EQ(check.status, 0) << check.out;
  EXPECT_NE(check.out.find("0 errors"), std::string::npos) << check.out;
}

TEST(CheckCli, FailOnControlsTheExitStatus) {
  EXPECT_EQ(Shell(Iaclint("check --fail-on never fixtures/example > /dev/null")).status, 0);
  EXPECT_EQ(Shell(Iaclint("check --fail-on error fixtures/rules/IAC1002/fail-raw-json.yaml"
                          " --disable IAC0601 --disable IAC0701 --disable IAC0801 --disable IAC1101"
                          " --disable IAC1201 --disable IAC0901 --disable IAC0902 > /dev/null"))
                .status,
            0);
  EXPECT_EQ(Shell(Iaclint("check --fail-on note fixtures/rules/IAC1002/fail-raw-json.yaml"
                          " --disable IAC0601 --disable IAC0701 --disable IAC0801 --disable IAC1101"
                          " --disable IAC1201 > /dev/null")).status, 1);
}

TEST(CheckCli, BadUsageExitsTwoWithAMessage) {
  Outcome missing = Shell(Iaclint("check does/not/exist 2>&1"));
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.out.find("does/not/exist: no such file or directory"), std::string::npos);
  Outcome unsupported = Shell(Iaclint("check build.sh 2>&1"));
  EXPECT_EQ(unsupported.status, 2) << unsupported.out;
  EXPECT_NE(unsupported.out.find("build.sh: not a supported input"), std::string::npos);
  EXPECT_EQ(Shell(Iaclint("check --format nope fixtures/example 2>&1")).status, 2);
  EXPECT_EQ(Shell(Iaclint("check --disable IAC9999 fixtures/example 2>&1")).status, 2);
}

TEST(CheckCli, AParseErrorIsAFindingAndTheRestIsStillAnalysed) {
  const fs::path dir = TempDir("parse");
  std::ofstream(dir / "broken.yaml") << "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
                                        "  A:\n    Type: AWS::SNS::Topic\n    Properties: {x: [1, 2}\n";
  fs::copy_file(fs::path(IACLINT_SOURCE_DIR) / "fixtures/example/logging.yaml", dir / "logging.yaml");
  Outcome r = Shell(Iaclint("check --format gnu " + dir.string()));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("broken.yaml:5:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[IAC0001]"), std::string::npos);
  EXPECT_NE(r.out.find("logging.yaml:17:3: warning:"), std::string::npos) << r.out;
}

TEST(CheckCli, StandardInputIsReportedUnderItsName) {
  Outcome r = Shell("cat fixtures/rules/IAC0802/fail-logging-off.yaml | " +
                Iaclint("check --format gnu --stdin-filename stacks/trail.yaml -"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("stacks/trail.yaml:8:18: error: trail 'Trail' does not log"), std::string::npos)
      << r.out;
}

// Inputs are read by a pool of threads, each file into its own fragment, merged in path
// order, and rules that do not depend on each other are evaluated on those threads too: no
// output may depend on the thread count or on which thread finished first. Every
// registered format, on every input type the fixtures hold (CloudFormation YAML and JSON,
// unreadable files, directories with their own configuration, and each further format as its
// fixtures land), analysed as one account scope.
TEST(CheckCli, OutputIsTheSameWhateverTheThreadCount) {
  const std::string inputs = "fixtures/rules fixtures/example";
  Outcome types = Shell(Iaclint("check --format json -j 1 " + inputs + " 2>/dev/null"));
  ASSERT_EQ(types.status, 1);
  std::set<std::string> seen_types;
  size_t files = 0;
  const nlohmann::json doc = nlohmann::json::parse(types.out);
  for (const auto& f : doc["files"]) {
    seen_types.insert(f["type"].get<std::string>());
    ++files;
  }
  EXPECT_GT(files, 50u);
  EXPECT_TRUE(seen_types.count("cfn"));
  ASSERT_GE(Emitters().size(), 4u);
  for (const EmitterSpec& e : Emitters()) {
    const std::string format = "check --color never --format " + std::string(e.name) + " ";
    Outcome one = Shell(Iaclint(format + "-j 1 " + inputs + " 2>&1"));
    Outcome all = Shell(Iaclint(format + inputs + " 2>&1"));  // the default: every core
    Outcome many = Shell(Iaclint(format + "-j 7 " + inputs + " 2>&1"));
    EXPECT_EQ(one.status, 1) << e.name;
    EXPECT_GT(one.out.size(), 1000u) << e.name;
    EXPECT_EQ(one.status, all.status) << e.name;
    EXPECT_EQ(one.status, many.status) << e.name;
    EXPECT_TRUE(one.out == all.out) << e.name << " differs between -j 1 and the default";
    EXPECT_TRUE(one.out == many.out) << e.name << " differs between -j 1 and -j 7";
  }
}

}  // namespace
}  // namespace iaclint
