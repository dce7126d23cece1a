// Baselines and SARIF fingerprints survive edits: the iaclint/v1 fingerprint names the rule, the
// resource and the property, never a line, so moving or editing the resource keeps it, while
// GitHub's primaryLocationLineHash follows the text.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/subprocess.h"

namespace iaclint {
namespace {

using testing::ProcessOptions;
using testing::ProcessResult;
using testing::RunProcess;
using testing::TempDir;

const std::string kScenario = std::string(IACLINT_SOURCE_DIR) + "/fixtures/cli/baseline-edited";

nlohmann::json ResultOf(const std::string& dir, const std::string& rule) {
  ProcessOptions o;
  o.cwd = kScenario + "/" + dir;
  ProcessResult r = RunProcess({IACLINT_BINARY, "check", "--format", "sarif", "logging.yaml"}, o);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  for (const auto& result : doc["runs"][0]["results"]) {
    if (result["ruleId"] == rule) return result;
  }
  ADD_FAILURE() << "no " << rule << " result in " << dir;
  return {};
}

TEST(Fingerprints, LineFreeIdentitySurvivesAnEditWhileTheLineHashChanges) {
  const nlohmann::json before = ResultOf("v1", "IAC0806");
  const nlohmann::json after = ResultOf("v2", "IAC0806");
  ASSERT_FALSE(before.is_null() || after.is_null());
  const auto& region_before = before["locations"][0]["physicalLocation"]["region"];
  const auto& region_after = after["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region_before["startLine"], 3);
  EXPECT_EQ(region_after["startLine"], 8);
  EXPECT_EQ(before["partialFingerprints"]["iaclint/v1"],
            after["partialFingerprints"]["iaclint/v1"]);
  EXPECT_NE(before["partialFingerprints"]["primaryLocationLineHash"],
            after["partialFingerprints"]["primaryLocationLineHash"]);
}

TEST(Baseline, RejectsAFileItCannotRead) {
  TempDir tmp("baseline");
  testing::WriteFile(tmp.path() + "/b.json", "{\n  \"version\": 2,\n  \"findings\": []\n}\n");
  ProcessOptions o;
  o.cwd = kScenario + "/v1";
  ProcessResult r = RunProcess(
      {IACLINT_BINARY, "check", "--baseline", tmp.path() + "/b.json", "logging.yaml"}, o);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("b.json:2:14: unsupported baseline version"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace iaclint
