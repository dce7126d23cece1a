#include "base/progress.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

namespace iaclint {
namespace {

std::string Drain(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof(buf))) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

TEST(ProgressLine, ShowsTheStageAndCountThenErasesItself) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  {
    ProgressLine progress(true, std::chrono::milliseconds(0), fds[1]);
    progress.Stage("reading inputs", 3);
    progress.Tick();
    usleep(300'000);  // redrawn every 100 ms
    progress.Finish();
  }
  close(fds[1]);
  const std::string out = Drain(fds[0]);
  close(fds[0]);
  EXPECT_NE(out.find("\r\033[Kiaclint: reading inputs 1/3..."), std::string::npos) << out;
  EXPECT_EQ(out.substr(out.size() - 4), "\r\033[K");
}

TEST(ProgressLine, DisabledOrQuickRunsWriteNothing) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  {
    ProgressLine off(false, std::chrono::milliseconds(0), fds[1]);
    off.Stage("reading inputs", 3);
    ProgressLine quick(true, std::chrono::seconds(5), fds[1]);
    quick.Stage("reading inputs", 3);
  }  // both finish before anything is due
  close(fds[1]);
  EXPECT_EQ(Drain(fds[0]), "");
  close(fds[0]);
  EXPECT_FALSE(ProgressLine::WantedOn(fds[0]));  // not a terminal (and closed)
}

}  // namespace
}  // namespace iaclint
