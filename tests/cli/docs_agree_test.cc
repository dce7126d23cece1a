// The README, `iaclint --help` and the command-line contract (../shared/spec/cli.md) must agree:
// every option that `check --help` prints is documented in the README, and every option the
// contract requires is printed by `check --help`.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "support/subprocess.h"

namespace iaclint {
namespace {

using testing::ProcessResult;
using testing::ReadFile;
using testing::RunProcess;

std::set<std::string> LongOptions(const std::string& text) {
  static const std::regex option(R"(--[a-z][a-z0-9-]+)");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), option);
       it != std::sregex_iterator(); ++it) {
    out.insert(it->str());
  }
  return out;
}

std::string CheckHelp() {
  const ProcessResult r = RunProcess({IACLINT_BINARY, "check", "--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

TEST(DocsAgree, EveryCheckOptionIsInTheReadme) {
  const std::string readme = ReadFile(std::string(IACLINT_SOURCE_DIR) + "/README.md");
  const std::set<std::string> documented = LongOptions(readme);
  const std::set<std::string> offered = LongOptions(CheckHelp());
  ASSERT_GT(offered.size(), 20u);
  for (const std::string& o : offered) {
    EXPECT_TRUE(documented.count(o)) << o << " is in `iaclint check --help` but not in README.md";
  }
}

TEST(DocsAgree, EveryOptionOfTheContractIsOffered) {
  const std::string spec_path = std::string(IACLINT_SOURCE_DIR) + "/../shared/spec/cli.md";
  if (!std::filesystem::exists(spec_path)) GTEST_SKIP() << "no " << spec_path;
  const std::string spec = ReadFile(spec_path);
  // Only the option table of `check`: from its header to the exit status paragraph.
  const size_t begin = spec.find("| option | meaning |");
  const size_t end = spec.find("Exit status", begin);
  ASSERT_NE(begin, std::string::npos);
  const std::set<std::string> offered = LongOptions(CheckHelp());
  for (const std::string& o : LongOptions(spec.substr(begin, end - begin))) {
    EXPECT_TRUE(offered.count(o)) << o << " is in spec/cli.md but not in `iaclint check --help`";
  }
}

}  // namespace
}  // namespace iaclint
