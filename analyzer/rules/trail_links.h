// The filter -> trail link of the control 09 chain (monitoring_chain.h): is a metric filter on
// the log group a trail delivers to?
//
// Trails are indexed by log group, so that a plan of a thousand accounts (a trail and a dozen
// filters each) links each filter to the few trails that may share its log group instead of
// comparing it with every trail.
#ifndef IACLINT_RULES_TRAIL_LINKS_H_
#define IACLINT_RULES_TRAIL_LINKS_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "rules/monitoring_chain.h"

namespace iaclint {

class TrailLinker {
 public:
  /// `trails` must outlive the linker.
  explicit TrailLinker(const std::vector<TrailInfo>& trails);

  /// Is the filter on the log group of a trail (`healthy`: a logging, multi-region one)?
  Link OnTrail(const FilterInfo& f, bool healthy) const;

 private:
  /// Indexes (in order) of the delivering trails whose log group may be the filter's.
  std::vector<size_t> Candidates(const LogGroupRef& group) const;

  const std::vector<TrailInfo>& trails_;
  const TrailInfo* first_ = nullptr;  // the first trail that delivers to CloudWatch Logs
  std::vector<size_t> delivering_;    // every trail that delivers, with a log group not kNo
  std::vector<size_t> undecided_;     // ... whose log group or its name is unknown offline
  std::unordered_map<const Resource*, std::vector<size_t>> by_resource_;
  std::unordered_map<std::string, std::vector<size_t>> by_name_;
};

}  // namespace iaclint

#endif  // IACLINT_RULES_TRAIL_LINKS_H_
