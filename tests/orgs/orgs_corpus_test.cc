// The Organizations part of the shared corpus (/work/shared/corpus/organizations): real LZA
// configurations, SCP examples, CfCT manifests, org-formation files and AWS CLI exports.
// Every LZA sample and SCP example is detected, nothing crashes, and the verdicts of the two
// LZA sample configurations are the ones checked by hand (see the comments).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "orgs_test_util.h"

namespace iaclint {
namespace {

namespace fs = std::filesystem;

fs::path Corpus() {
  return fs::path(IACLINT_SOURCE_DIR) / ".." / "shared" / "corpus" / "organizations";
}

bool IsLzaName(const fs::path& p) {
  static const std::set<std::string> names = {"global-config.yaml", "security-config.yaml",
                                              "iam-config.yaml", "organization-config.yaml",
                                              "accounts-config.yaml"};
  return names.count(p.filename().string()) > 0;
}

std::map<std::string, std::string> TypesByPath(const Model& m) {
  std::map<std::string, std::string> out;
  for (const SourceFile& f : m.files()) {
    out[fs::weakly_canonical(f.disk_path.empty() ? f.path : f.disk_path).string()] = f.type;
  }
  return out;
}

TEST(OrgsCorpus, EverySampleIsDetectedAndNothingCrashes) {
  const fs::path corpus = Corpus();
  if (!fs::is_directory(corpus)) GTEST_SKIP() << "no corpus at " << corpus;
  auto run = Check({corpus.string()});
  ASSERT_TRUE(run);
  const auto types = TypesByPath(run->model);
  size_t lza = 0, scp = 0, manifests = 0;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    if (!e.is_regular_file()) continue;
    const std::string path = fs::weakly_canonical(e.path()).string();
    const auto it = types.find(path);
    const std::string type = it == types.end() ? "" : it->second;
    if (IsLzaName(e.path())) {
      ++lza;
      EXPECT_EQ(type, "lza") << path;
    }
    if (path.find("service-control-policy-examples") != std::string::npos &&
        e.path().extension() == ".json") {
      ++scp;
      EXPECT_EQ(type, "scp") << path;
    }
    if (e.path().filename() == "manifest.yaml") {
      ++manifests;
      EXPECT_EQ(type, "cfct") << path;
    }
  }
  EXPECT_GE(lza, 30u);
  EXPECT_GE(scp, 50u);
  EXPECT_GE(manifests, 10u);
  // The only parse errors are real ones: an SCP example with // comments (IAM rejects them)
  // and duplicate keys in org-formation's own test resources. No LZA file fails to parse.
  for (const Finding& f : run->report.findings) {
    if (f.rule_id != "IAC0001") continue;
    const std::string& file = run->model.file(f.loc.file).path;
    EXPECT_TRUE(file.find("deny-service-specific-credential-by-type.json") != std::string::npos ||
                file.find("org-formation-cli/test/") != std::string::npos)
        << file << ": " << f.message;
  }
}

// One directory of LZA configuration analysed alone: its control verdicts, "status evidence".
std::map<std::string, std::string> Verdicts(const fs::path& dir) {
  auto run = Check({dir.string()});
  std::map<std::string, std::string> out;
  if (!run) return out;
  for (const ControlRow& c : run->report.controls) out[c.id] = c.status + " " + c.evidence;
  for (const Finding& f : run->report.findings) {
    EXPECT_NE(f.rule_id, "IAC0001") << f.message;
  }
  return out;
}

TEST(OrgsCorpus, LzaUniversalConfigurationVerdicts) {
  const fs::path dir =
      Corpus() / "aws_lza-universal-configuration" / "modules" / "base" / "default";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no corpus at " << dir;
  const auto v = Verdicts(dir);
  // centralRootUserManagement (rootCredentialsManagement: true): member accounts have no root
  // credentials; the management account still needs an attestation (01, 13).
  EXPECT_EQ(v.at("01"), "PASS declared (member accounts)");
  EXPECT_EQ(v.at("13"), "PASS declared (member accounts)");
  // No LZA key declares contacts, the primary phone or the governing law.
  EXPECT_EQ(v.at("02"), "FAIL missing");
  EXPECT_EQ(v.at("03"), "N/A -");
  EXPECT_EQ(v.at("04"), "MANUAL missing");
  EXPECT_EQ(v.at("05"), "MANUAL missing");
  // reports.budgets with five e-mail notifications ({{ BudgetsEmail }} is defined).
  EXPECT_EQ(v.at("06"), "PASS declared");
  EXPECT_EQ(v.at("07"), "FAIL missing");
  // LZA's own CloudTrail is off (enable: false); Control Tower's organization trail logs, but
  // the retention of its CloudWatch Logs group is not in the configuration.
  EXPECT_EQ(v.at("08"), "UNKNOWN declared (Control Tower)");
  EXPECT_EQ(v.at("10"), "FAIL missing");
  // iamPasswordPolicy: 14 characters, all classes, 90 days, 24 remembered.
  EXPECT_EQ(v.at("11"), "PASS declared");
  // groupSets: [] and userSets: []; Identity Center has no LZA-managed permission sets.
  EXPECT_EQ(v.at("12"), "FAIL missing");
}

TEST(OrgsCorpus, Lza113SampleConfigVerdicts) {
  const fs::path dir = Corpus() / "awslabs_landing-zone-accelerator-on-aws" / "v1.13.0" /
                       "reference" / "sample-configurations" / "lza-sample-config";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no corpus at " << dir;
  const auto v = Verdicts(dir);
  // Security Hub with the CIS AWS Foundations Benchmark v1.4.0 standard detects root without MFA.
  EXPECT_EQ(v.at("01"), "PASS monitored");
  EXPECT_EQ(v.at("06"), "PASS declared");
  EXPECT_EQ(v.at("08"), "UNKNOWN declared (Control Tower)");
  EXPECT_EQ(v.at("11"), "PASS declared");
  EXPECT_EQ(v.at("12"), "FAIL missing");
  // guardrails-1/2/3.json deny no actions to the root user, and there is no centralized root
  // access: nothing seals root.
  EXPECT_EQ(v.at("13"), "FAIL missing");
}

}  // namespace
}  // namespace iaclint
