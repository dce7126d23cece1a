// Shared by the pattern tests: the shipped monitoring items and a one-call coverage check.
#ifndef IACLINT_TESTS_PATTERN_PATTERN_TEST_UTIL_H_
#define IACLINT_TESTS_PATTERN_PATTERN_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "pattern/coverage.h"
#include "pattern/filter_pattern.h"
#include "pattern/monitoring_item.h"

namespace iaclint::testing {

/// rulesets/events/*.yaml, loaded once; the test fails loudly when they do not load.
inline const std::vector<MonitoringItem>& ShippedItems() {
  static const std::vector<MonitoringItem> items = [] {
    auto loaded = LoadMonitoringItems(IACLINT_SOURCE_DIR "/rulesets/events");
    if (!loaded) {
      ADD_FAILURE() << loaded.error().message;
      return std::vector<MonitoringItem>{};
    }
    return *loaded;
  }();
  return items;
}

inline const MonitoringItem& Item(std::string_view id) {
  for (const MonitoringItem& item : ShippedItems()) {
    if (item.id == id) return item;
  }
  static const MonitoringItem kMissing;
  ADD_FAILURE() << "no monitoring item " << id;
  return kMissing;
}

/// Coverage of one item by the given patterns (ids F1, F2, ...). A pattern that does not
/// parse fails the test.
inline CoverageResult Coverage(std::string_view id, const std::vector<std::string>& patterns) {
  std::vector<CandidateFilter> filters;
  for (size_t i = 0; i < patterns.size(); ++i) {
    auto parsed = ParseFilterPattern(patterns[i]);
    EXPECT_TRUE(parsed.ok()) << patterns[i] << "\n" << (parsed.ok() ? "" : parsed.error().message);
    if (parsed.ok())
      filters.push_back(
          {"F" + std::to_string(i + 1), std::make_shared<FilterPattern>(std::move(*parsed))});
  }
  return EvaluateCoverage(Item(id), filters);
}

inline CoverageResult Coverage(std::string_view id, const std::string& pattern) {
  return Coverage(id, std::vector<std::string>{pattern});
}

/// `{ ($.eventName = A) || ($.eventName = B) ... }` from a list of names.
inline std::string EventNamePattern(const std::vector<std::string>& names) {
  std::string out = "{ ";
  for (size_t i = 0; i < names.size(); ++i) {
    out += (i ? " || " : "") + std::string("($.eventName = ") + names[i] + ")";
  }
  return out + " }";
}

}  // namespace iaclint::testing

#endif  // IACLINT_TESTS_PATTERN_PATTERN_TEST_UTIL_H_
