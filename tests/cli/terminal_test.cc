// What a user sees in a terminal: colour only on a terminal (NO_COLOR honoured), a code frame
// under each finding, and a progress line on standard error for slow runs.
#include <gtest/gtest.h>

#include "support/subprocess.h"

namespace iaclint {
namespace {

using testing::ProcessOptions;
using testing::ProcessResult;
using testing::RunProcess;

const std::string kScenario = std::string(IACLINT_SOURCE_DIR) + "/fixtures/cli/fail-on-default";

ProcessResult Check(ProcessOptions o, std::vector<std::string> extra = {}) {
  o.cwd = kScenario;
  o.env.emplace("NO_COLOR", std::nullopt);
  o.env.emplace("TERM", "xterm");
  o.env.emplace("IACLINT_PROGRESS_DELAY_MS", std::nullopt);
  std::vector<std::string> argv = {IACLINT_BINARY, "check"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return RunProcess(argv, o);
}

bool HasEscape(const std::string& s) { return s.find("\033[") != std::string::npos; }

TEST(Terminal, PipesGetPlainTextWithoutFrames) {
  ProcessResult r = Check({});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("logging.yaml:12:3: warning:"), std::string::npos) << r.out;
  EXPECT_FALSE(HasEscape(r.out));
  EXPECT_EQ(r.out.find(" | "), std::string::npos) << "no code frame into a pipe:\n" << r.out;
}

TEST(Terminal, TerminalsGetColourAndACodeFrame) {
  ProcessOptions o;
  o.stdout_tty = true;
  ProcessResult r = Check(o);
  EXPECT_TRUE(HasEscape(r.out)) << r.out;
  // The finding's line, marked, with a caret under the logical id and a line of context.
  EXPECT_NE(r.out.find("12 | \033[0m  TrailLogGroup:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("^~~~~~~~~~~~~"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("11 | \033[0m            ExpirationInDays: 365"), std::string::npos);
}

TEST(Terminal, NoColorKeepsTheFrameButDropsColour) {
  ProcessOptions o;
  o.stdout_tty = true;
  o.env["NO_COLOR"] = "1";
  ProcessResult r = Check(o);
  EXPECT_FALSE(HasEscape(r.out)) << r.out;
  EXPECT_NE(r.out.find(" > 12 |   TrailLogGroup:"), std::string::npos) << r.out;
}

TEST(Terminal, ColorOptionOverridesDetection) {
  EXPECT_TRUE(HasEscape(Check({}, {"--color", "always"}).out));
  ProcessOptions o;
  o.stdout_tty = true;
  EXPECT_FALSE(HasEscape(Check(o, {"--color", "never"}).out));
}

TEST(Terminal, ProgressLineOnlyOnATerminalAndErasedAtTheEnd) {
  ProcessOptions tty;
  tty.stderr_tty = true;
  tty.env["IACLINT_PROGRESS_DELAY_MS"] = "0";
  ProcessResult r = Check(tty, {"--format", "gnu"});
  // Which stage is drawn first depends on thread timing: "looking for inputs", "reading
  // inputs 1/3", ...
  EXPECT_NE(r.err.find("\r\033[Kiaclint: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("..."), std::string::npos) << r.err;
  ASSERT_GE(r.err.size(), 4u);
  EXPECT_EQ(r.err.substr(r.err.size() - 4), "\r\033[K") << "the line is erased at the end";
  EXPECT_EQ(r.out.find("iaclint:"), std::string::npos) << "never on standard output";

  ProcessOptions pipe;
  pipe.env["IACLINT_PROGRESS_DELAY_MS"] = "0";
  EXPECT_EQ(Check(pipe, {"--format", "gnu"}).err, "");
  EXPECT_EQ(Check(tty, {"--format", "gnu", "--no-progress"}).err, "");
}

TEST(Terminal, FastRunsDrawNoProgress) {
  ProcessOptions tty;
  tty.stderr_tty = true;  // default delay: one second, far longer than this run
  EXPECT_EQ(Check(tty, {"--format", "gnu"}).err, "");
}

}  // namespace
}  // namespace iaclint
