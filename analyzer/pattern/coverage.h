// Does a set of declared metric filters cover a monitoring item?
//
// A filter is *usable* for an item when it matches none of the item's must-not-match events
// (it would otherwise alarm on what the item deliberately leaves out, e.g. AWS services
// acting for root). The item is covered when the usable filters together match every
// must-match event: several filters may share one item, and one filter may serve several
// items. This is event-set semantics, so reordered, re-parenthesised, requoted and superset
// patterns pass, while `&&` for `||`, a narrowing extra term or an inverted operator fail.
#ifndef IACLINT_PATTERN_COVERAGE_H_
#define IACLINT_PATTERN_COVERAGE_H_

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "pattern/filter_pattern.h"
#include "pattern/monitoring_item.h"

namespace iaclint {

struct CandidateFilter {
  std::string id;  ///< how messages name it (a resource id, a metric name, ...)
  /// Shared: a plan declares the same pattern once per account, and each item's candidates
  /// list every filter.
  std::shared_ptr<const FilterPattern> pattern;
  /// What messages call it: "filter" (a metric filter), "EventBridge rule", ...
  std::string noun = "filter";
  /// When set, decides whether the candidate matches a sample instead of `pattern` (an
  /// EventBridge rule matches the record as EventBridge delivers it, not as CloudWatch Logs
  /// stores it).
  std::function<bool(const SampleEvent&)> match;
};

struct RejectedFilter {
  std::string filter_id;
  /// The first must-not-match event (in file order) that the filter matches.
  std::string event_name;
  std::string noun = "filter";  ///< CandidateFilter::noun
};

struct CoverageResult {
  std::string item_id;
  bool covered = false;
  /// Usable filters that match at least one must-match event, in input order.
  std::vector<std::string> used_filters;
  /// When covered: the filters the explanation names, a greedy smallest set of used_filters
  /// that together match every must-match event (those catching the most first).
  std::vector<std::string> cover;
  /// Names of the must-match events that no usable filter matches, in file order.
  std::vector<std::string> missed_events;
  /// Filters that match a must-match event but also a must-not-match one. Filters that
  /// match no must-match event are unrelated to the item and are not listed.
  std::vector<RejectedFilter> rejected;
  /// Readability notes of the used filters, "filter 'F1' mixes && and || ...": the CIS
  /// route-table audit text covers its item, but not for the reason its author thought.
  std::vector<std::string> notes;
  /// One line, e.g. "covers root user activity with filter 'Root'".
  std::string explanation;
};

/// What filter patterns match among one item's samples, remembered by pattern object: filters
/// that share one (one per account in a plan of many accounts) are matched once.
class CoverageMemo {
 public:
  struct Hits {
    std::vector<size_t> must_match;      ///< indexes of the must-match samples it matches
    const SampleEvent* wrong = nullptr;  ///< the first must-not-match sample it matches
  };
  /// The hits of a candidate without a `match` function.
  const Hits& Of(const MonitoringItem& item, const CandidateFilter& filter);
  /// The hits of any candidate (those with a `match` function are not remembered).
  Hits Match(const MonitoringItem& item, const CandidateFilter& filter);

 private:
  const MonitoringItem* item_ = nullptr;
  std::unordered_map<const FilterPattern*, Hits> by_pattern_;
};

CoverageResult EvaluateCoverage(const MonitoringItem& item,
                                const std::vector<CandidateFilter>& filters);
/// The same, for candidates held elsewhere; `memo`, when given, is kept across calls for the
/// same item.
CoverageResult EvaluateCoverage(const MonitoringItem& item,
                                const std::vector<const CandidateFilter*>& filters,
                                CoverageMemo* memo = nullptr);

/// EvaluateCoverage for every item, in item order.
std::vector<CoverageResult> EvaluateAllCoverage(const std::vector<MonitoringItem>& items,
                                                const std::vector<CandidateFilter>& filters);

}  // namespace iaclint

#endif  // IACLINT_PATTERN_COVERAGE_H_
