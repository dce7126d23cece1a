// End to end with the real pre-commit (Debian's package): the repository's
// .pre-commit-hooks.yaml, used from a throwaway git project, refuses a commit whose templates
// leave a baseline gap and accepts it once the gap is fixed. Nothing is downloaded: the hook is
// `language: system`, so pre-commit only clones the local hook repository.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "support/subprocess.h"

namespace iaclint {
namespace {

namespace fs = std::filesystem;
using testing::OnPath;
using testing::ProcessOptions;
using testing::ProcessResult;
using testing::ReadFile;
using testing::RunProcess;
using testing::TempDir;
using testing::WriteFile;

const fs::path kSource = IACLINT_SOURCE_DIR;
const fs::path kTemplates = kSource / "fixtures" / "cli" / "clean-account";

// Installs Debian's pre-commit when it is missing and this test may (root, apt-get present).
std::string EnsurePreCommit() {
  if (OnPath("pre-commit")) return "";
  if (geteuid() != 0 || !OnPath("apt-get")) {
    return "pre-commit is not installed and this test cannot install it (needs root and apt-get)";
  }
  ProcessOptions o;
  o.env["DEBIAN_FRONTEND"] = "noninteractive";
  ProcessResult r = RunProcess({"apt-get", "install", "-y", "-qq", "pre-commit"}, o);
  if (r.exit_code != 0) {
    RunProcess({"apt-get", "update", "-qq"}, o);
    r = RunProcess({"apt-get", "install", "-y", "-qq", "pre-commit"}, o);
  }
  if (r.exit_code != 0 || !OnPath("pre-commit")) {
    return "pre-commit could not be installed with apt-get: " + r.err;
  }
  return "";
}

class PreCommit : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string why = EnsurePreCommit();
    if (!why.empty()) GTEST_SKIP() << why;
    env_ = {{"PATH", fs::path(IACLINT_BINARY).parent_path().string() + ":" + std::getenv("PATH")},
            {"PRE_COMMIT_HOME", cache_.path()},
            {"IACLINT_RULESETS", (kSource / "rulesets").string()},
            {"GIT_AUTHOR_NAME", "iaclint test"},
            {"GIT_AUTHOR_EMAIL", "test@example.com"},
            {"GIT_COMMITTER_NAME", "iaclint test"},
            {"GIT_COMMITTER_EMAIL", "test@example.com"},
            {"GIT_DIR", std::nullopt},
            {"GIT_WORK_TREE", std::nullopt},
            {"GIT_INDEX_FILE", std::nullopt},
            {"NO_COLOR", "1"}};
    // The hook repository: the project's .pre-commit-hooks.yaml as committed.
    fs::copy_file(kSource / ".pre-commit-hooks.yaml", hooks_.path() + "/.pre-commit-hooks.yaml");
    Git(hooks_, {"init", "-q"});
    Git(hooks_, {"add", ".pre-commit-hooks.yaml"});
    Git(hooks_, {"commit", "-q", "-m", "hooks"});
    rev_ = Git(hooks_, {"rev-parse", "HEAD"}).out;
    rev_ = rev_.substr(0, rev_.find('\n'));
    // The user's project: the clean account with a budget that notifies nobody (IAC0602).
    Git(project_, {"init", "-q"});
    for (const char* f : {"logging.yaml", "cost.yaml", "security.yaml"}) {
      fs::copy_file(kTemplates / f, project_.path() + "/" + f);
    }
    clean_budget_ = ReadFile(project_.path() + "/cost.yaml");
    const std::string subscribers = "          Subscribers:\n";
    const size_t at = clean_budget_.find(subscribers);
    ASSERT_NE(at, std::string::npos);
    std::string gap = clean_budget_;
    gap.erase(at, clean_budget_.find("  SpendMonitor:") - at);
    WriteFile(project_.path() + "/cost.yaml", gap);
  }

  ProcessResult Run(const TempDir& dir, std::vector<std::string> argv) {
    ProcessOptions o;
    o.cwd = dir.path();
    o.env = env_;
    return RunProcess(argv, o);
  }

