// End to end with the built binary: attestation errors, SARIF of manual controls and the
// scorecard, LZA from standard input.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace iaclint {
namespace {

namespace fs = std::filesystem;

struct ShellRun {
  int status = -1;
  std::string out;
};

ShellRun Shell(const std::string& command) {
  ShellRun r;
  FILE* p = popen(("cd '" IACLINT_SOURCE_DIR "' && " + command).c_str(), "r");
  if (!p) return r;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) r.out.append(buf, n);
  const int raw = pclose(p);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  return r;
}

std::string Iaclint(const std::string& args) { return "'" IACLINT_BINARY "' " + args; }

TEST(OrgsCli, AnAttestationErrorExitsTwoWithItsPlace) {
  const fs::path dir = fs::temp_directory_path() / ("iaclint-orgs-cli-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / ".iaclint.yaml") << "attestations:\n  - control: \"05\"\n    status: done\n"
                                          "    date: 2026-03-02\n    by: a\n    evidence: [x]\n";
  std::ofstream(dir / "t.yaml") << "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\n";
  const ShellRun r = Shell("IACLINT_TODAY=2026-03-01 " +
                           Iaclint("check --config " + (dir / ".iaclint.yaml").string() + " " +
                                   (dir / "t.yaml").string() + " 2>&1"));
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(
      r.out.find(".iaclint.yaml:4:11: date 2026-03-02 is in the future (today is 2026-03-01)"),
      std::string::npos)
      << r.out;
  fs::remove_all(dir);
}

TEST(OrgsCli, SarifCarriesTheScorecardAndManualNotesAtTheConfig) {
  const std::string fixture = "fixtures/rules/IAC0501/fail-expired-attestation";
  const ShellRun r =
      Shell(Iaclint("check --config " + fixture + "/.iaclint.yaml " + fixture + " --format sarif"));
  ASSERT_EQ(r.status, 1) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  const auto& run = doc["runs"][0];
  ASSERT_EQ(run["properties"]["controls"].size(), 13u);
  EXPECT_EQ(run["properties"]["controls"][4]["control"], "05");
  EXPECT_EQ(run["properties"]["controls"][4]["status"], "MANUAL");
  bool note = false, stale = false;
  for (const auto& res : run["results"]) {
    const auto& loc = res["locations"][0]["physicalLocation"];
    if (res["ruleId"] == "IAC0501") {
      note = res["level"] == "note" &&
             loc["artifactLocation"]["uri"] == fixture + "/.iaclint.yaml" &&
             loc["region"]["startLine"] == 1;
    }
    if (res["ruleId"] == "IAC0005") stale = res["level"] == "warning";
  }
  EXPECT_TRUE(note) << r.out;
  EXPECT_TRUE(stale);
  const fs::path checker = fs::path(IACLINT_SOURCE_DIR) / ".." / "shared" / "tools" / "sarif-check";
  if (!fs::exists(checker)) GTEST_SKIP() << "shared/tools/sarif-check is not available";
  const fs::path out =
      fs::temp_directory_path() / ("iaclint-orgs-" + std::to_string(getpid()) + ".sarif");
  std::ofstream(out) << r.out;
  const ShellRun check =
      Shell("'" + checker.string() + "' " + out.string() + " --github --srcroot . 2>&1");
  EXPECT_EQ(check.status, 0) << check.out;
  EXPECT_NE(check.out.find("0 errors"), std::string::npos) << check.out;
  fs::remove(out);
}

TEST(OrgsCli, LzaFromStandardInputByItsName) {
  const ShellRun r = Shell("cat fixtures/rules/IAC0601/pass-lza/global-config.yaml | " +
                           Iaclint("check - --stdin-filename global-config.yaml --format json"));
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["files"][0]["type"], "lza");
  EXPECT_EQ(doc["controls"][5]["status"], "PASS");
}

}  // namespace
}  // namespace iaclint
