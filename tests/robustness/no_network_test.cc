// iaclint opens no network connection: run in a network namespace with no interfaces (no
// route anywhere), it produces the same bytes as a normal run; and traced, it makes no
// socket call at all. Each check is skipped, saying why, where the sandbox forbids it.
#include <gtest/gtest.h>

#include "run_binary.h"

namespace iaclint::robustness {
namespace {

std::vector<std::string> ExampleArgs(const char* format) {
  return {"check", std::string(IACLINT_SOURCE_DIR) + "/fixtures/example", "--format", format};
}

bool Available(const std::vector<std::string>& wrapper) {
  RunOptions options;
  options.wrapper = wrapper;
  const RunResult r = RunCommand({"true"}, options);
  return r.exit_code == 0;
}

TEST(NoNetwork, SameOutputWithoutANetwork) {
  // Unprivileged first (user + network namespace), then as root.
  std::vector<std::string> wrapper;
  for (const std::vector<std::string>& w :
       {std::vector<std::string>{"unshare", "-rn"}, std::vector<std::string>{"unshare", "-n"}}) {
    if (Available(w)) {
      wrapper = w;
      break;
    }
  }
  if (wrapper.empty()) GTEST_SKIP() << "neither 'unshare -rn' nor 'unshare -n' is permitted here";
  for (const char* format : {"json", "sarif", "text"}) {
    const RunResult normal = RunIaclint(ExampleArgs(format));
    RunOptions isolated;
    isolated.wrapper = wrapper;
    const RunResult offline = RunIaclint(ExampleArgs(format), isolated);
    ASSERT_TRUE(normal.exit_code == 0 || normal.exit_code == 1) << normal.Describe();
    EXPECT_EQ(offline.exit_code, normal.exit_code) << offline.Describe();
    EXPECT_EQ(offline.out, normal.out) << format;
    EXPECT_EQ(offline.err, normal.err) << format;
    EXPECT_FALSE(normal.out.empty());
  }
}

TEST(NoNetwork, NoSocketIsEverCreated) {
  if (!Available({"strace", "-o", "/dev/null", "true"}))
    GTEST_SKIP() << "strace is not usable here";
  TempDir dir;
  const std::string log = dir / "trace";
  RunOptions traced;
  traced.wrapper = {"strace", "-f", "-qq", "-e", "trace=%network", "-o", log};
  traced.timeout_seconds *= 4;
  // LeakSanitizer stops the world with ptrace, which a traced process cannot do.
  traced.env = {{"ASAN_OPTIONS", "detect_leaks=0"}};
  const RunResult r = RunIaclint(ExampleArgs("sarif"), traced);
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.Describe();
  const std::string calls = ReadWhole(log);
  EXPECT_EQ(calls, "") << "network system calls:\n" << calls.substr(0, 2000);
}

}  // namespace
}  // namespace iaclint::robustness
