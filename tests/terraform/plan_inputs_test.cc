// Plans through the whole pipeline: the tfplan fixtures of every rule, format detection,
// and the public corpus of real `terraform show -json` files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/pipeline.h"
#include "cli/rule_tests.h"
#include "input/formats.h"
#include "model/tool_findings.h"
#include "terraform/plan_format.h"
#include "terraform/plan_reader.h"

namespace iaclint {
namespace {

namespace fs = std::filesystem;

const std::string kSource = IACLINT_SOURCE_DIR;

std::unique_ptr<CheckRun> Check(std::vector<std::string> paths) {
  CheckOptions options;
  options.paths = std::move(paths);
  options.no_config_search = true;
  options.jobs = 1;
  auto run = RunCheck(options);
  EXPECT_TRUE(run.ok()) << (run.ok() ? "" : run.error().message);
  return run.ok() ? std::move(*run) : nullptr;
}

TEST(PlanFixtures, EveryTfplanFixtureBehavesAsItsNameSays) {
  auto rules = LoadRuleSet(kSource + "/rulesets", {});
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  size_t count = 0;
  for (const auto& dir : fs::directory_iterator(kSource + "/fixtures/rules")) {
    const Rule* rule = rules->Find(dir.path().filename().string());
    if (!rule) continue;
    for (const auto& f : fs::directory_iterator(dir.path())) {
      const std::string name = f.path().filename().string();
      if (name.find(".tfplan.json") == std::string::npos) continue;
      const std::string kind = name.substr(0, name.find('-'));
      FixtureResult r = RunFixture(*rule, f.path().string(), kind, {});
      EXPECT_TRUE(r.ok) << rule->id << " " << name << ": " << r.problem;
      EXPECT_EQ(r.types, std::vector<std::string>{"tfplan"}) << name;
      ++count;
    }
  }
  EXPECT_GE(count, 40u);
}

TEST(PlanFixtures, EveryRuleOfTheTerraformControlsClaimsTfplanWithFixtures) {
  auto rules = LoadRuleSet(kSource + "/rulesets", {});
  ASSERT_TRUE(rules.ok());
  for (const Rule& rule : rules->rules) {
    if (rule.control != "06" && rule.control != "07" && rule.control != "08" &&
        rule.control != "10" && rule.control != "11" && rule.control != "12") {
      continue;
    }
    EXPECT_NE(std::find(rule.formats.begin(), rule.formats.end(), "tfplan"), rule.formats.end())
        << rule.id;
    bool pass = false, fail = false;
    for (const auto& f : fs::directory_iterator(kSource + "/fixtures/rules/" + rule.id)) {
      const std::string name = f.path().filename().string();
      if (name.find(".tfplan.json") == std::string::npos) continue;
      pass |= name.rfind("pass-", 0) == 0;
      fail |= name.rfind("fail-", 0) == 0;
    }
    EXPECT_TRUE(pass && fail) << rule.id;
  }
}

TEST(PlanInputs, PlanFindingsPointAtTheAddressAndNameIt) {
  auto run = Check({kSource + "/fixtures/rules/IAC0807/fail-no-validation.tfplan.json"});
  ASSERT_TRUE(run);
  bool seen = false;
  for (const Finding& f : run->report.findings) {
    if (f.rule_id != "IAC0807") continue;
    seen = true;
    EXPECT_EQ(f.resource, "aws_cloudtrail.main");
    EXPECT_NE(f.message.find("aws_cloudtrail.main"), std::string::npos);
    const SourceFile& file = run->model.file(f.loc.file);
    EXPECT_EQ(file.type, "tfplan");
    // The line holds the resource_changes entry's "address" key.
    std::istringstream lines(file.text);
    std::string line;
    for (uint32_t i = 0; i < f.loc.line; ++i) std::getline(lines, line);
    EXPECT_EQ(line.substr(f.loc.column - 1), "\"address\": \"aws_cloudtrail.main\",");
  }
  EXPECT_TRUE(seen);
}

TEST(PlanInputs, UnsupportedFormatVersionIsAParseError) {
  const std::string dir = testing::TempDir() + "/plan-v2";
  fs::create_directories(dir);
  std::ofstream(dir + "/plan.json") << "{\n  \"format_version\": \"2.0\",\n  \"terraform_version\": \"2.0.0\"\n}\n";
  auto run = Check({dir});
  ASSERT_TRUE(run);
  ASSERT_EQ(run->model.diagnostics().size(), 1u);
  const Finding& f = run->model.diagnostics()[0];
  EXPECT_EQ(f.rule_id, kParseError);
  EXPECT_EQ(f.loc.line, 2u);
  EXPECT_EQ(f.loc.column, 3u);
  EXPECT_NE(f.message.find("format_version 2.0 is not supported"), std::string::npos);
  EXPECT_EQ(run->model.file(f.loc.file).type, "tfplan");
}

TEST(PlanInputs, Utf16PlansAreDecoded) {
  const std::string text = "{\"format_version\": \"1.2\", \"terraform_version\": \"1.9.8\", "
                           "\"resource_changes\": [{\"address\": \"aws_iam_group.g\", \"type\": "
                           "\"aws_iam_group\", \"name\": \"g\", \"change\": {\"actions\": "
                           "[\"create\"], \"after\": {\"name\": \"ad\xC3\xA9\"}}}]}";
  std::string utf16 = "\xFF\xFE";
  // Encode as UTF-16LE (the text is ASCII but for "é", U+00E9).
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3) {
      utf16 += '\xE9';
      utf16 += '\0';
      ++i;
      continue;
    }
    utf16 += static_cast<char>(c);
    utf16 += '\0';
  }
  auto decoded = DecodeUtf16(utf16);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, text);
  const std::string dir = testing::TempDir() + "/plan-utf16";
  fs::create_directories(dir);
  std::ofstream(dir + "/tfplan.json", std::ios::binary) << utf16;
  auto run = Check({dir});
  ASSERT_TRUE(run);
  EXPECT_TRUE(run->model.diagnostics().empty());
  ASSERT_EQ(run->model.resources().size(), 1u);
  EXPECT_EQ(run->model.resources()[0].properties.Find("GroupName")->str(), "ad\xC3\xA9");
  EXPECT_EQ(run->model.files()[0].type, "tfplan");
}

