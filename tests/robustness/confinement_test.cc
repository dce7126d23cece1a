// Confinement: a path written inside an input is followed only inside the analysed tree, and
// nothing of a file outside it ever reaches any output. Both the helper (ResolveConfined) and
// the binary are tested; the binary's outputs are searched for a marker that only the outside
// file holds.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/confine.h"
#include "input/walk.h"
#include "run_binary.h"

namespace iaclint::robustness {
namespace {

constexpr const char* kSecret = "SECRET-7f3a9c-OUTSIDE-THE-TREE";

// A valid template, so that following it would visibly add a resource and the marker.
std::string OutsideTemplate() {
  return std::string("AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: ") + kSecret +
         "\nResources:\n  " +
         "SecretBudget:\n    Type: AWS::Budgets::Budget\n"
         "    Properties:\n      Budget: {BudgetName: " +
         kSecret +
         ", BudgetType: COST, "
         "TimeUnit: MONTHLY, BudgetLimit: {Amount: 1, Unit: USD}}\n";
}

std::string Parent(const std::string& template_url) {
  return "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Nested:\n"
         "    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: '" +
         template_url + "'\n";
}

class Confinement : public ::testing::Test {
 protected:
  void SetUp() override {
    outside_ = dir_.Write("outside/secret.yaml", OutsideTemplate());
    mkdir((dir_ / "tree").c_str(), 0755);
  }
  // Runs check on the tree in every output format; the marker must appear in none.
  // `quoted_path`: the reference itself names the outside path, and the finding quotes it.
  std::vector<RunResult> CheckTree(const std::vector<std::string>& paths,
                                   bool quoted_path = false) {
    std::vector<RunResult> runs;
    for (const char* format : {"json", "text", "gnu", "sarif"}) {
      std::vector<std::string> args = {"check"};
      args.insert(args.end(), paths.begin(), paths.end());
      args.insert(args.end(), {"--format", format});
      RunOptions options;
      options.cwd = dir_ / "tree";
      RunResult r = RunIaclint(args, options);
      EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << format << "\n" << r.Describe();
      EXPECT_EQ(r.out.find(kSecret), std::string::npos) << format << " output reveals it";
      EXPECT_EQ(r.err.find(kSecret), std::string::npos) << format << " stderr reveals it";
      if (!quoted_path) {
        EXPECT_EQ(r.out.find(dir_ / "outside"), std::string::npos) << "the outside path shows";
      }
      runs.push_back(std::move(r));
    }
    return runs;
  }
  void ExpectRefused(const RunResult& json_run, const std::string& why, uint32_t line) {
    const auto f = FindFinding(json_run, "IAC0006", why);
    ASSERT_FALSE(f.is_null()) << json_run.Describe();
    EXPECT_EQ(f.value("file", ""), "parent.yaml");
    EXPECT_EQ(f.value("line", 0), static_cast<int>(line));
    EXPECT_EQ(f.value("severity", ""), "warning");
    EXPECT_NE(f.value("message", "").find("not read"), std::string::npos);
    EXPECT_FALSE(FindFinding(json_run, "IAC0601").is_null()) << "the outside budget was counted\n"
                                                             << json_run.Describe();
  }

