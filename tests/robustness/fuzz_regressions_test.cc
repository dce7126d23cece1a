// Replays, in every build (the sanitizer build included), each input a fuzz target ever
// crashed on (fixtures/fuzz/<target>/), and runs every target over the repository's fixtures,
// so that the fuzz targets themselves stay correct without clang.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "fuzz/targets.h"

namespace iaclint::fuzz {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<fs::path> FilesUnder(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file()) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FuzzRegressions, EveryRecordedCrashInputNowRunsCleanly) {
  const fs::path base = fs::path(IACLINT_SOURCE_DIR) / "fixtures" / "fuzz";
  size_t replayed = 0;
  for (const fs::path& dir : {base}) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const Target* target = FindTarget(entry.path().filename().string());
      ASSERT_NE(target, nullptr) << "fixtures/fuzz/" << entry.path().filename()
                                 << " names no fuzz target";
      for (const fs::path& input : FilesUnder(entry.path())) {
        SCOPED_TRACE(input.string());
        target->run(Slurp(input));
        ++replayed;
      }
    }
  }
  EXPECT_GT(replayed, 0u) << "no regression input found under " << base;
}

TEST(FuzzRegressions, EveryTargetRunsOverTheFixtures) {
  const std::vector<fs::path> files = FilesUnder(fs::path(IACLINT_SOURCE_DIR) / "fixtures");
  ASSERT_FALSE(files.empty());
  for (const Target& t : Targets()) {
    for (const fs::path& f : files) {
      if (f.string().find("/fuzz/") != std::string::npos) continue;
      SCOPED_TRACE(std::string(t.name) + " " + f.string());
      t.run(Slurp(f));
    }
  }
}

}  // namespace
}  // namespace iaclint::fuzz