// The public corpus of real plans: every plan file is detected, none crashes, and every
// parse error is a file that is not valid JSON.
TEST(PlanCorpus, RealPlansAreDetectedAndRead) {
  const fs::path corpus = kSource + "/../shared/corpus/terraform-plan";
  std::error_code ec;
  if (!fs::is_directory(corpus, ec)) GTEST_SKIP() << corpus << " is not present";
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 200u);
  // Not plans: provider schemas and function signatures (`terraform providers schema -json`,
  // `terraform metadata functions -json`), and a whole state file (`terraform.tfstate`).
  const std::vector<std::string> not_plans = {"schemas.json", "functions.json", "single_store.json",
                                              "show-json-state/empty/output.json"};
  // Not valid JSON: data after the document, a wrapper's log line before it.
  const std::vector<std::string> invalid = {"testdata/invalid/plan.json", "testdata/invalid/state.json",
                                            "plan_with_terraform_wrapper.json"};
  auto ends = [](const std::string& path, const std::vector<std::string>& list) {
    for (const std::string& s : list) {
      if (path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0) return true;
    }
    return false;
  };
  size_t plans = 0, resources = 0;
  for (const std::string& path : files) {
    if (ends(path, not_plans)) {
      // Not read through the pipeline: only the plan detector's verdict matters here.
      std::ifstream in(path, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      EXPECT_FALSE(LooksLikeTerraformPlan(ss.str())) << path;
      continue;
    }
    auto run = Check({path});
    ASSERT_TRUE(run) << path;
    const std::string type = run->model.files().empty() ? "" : run->model.files()[0].type;
    std::vector<std::string> errors;
    for (const Finding& f : run->model.diagnostics()) {
      if (f.rule_id == kParseError && f.severity == Severity::kError) errors.push_back(f.message);
    }
    EXPECT_EQ(type, "tfplan") << path << " is not detected as a plan";
    if (ends(path, invalid)) {
      EXPECT_EQ(errors.size(), 1u) << path;
    } else {
      EXPECT_TRUE(errors.empty()) << path << ": " << (errors.empty() ? "" : errors[0]);
    }
    ++plans;
    resources += run->model.resources().size();
  }
  EXPECT_GT(plans, 250u);
  EXPECT_GT(resources, 150u);
}

}  // namespace
}  // namespace iaclint
