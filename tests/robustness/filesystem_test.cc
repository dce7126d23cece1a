// Hostile directory trees: symlink loops, unreadable files and directories, FIFOs and device
// files. The walk never loops, never blocks, and never opens anything but regular files.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <map>

#include "run_binary.h"

namespace iaclint::robustness {
namespace {

constexpr const char* kTemplate =
    "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n";

RunResult Check(const TempDir& dir, std::vector<std::string> args, bool drop = false) {
  RunOptions options;
  options.cwd = dir.path();
  options.drop_privileges = drop;
  args.insert(args.begin(), "check");
  args.insert(args.end(), {"--format", "json"});
  return RunIaclint(args, options);
}

void ExpectAnalysed(const RunResult& r, size_t files) {
  ASSERT_FALSE(r.timed_out) << r.Describe();
  ASSERT_EQ(r.signal, 0) << r.Describe();
  ASSERT_EQ(r.exit_code, 1) << r.Describe();
  auto doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.out;
  EXPECT_EQ(doc["files"].size(), files) << r.out;
}

TEST(HostileTree, SymlinkLoopsEnd) {
  TempDir dir;
  dir.Write("t.yaml", kTemplate);
  mkdir((dir / "a").c_str(), 0755);
  ASSERT_EQ(symlink("..", (dir / "a/up").c_str()), 0);    // a/up -> the root
  ASSERT_EQ(symlink("self", (dir / "self").c_str()), 0);  // a link to itself
  ASSERT_EQ(symlink("b", (dir / "c").c_str()), 0);        // c -> b -> c
  ASSERT_EQ(symlink("c", (dir / "b").c_str()), 0);
  ASSERT_EQ(symlink("a", (dir / "a2").c_str()), 0);  // a second name for a directory
  ExpectAnalysed(Check(dir, {"."}), 1);
}

TEST(HostileTree, FifosAndDevicesAreNeverOpened) {
  TempDir dir;
  dir.Write("t.yaml", kTemplate);
  // Opening a FIFO without a writer blocks: a walk that opened it would time out.
  ASSERT_EQ(mkfifo((dir / "pipe.yaml").c_str(), 0644), 0);
  ASSERT_EQ(mkfifo((dir / "pipe.json").c_str(), 0644), 0);
  // An endless device (/dev/zero's numbers) where the sandbox allows making one.
  const bool device = mknod((dir / "zero.json").c_str(), S_IFCHR | 0644, makedev(1, 5)) == 0;
  RunResult walked = Check(dir, {"."});
  ExpectAnalysed(walked, 1);
  // Each is said to be skipped (IAC0002), not left out silently.
  for (const char* name : {"pipe.yaml", "pipe.json"}) {
    EXPECT_NE(walked.out.find(std::string(name) + "\""), std::string::npos) << walked.out;
  }
  EXPECT_NE(walked.out.find("skipped: a FIFO, not a regular file: never opened"), std::string::npos)
      << walked.out;
  if (device) {
    EXPECT_NE(walked.out.find("skipped: a character device, not a regular file"), std::string::npos)
        << walked.out;
  }

  // Named explicitly: refused as not a regular file, still without opening it.
  RunResult r = Check(dir, {"pipe.yaml"});
  EXPECT_FALSE(r.timed_out) << r.Describe();
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
  if (device) {
    r = Check(dir, {"zero.json"});
    EXPECT_EQ(r.exit_code, 2) << r.Describe();
  }
  r = Check(dir, {"/dev/zero"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  // Nor as the configuration, a baseline or a rule directory.
  for (std::vector<std::string> args : {std::vector<std::string>{".", "--config", "pipe.yaml"},
                                        std::vector<std::string>{".", "--baseline", "pipe.json"},
                                        std::vector<std::string>{".", "--config", "/dev/zero"}}) {
    r = Check(dir, args);
    EXPECT_FALSE(r.timed_out) << args[2];
    EXPECT_EQ(r.signal, 0) << args[2];
    EXPECT_EQ(r.exit_code, 2) << args[2] << "\n" << r.Describe();
  }
}

TEST(HostileTree, UnreadableFilesAndDirectoriesAreReported) {
  TempDir dir;
  dir.Write("t.yaml", kTemplate);
  dir.Write("locked.yaml", kTemplate);
  dir.Write("closed/inner.yaml", kTemplate);
  chmod((dir / "locked.yaml").c_str(), 0);
  chmod((dir / "closed").c_str(), 0);
  // Root reads anything; run as nobody so that the permissions apply.
  const RunResult r = Check(dir, {"."}, /*drop=*/true);
  // 122: setuid failed; 123: nobody cannot run the binary (a checkout under a 0700 directory).
  if (geteuid() == 0 && (r.exit_code == 122 || r.exit_code == 123))
    GTEST_SKIP() << "cannot run iaclint as user nobody (exit " << r.exit_code << ")";
  ASSERT_FALSE(r.timed_out) << r.Describe();
  ASSERT_EQ(r.signal, 0) << r.Describe();
  ASSERT_EQ(r.exit_code, 1) << r.Describe();
  std::map<std::string, std::string> notes;  // file -> message
  for (const auto& f : Findings(r)) {
    if (f.value("rule_id", "") == "IAC0002") notes[f.value("file", "")] = f.value("message", "");
  }
  EXPECT_NE(notes["locked.yaml"].find("cannot read"), std::string::npos) << r.Describe();
  EXPECT_NE(notes["closed"].find("cannot read the directory"), std::string::npos) << r.Describe();
  ExpectAnalysed(r, 1);  // t.yaml still analysed
}

TEST(HostileTree, ManyFilesAndDeepDirectories) {
  TempDir dir;
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "d/";
  dir.Write(deep + "t.yaml", kTemplate);
  for (int i = 0; i < 2000; ++i) dir.Write("many/f" + std::to_string(i) + ".json", "{}");
  ExpectAnalysed(Check(dir, {"."}), 1);
}

}  // namespace
}  // namespace iaclint::robustness
