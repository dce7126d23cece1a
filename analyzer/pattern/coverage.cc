#include "pattern/coverage.h"

#include <algorithm>

#include "pattern/pattern_eval.h"

namespace iaclint {

namespace {

constexpr size_t kListedMisses = 3;
constexpr size_t kListedFilters = 4;  // beyond this, "and N more"

bool MatchesSample(const CandidateFilter& filter, const SampleEvent& sample) {
  if (filter.match) return filter.match(sample);
  return filter.pattern && Matches(*filter.pattern, sample.event, sample.text);
}

const SampleEvent* FirstMatched(const CandidateFilter& filter,
                                const std::vector<SampleEvent>& samples) {
  for (const SampleEvent& s : samples) {
    if (MatchesSample(filter, s)) return &s;
  }
  return nullptr;
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += (i + 1 == parts.size()) ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

// "filter 'A'", "filters 'A' and 'B'", "filter 'A' and EventBridge rule 'R'": candidates
// grouped by noun in order of first appearance.
std::string NamedList(const std::vector<const CandidateFilter*>& used) {
  std::vector<std::string> nouns;
  for (const CandidateFilter* c : used) {
    if (std::find(nouns.begin(), nouns.end(), c->noun) == nouns.end()) nouns.push_back(c->noun);
  }
  std::vector<std::string> groups;
  for (const std::string& noun : nouns) {
    std::vector<std::string> ids;
    size_t total = 0;
    for (const CandidateFilter* c : used) {
      if (c->noun != noun) continue;
      if (++total <= kListedFilters) ids.push_back("'" + c->id + "'");
    }
    if (total > ids.size()) ids.push_back(std::to_string(total - ids.size()) + " more");
    groups.push_back(noun + (total > 1 ? "s " : " ") + Joined(ids));
  }
  std::string out;
  for (size_t i = 0; i < groups.size(); ++i) out += (i ? " and " : "") + groups[i];
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

// "filter", or "filter or EventBridge rule" when the candidates are of several kinds.
std::string Nouns(const std::vector<const CandidateFilter*>& candidates) {
  std::vector<std::string> nouns = {"filter"};  // metric filters are what the item asks for
  for (const CandidateFilter* c : candidates) {
    if (std::find(nouns.begin(), nouns.end(), c->noun) == nouns.end()) nouns.push_back(c->noun);
  }
  std::string out;
  for (size_t i = 0; i < nouns.size(); ++i) out += (i ? " or " : "") + nouns[i];
  return out;
}

// The filters that catch the most events first, each kept only if it adds one: a filter that
// happens to catch one sample (a root CreateAccessKey call for an access-key filter) is not
// named for the item it does not mean.
std::vector<const CandidateFilter*> GreedyCover(const std::vector<const CandidateFilter*>& used,
                                                const std::vector<std::vector<size_t>>& hits,
                                                size_t events) {
  std::vector<size_t> order(used.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return hits[a].size() > hits[b].size(); });
  std::vector<bool> caught(events, false);
  std::vector<const CandidateFilter*> out;
  for (size_t i : order) {
    bool adds = false;
    for (size_t e : hits[i]) {
      if (!caught[e]) adds = caught[e] = true;
    }
    if (adds) out.push_back(used[i]);
  }
  return out;
}

std::string Explain(const MonitoringItem& item, const CoverageResult& r,
                    const std::vector<const CandidateFilter*>& candidates,
                    const std::vector<const CandidateFilter*>& used) {
  std::string out;
  if (r.covered) {
    out = "covers " + item.title + " with " + NamedList(used);
  } else {
    out = "misses " + item.title + " because no " + (r.rejected.empty() ? "" : "usable ") +
          Nouns(candidates) + " matches " + MissList(r.missed_events);
  }
  // A filter that would alarm on too much does not matter once the item is covered.
  for (size_t i = 0; !r.covered && i < r.rejected.size(); ++i) {
    out += "; " + r.rejected[i].noun + " '" + r.rejected[i].filter_id + "' would also alarm on " +
           r.rejected[i].event_name;
  }
  return out;
}

CoverageMemo::Hits HitsOf(const MonitoringItem& item, const CandidateFilter& filter) {
  CoverageMemo::Hits out;
  for (size_t i = 0; i < item.must_match.size(); ++i) {
    if (MatchesSample(filter, item.must_match[i])) out.must_match.push_back(i);
  }
  // Unrelated to the item when it matches no must-match event: no need to look further.
  if (!out.must_match.empty()) out.wrong = FirstMatched(filter, item.must_not_match);
  return out;
}

}  // namespace

const CoverageMemo::Hits& CoverageMemo::Of(const MonitoringItem& item,
                                           const CandidateFilter& filter) {
  if (item_ != &item) {
    by_pattern_.clear();
    item_ = &item;
  }
  auto [it, fresh] = by_pattern_.try_emplace(filter.pattern.get());
  if (fresh) it->second = HitsOf(item, filter);
  return it->second;
}

CoverageMemo::Hits CoverageMemo::Match(const MonitoringItem& item, const CandidateFilter& filter) {
  return filter.match ? HitsOf(item, filter) : Of(item, filter);
}

CoverageResult EvaluateCoverage(const MonitoringItem& item,
                                const std::vector<CandidateFilter>& filters) {
  std::vector<const CandidateFilter*> pointers;
  pointers.reserve(filters.size());
  for (const CandidateFilter& f : filters) pointers.push_back(&f);
  return EvaluateCoverage(item, pointers);
}

CoverageResult EvaluateCoverage(const MonitoringItem& item,
                                const std::vector<const CandidateFilter*>& filters,
                                CoverageMemo* memo) {
  CoverageResult result;
  result.item_id = item.id;
  std::vector<bool> matched(item.must_match.size(), false);
  std::vector<const CandidateFilter*> used;
  std::vector<std::vector<size_t>> used_hits;
  for (const CandidateFilter* candidate : filters) {
    const CandidateFilter& filter = *candidate;
    CoverageMemo::Hits own;
    const CoverageMemo::Hits* h = &own;
    if (memo && !filter.match) {
      h = &memo->Of(item, filter);
    } else {
      own = HitsOf(item, filter);
    }
    const std::vector<size_t>& hits = h->must_match;
    if (hits.empty()) continue;  // unrelated to this item
    if (h->wrong) {
      result.rejected.push_back({filter.id, h->wrong->name, filter.noun});
      continue;
    }
    result.used_filters.push_back(filter.id);
    used.push_back(&filter);
    used_hits.push_back(hits);
    if (filter.pattern) {
      for (const std::string& note : filter.pattern->notes)
        result.notes.push_back("filter '" + filter.id + "' " + note);
    }
    for (size_t i : hits) matched[i] = true;
  }
  for (size_t i = 0; i < matched.size(); ++i) {
    if (!matched[i]) result.missed_events.push_back(item.must_match[i].name);
  }
  result.covered = result.missed_events.empty();
  std::vector<const CandidateFilter*> cover = used;
  if (result.covered) cover = GreedyCover(used, used_hits, item.must_match.size());
  for (const CandidateFilter* c : cover) result.cover.push_back(c->id);
  result.explanation = Explain(item, result, filters, cover);
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
