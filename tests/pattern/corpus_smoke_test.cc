// Smoke test over the shared corpus: every metric-filter pattern found in CloudFormation
// (FilterPattern), Terraform (`pattern =` of aws_cloudwatch_log_metric_filter, plan JSON),
// LZA (`filterPattern:`) and YAML catalogs (`filter_pattern:`) parses and evaluates against
// every monitoring item without crashing. Parse failures are listed and must be the
// reviewed, genuinely invalid patterns below.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <set>

#include "corpus_scan.h"
#include "pattern/pattern_eval.h"
#include "pattern_test_util.h"

namespace iaclint {
namespace {

namespace fs = std::filesystem;

using testing::Found;
using testing::ScanCorpus;

// Reviewed by hand: each is genuinely invalid CloudWatch syntax, not a parser gap.
const std::set<std::string>& KnownInvalid() {
  static const std::set<std::string> known = {};
  return known;
}

TEST(CorpusSmoke, EveryPatternParsesOrIsAReviewedInvalidOne) {
  const fs::path root = fs::path(IACLINT_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (!fs::exists(root)) GTEST_SKIP() << "no corpus at " << root.string();
  const std::vector<Found> found = ScanCorpus(root);
  const auto& items = testing::ShippedItems();
  size_t failed = 0;
  size_t matches = 0;
  std::set<std::string> distinct;
  for (const Found& f : found) {
    distinct.insert(f.pattern);
    auto parsed = ParseFilterPattern(f.pattern);
    if (!parsed) {
      ++failed;
      std::cout << "  parse failure: " << f.file << "\n    pattern: " << f.pattern
                << "\n    error:   " << parsed.error().message << "\n";
      EXPECT_TRUE(KnownInvalid().count(f.pattern)) << f.file << ": " << parsed.error().message;
      continue;
    }
    for (const MonitoringItem& item : items) {
      for (const auto* list : {&item.must_match, &item.must_not_match}) {
        for (const SampleEvent& s : *list) matches += Matches(*parsed, s.event, s.text) ? 1 : 0;
      }
    }
  }
  std::cout << "corpus filter patterns: " << found.size() << " seen (" << distinct.size()
            << " distinct), " << failed << " failed to parse, " << matches
            << " sample-event matches\n";
  EXPECT_GT(found.size(), 50u);
}

}  // namespace
}  // namespace iaclint