  TempDir dir_;
  std::string outside_;
};

TEST_F(Confinement, DotDotEscapeIsRefused) {
  dir_.Write("tree/parent.yaml", Parent("../outside/secret.yaml"));
  ExpectRefused(CheckTree({"."})[0], "outside the analysed tree", 6);
  dir_.Write("tree/parent.yaml", Parent("../../../../../../../../etc/passwd"));
  ExpectRefused(CheckTree({"."})[0], "outside the analysed tree", 6);
}

TEST_F(Confinement, AbsolutePathsAndFileUrlsAreRefused) {
  dir_.Write("tree/parent.yaml", Parent(outside_));
  ExpectRefused(CheckTree({"."}, true)[0], "absolute path", 6);
  dir_.Write("tree/parent.yaml", Parent("file://" + outside_));
  ExpectRefused(CheckTree({"."}, true)[0], "absolute path", 6);
  dir_.Write("tree/parent.yaml", Parent("file://host/etc/passwd"));
  ExpectRefused(CheckTree({"."})[0], "file:// URL", 6);
}

TEST_F(Confinement, SymlinkPointingOutIsRefusedAndNotWalked) {
  ASSERT_EQ(symlink(outside_.c_str(), (dir_ / "tree/link.yaml").c_str()), 0);
  ASSERT_EQ(symlink((dir_ / "outside").c_str(), (dir_ / "tree/linkdir").c_str()), 0);
  dir_.Write("tree/parent.yaml", Parent("link.yaml"));
  ExpectRefused(CheckTree({"."})[0], "symbolic link", 6);
  dir_.Write("tree/parent.yaml", Parent("linkdir/secret.yaml"));
  ExpectRefused(CheckTree({"."})[0], "symbolic link", 6);
}

TEST_F(Confinement, ExplicitFileIsConfinedToItsDirectory) {
  dir_.Write("tree/parent.yaml", Parent("../outside/secret.yaml"));
  ExpectRefused(CheckTree({"parent.yaml"})[0], "outside the analysed tree", 6);
}

TEST_F(Confinement, StandardInputHasNoTreeToFollow) {
  dir_.Write("tree/parent.yaml", Parent("child.yaml"));
  dir_.Write("tree/child.yaml", OutsideTemplate());
  RunOptions options;
  options.cwd = dir_ / "tree";
  options.stdin_path = dir_ / "tree/parent.yaml";
  const RunResult r =
      RunIaclint({"check", "-", "--stdin-filename", "parent.yaml", "--format", "json"}, options);
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_FALSE(FindFinding(r, "IAC0006", "standard input").is_null()) << r.Describe();
  EXPECT_EQ(r.out.find(kSecret), std::string::npos);
}

TEST_F(Confinement, LocalNestedTemplateInsideTheTreeIsAnalysedOnce) {
  // The child has an extension the walk ignores, so only the TemplateURL brings it in; it
  // declares the budget, so IAC0601 (no budget) must go away.
  dir_.Write("tree/parent.yaml", Parent("nested/child.cfn.txt"));
  dir_.Write("tree/nested/child.cfn.txt", OutsideTemplate());
  RunOptions options;
  options.cwd = dir_ / "tree";
  RunResult r = RunIaclint({"check", ".", "--format", "json"}, options);
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.Describe();
  EXPECT_TRUE(FindFinding(r, "IAC0601").is_null()) << "the nested budget was not seen\n"
                                                   << r.Describe();
  auto doc = nlohmann::json::parse(r.out);
  std::vector<std::string> files;
  for (const auto& f : doc["files"]) files.push_back(f["file"]);
  EXPECT_EQ(files, (std::vector<std::string>{"parent.yaml", "nested/child.cfn.txt"}));

  // Named by the parent and found by the walk: still analysed once.
  dir_.Write("tree/parent.yaml", Parent("./nested/../nested/child.yaml"));
  dir_.Write("tree/nested/child.yaml", OutsideTemplate());
  std::remove((dir_ / "tree/nested/child.cfn.txt").c_str());
  r = RunIaclint({"check", ".", "--format", "json"}, options);
  doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["files"].size(), 2u) << r.out;
  EXPECT_EQ(doc["summary"].value("resources", 0), 2) << r.out;
}

TEST_F(Confinement, NestedTemplateCyclesEnd) {
  dir_.Write("tree/a.yaml", Parent("b.yaml"));
  dir_.Write("tree/b.yaml", Parent("a.yaml"));
  dir_.Write("tree/self.yaml", Parent("self.yaml"));
  RunOptions options;
  options.cwd = dir_ / "tree";
  const RunResult r = RunIaclint({"check", "a.yaml", "self.yaml", "--format", "json"}, options);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.Describe();
  EXPECT_FALSE(r.timed_out);
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["files"].size(), 3u) << r.out;
}