  ProcessResult Git(const TempDir& dir, std::vector<std::string> args) {
    args.insert(args.begin(), "git");
    ProcessResult r = Run(dir, args);
    EXPECT_EQ(r.exit_code, 0) << "git " << args[1] << ": " << r.err;
    return r;
  }

  void FixTheGap() { WriteFile(project_.path() + "/cost.yaml", clean_budget_); }

  TempDir cache_{"pre-commit-cache"}, hooks_{"pre-commit-hooks"}, project_{"pre-commit-project"};
  std::map<std::string, std::optional<std::string>> env_;
  std::string rev_, clean_budget_;
};

TEST_F(PreCommit, ManifestIsValid) {
  ProcessResult r = Run(hooks_, {"pre-commit", "validate-manifest", ".pre-commit-hooks.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST_F(PreCommit, TryRepoFailsOnAGapAndPassesOnceFixed) {
  Git(project_, {"add", "."});
  Git(project_, {"commit", "-q", "-m", "budget without subscribers"});
  ProcessResult gap =
      Run(project_, {"pre-commit", "try-repo", hooks_.path(), "iaclint", "--all-files"});
  EXPECT_EQ(gap.exit_code, 1) << gap.out << gap.err;
  EXPECT_NE(gap.out.find("Failed"), std::string::npos) << gap.out;
  EXPECT_NE(gap.out.find("cost.yaml:12:11: error: a notification of budget 'MonthlyBudget' has no "
                         "subscriber [IAC0602]"),
            std::string::npos)
      << gap.out;

  FixTheGap();
  Git(project_, {"commit", "-q", "-a", "-m", "notify billing"});
  ProcessResult fixed =
      Run(project_, {"pre-commit", "try-repo", hooks_.path(), "iaclint", "--all-files"});
  EXPECT_EQ(fixed.exit_code, 0) << fixed.out << fixed.err;
  EXPECT_NE(fixed.out.find("Passed"), std::string::npos) << fixed.out;
}

TEST_F(PreCommit, InstalledHookRefusesTheCommitUntilTheGapIsFixed) {
  WriteFile(project_.path() + "/.pre-commit-config.yaml",
            "repos:\n  - repo: " + hooks_.path() + "\n    rev: " + rev_ +
                "\n    hooks:\n      - id: iaclint\n        args: [--format, gnu]\n");
  ProcessResult install = Run(project_, {"pre-commit", "install"});
  ASSERT_EQ(install.exit_code, 0) << install.out << install.err;
  Git(project_, {"add", "."});
  ProcessResult refused =
      Run(project_, {"git", "commit", "-q", "-m", "budget without subscribers"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  const std::string said = refused.out + refused.err;
  EXPECT_NE(said.find("[IAC0602]"), std::string::npos) << said;
  EXPECT_EQ(Run(project_, {"git", "rev-parse", "--verify", "-q", "HEAD"}).exit_code, 1)
      << "nothing was committed";

  FixTheGap();
  Git(project_, {"add", "."});
  ProcessResult accepted = Run(project_, {"git", "commit", "-q", "-m", "budget notifies billing"});
  EXPECT_EQ(accepted.exit_code, 0) << accepted.out << accepted.err;
}

TEST_F(PreCommit, LocalHookVariantWorksToo) {
  WriteFile(project_.path() + "/.pre-commit-config.yaml",
            "repos:\n  - repo: local\n    hooks:\n      - id: iaclint\n        name: iaclint\n"
            "        entry: iaclint check\n        language: system\n"
            "        pass_filenames: false\n        files: \\.(ya?ml|json|template|tf)$\n");
  Git(project_, {"add", "."});
  ProcessResult gap = Run(project_, {"pre-commit", "run", "--all-files"});
  EXPECT_EQ(gap.exit_code, 1) << gap.out << gap.err;
  FixTheGap();
  ProcessResult fixed = Run(project_, {"pre-commit", "run", "--all-files"});
  EXPECT_EQ(fixed.exit_code, 0) << fixed.out << fixed.err;
}

}  // namespace
}  // namespace iaclint
