// The walk reports each file under the path DisplayPath gives it, though it builds that path
// from its directory's instead of asking the file system per file.
#include "input/walk.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/text.h"

namespace iaclint {
namespace {

namespace fs = std::filesystem;

// A tree with nested directories and names that need escaping when reported.
fs::path MakeTree(const fs::path& root) {
  fs::remove_all(root);
  for (const std::string name : {"a.yaml", "b dir/c.yaml", "b dir/d/e.json", "line\nbreak.yaml",
                                 "bad\377byte/f.yaml", "z.template"}) {
    fs::create_directories((root / name).parent_path());
    std::ofstream(root / name) << "x: 1\n";
  }
  return root;
}

void ExpectDisplayedLikeDisplayPath(const std::string& arg, size_t files) {
  auto walked = WalkPaths({arg}, WalkOptions{});
  ASSERT_TRUE(walked.ok()) << walked.error().message;
  EXPECT_EQ(walked->files.size(), files) << arg;
  for (const WalkEntry& e : walked->files) {
    EXPECT_EQ(e.path, DisplayPath(e.disk_path)) << arg;
    EXPECT_EQ(e.path, PrintableText(e.path)) << "reported paths are printable";
  }
}

TEST(Walk, ReportsPathsAsDisplayPathDoesInsideAndOutsideTheWorkingDirectory) {
  const fs::path cwd = fs::current_path();
  const fs::path outside =
      MakeTree(fs::temp_directory_path() / ("iaclint-walk-" + std::to_string(getpid())));
  ASSERT_NE(outside.string().rfind(cwd.string() + "/", 0), 0u) << "must lie outside " << cwd;
  const fs::path inside = MakeTree(fs::path(IACLINT_TEST_TMPDIR) / "walk-inside");
  ExpectDisplayedLikeDisplayPath(outside.string(), 6);
  ExpectDisplayedLikeDisplayPath(outside.string() + "/", 6);
  ExpectDisplayedLikeDisplayPath(outside.string() + "/b dir/../b dir", 2);
  ExpectDisplayedLikeDisplayPath(inside.string(), 6);
  ExpectDisplayedLikeDisplayPath(fs::relative(inside, cwd).string(), 6);
  ExpectDisplayedLikeDisplayPath("./" + fs::relative(inside, cwd).string() + "/./b dir", 2);
  fs::remove_all(outside);
  fs::remove_all(inside);
}

TEST(Walk, ListsFilesInPathOrder) {
  const fs::path root = MakeTree(fs::path(IACLINT_TEST_TMPDIR) / "walk-order");
  auto walked = WalkPaths({root.string()}, WalkOptions{});
  ASSERT_TRUE(walked.ok());
  for (size_t i = 1; i < walked->files.size(); ++i) {
    EXPECT_LT(walked->files[i - 1].path, walked->files[i].path);
  }
  fs::remove_all(root);
}

}  // namespace
}  // namespace iaclint
