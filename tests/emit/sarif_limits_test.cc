// GitHub rejects a SARIF upload with more than 25 000 results in a run or over 10 MB after
// gzip. iaclint keeps the most severe results and says what it left out.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/pipeline.h"
#include "emit/emitter.h"

namespace iaclint {
namespace {

class SarifLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CheckOptions o;
    o.paths = {std::string(IACLINT_SOURCE_DIR) + "/fixtures/cli/every-gap"};
    o.progress = false;
    auto run = RunCheck(o);
    ASSERT_TRUE(run.ok()) << run.error().message;
    run_ = std::move(*run);
  }

  EmitContext Context() const {
    return EmitContext{run_->report, run_->model, run_->rules,  run_->active,
                       false,        false,       &run_->engine};
  }

  static std::vector<std::string> Levels(const std::string& text) {
    std::vector<std::string> out;
    const nlohmann::json doc = nlohmann::json::parse(text);
    for (const auto& r : doc["runs"][0]["results"]) out.push_back(r["level"]);
    return out;
  }

  std::unique_ptr<CheckRun> run_;
};

TEST_F(SarifLimitsTest, EverythingFitsByDefault) {
  SarifOutput out = RenderSarif(Context(), SarifLimits{});
  EXPECT_EQ(out.dropped, 0u);
  EXPECT_EQ(out.message, "");
  EXPECT_EQ(out.results, run_->report.findings.size());
}

TEST_F(SarifLimitsTest, TooManyResultsKeepsTheErrors) {
  SarifOutput out = RenderSarif(Context(), SarifLimits{3, 10'000'000});
  EXPECT_EQ(Levels(out.text), (std::vector<std::string>{"error", "error", "error"}));
  EXPECT_EQ(out.dropped, run_->report.findings.size() - 3);
  EXPECT_NE(out.message.find("holds 3 of " + std::to_string(run_->report.findings.size())),
            std::string::npos)
      << out.message;
  EXPECT_NE(out.message.find("more than 3 results per run"), std::string::npos) << out.message;
}

TEST_F(SarifLimitsTest, TooLargeAfterGzipShrinksUntilItFits) {
  const SarifOutput full = RenderSarif(Context(), SarifLimits{});
  const size_t full_gzip = GzipSize(full.text);
  const SarifOutput empty = RenderSarif(Context(), SarifLimits{0, 10'000'000});
  const size_t limit = (full_gzip + GzipSize(empty.text)) / 2;
  SarifOutput out = RenderSarif(Context(), SarifLimits{25000, limit});
  EXPECT_GT(out.dropped, 0u);
  EXPECT_GT(out.results, 0u);
  EXPECT_LE(GzipSize(out.text), limit);
  EXPECT_NE(out.message.find("bytes after gzip"), std::string::npos) << out.message;
  // What is kept is never less severe than what was left out.
  const std::vector<std::string> kept = Levels(out.text);
  EXPECT_EQ(std::count(kept.begin(), kept.end(), "error"), 3);
}

TEST(GzipSize, MatchesCompressibility) {
  const size_t repetitive = GzipSize(std::string(100000, 'a'));
  EXPECT_GT(repetitive, 18u);  // the gzip header and trailer alone
  EXPECT_LT(repetitive, 1000u);
  std::string noise;
  uint32_t x = 1;
  for (int i = 0; i < 100000; ++i) noise += static_cast<char>((x = x * 1103515245 + 12345) >> 24);
  EXPECT_GT(GzipSize(noise), 99000u);
}

}  // namespace
}  // namespace iaclint