TEST_F(Confinement, MissingAndRemoteTemplatesAreNotFollowed) {
  dir_.Write("tree/parent.yaml", Parent("missing.yaml"));
  RunOptions options;
  options.cwd = dir_ / "tree";
  RunResult r = RunIaclint({"check", ".", "--format", "json"}, options);
  EXPECT_FALSE(FindFinding(r, "IAC0006", "names no file").is_null()) << r.Describe();
  dir_.Write("tree/parent.yaml", Parent("https://s3.amazonaws.com/bucket/x.yaml"));
  r = RunIaclint({"check", ".", "--format", "json"}, options);
  EXPECT_TRUE(FindFinding(r, "IAC0006").is_null()) << r.Describe();
}

// The helper itself, for the other formats that call it.
TEST(ResolveConfined, RefusesEverythingThatLeavesTheRoot) {
  TempDir dir;
  dir.Write("root/sub/t.yaml", "x");
  dir.Write("root/inside.yaml", "x");
  dir.Write("secret.yaml", "x");
  ASSERT_EQ(symlink((dir / "secret.yaml").c_str(), (dir / "root/sub/out.yaml").c_str()), 0);
  ASSERT_EQ(symlink("..", (dir / "root/sub/up").c_str()), 0);
  const std::string root = dir / "root";
  const std::string from = dir / "root/sub/t.yaml";
  auto ok = ResolveConfined("../inside.yaml", from, root);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->disk_path, dir / "root/inside.yaml");
  EXPECT_TRUE(ResolveConfined("up/inside.yaml", from, root).ok());      // a link that stays inside
  EXPECT_TRUE(ResolveConfined("not/yet/there.yaml", from, root).ok());  // need not exist
  for (const char* bad : {"../../secret.yaml", "../..", "/etc/passwd", "out.yaml", "up/../../../x",
                          "file:///etc/passwd", "file://h/x", "", "a/../../../b"}) {
    auto r = ResolveConfined(bad, from, root);
    EXPECT_FALSE(r.ok()) << bad << " -> " << (r.ok() ? r->disk_path : "");
  }
  EXPECT_FALSE(ResolveConfined(std::string_view("a\0b", 3), from, root).ok());
  // Whatever is accepted is a canonical path inside the root (what callers open).
  for (const char* odd : {"up/up/x", "up/../../secret.yaml", "./././inside.yaml", "up/sub/up"}) {
    auto r = ResolveConfined(odd, from, root);
    if (r.ok()) EXPECT_TRUE(IsInside(r->disk_path, root)) << odd << " -> " << r->disk_path;
  }
  EXPECT_FALSE(ResolveConfined("inside.yaml", from, "").ok());
  EXPECT_FALSE(ResolveConfined(std::string(300, 'n') + "/x", from, root).ok());  // unresolvable
  // The refusal finding quotes the reference (escaped), never what it resolves to.
  auto refused = ResolveConfined("../../secret.yaml\n", from, root);
  ASSERT_FALSE(refused.ok());
  const Finding f = RefusedPathFinding("TemplateURL", "../../secret.yaml\n", refused.error(),
                                       Location{0, 3, 7, 3, 9});
  EXPECT_EQ(f.rule_id, "IAC0006");
  EXPECT_EQ(f.message,
            "TemplateURL '../../secret.yaml\\x0a' is outside the analysed tree; not read");
  EXPECT_EQ(f.message.find(dir.path()), std::string::npos);
}

TEST(ResolveConfined, RemoteReferencesAreRecognised) {
  for (const char* remote : {"https://s3.amazonaws.com/b/k.yaml", "s3://b/k", "git::https://x",
                             "git@github.com:o/r.git", "github.com/o/r"}) {
    EXPECT_TRUE(IsRemoteReference(remote)) << remote;
  }
  for (const char* local : {"./child.yaml", "../m", "nested/child.yaml", "file:///etc/x"}) {
    EXPECT_FALSE(IsRemoteReference(local)) << local;
  }
}

}  // namespace
}  // namespace iaclint::robustness
