#include "pattern/coverage.h"

#include "pattern/pattern_eval.h"

namespace iaclint {

namespace {

constexpr size_t kListedMisses = 3;

bool MatchesSample(const CandidateFilter& filter, const SampleEvent& sample) {
  return Matches(filter.pattern, sample.event, sample.text);
}

const SampleEvent* FirstMatched(const CandidateFilter& filter,
                                const std::vector<SampleEvent>& samples) {
  for (const SampleEvent& s : samples) {
    if (MatchesSample(filter, s)) return &s;
  }
  return nullptr;
}

std::string QuotedList(const std::vector<std::string>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += (i + 1 == ids.size()) ? " and " : ", ";
    out += "'" + ids[i] + "'";
  }
  return out;
}

std::string MissList(const std::vector<std::string>& missed) {
  std::string out;
  const size_t shown = std::min(missed.size(), kListedMisses);
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) out += (i + 1 == shown && missed.size() == shown) ? " or " : ", ";
    out += missed[i];
  }
  if (missed.size() > shown) {
    out += " or " + std::to_string(missed.size() - shown) + " more event" +
           (missed.size() - shown == 1 ? "" : "s");
  }
  return out;
}

std::string Explain(const MonitoringItem& item, const CoverageResult& r) {
  std::string out;
  if (r.covered) {
    out = "covers " + item.title + " with filter" + (r.used_filters.size() > 1 ? "s " : " ") +
          QuotedList(r.used_filters);
  } else {
    out = "misses " + item.title + " because no " + (r.rejected.empty() ? "" : "usable ") +
          "filter matches " + MissList(r.missed_events);
  }
  for (const RejectedFilter& rejected : r.rejected) {
    out += "; filter '" + rejected.filter_id + "' would also alarm on " + rejected.event_name;
  }
  return out;
}

}  // namespace

CoverageResult EvaluateCoverage(const MonitoringItem& item,
                                const std::vector<CandidateFilter>& filters) {
  CoverageResult result;
  result.item_id = item.id;
  std::vector<bool> matched(item.must_match.size(), false);
  for (const CandidateFilter& filter : filters) {
    std::vector<size_t> hits;
    for (size_t i = 0; i < item.must_match.size(); ++i) {
      if (MatchesSample(filter, item.must_match[i])) hits.push_back(i);
    }
    if (hits.empty()) continue;  // unrelated to this item
    if (const SampleEvent* wrong = FirstMatched(filter, item.must_not_match)) {
      result.rejected.push_back({filter.id, wrong->name});
      continue;
    }
    result.used_filters.push_back(filter.id);
    for (const std::string& note : filter.pattern.notes) {
      result.notes.push_back("filter '" + filter.id + "' " + note);
    }
    for (size_t i : hits) matched[i] = true;
  }
  for (size_t i = 0; i < matched.size(); ++i) {
    if (!matched[i]) result.missed_events.push_back(item.must_match[i].name);
  }
  result.covered = result.missed_events.empty();
  result.explanation = Explain(item, result);
  return result;
}

std::vector<CoverageResult> EvaluateAllCoverage(const std::vector<MonitoringItem>& items,
                                                const std::vector<CandidateFilter>& filters) {
  std::vector<CoverageResult> out;
  out.reserve(items.size());
  for (const MonitoringItem& item : items) out.push_back(EvaluateCoverage(item, filters));
  return out;
}

}  // namespace iaclint
