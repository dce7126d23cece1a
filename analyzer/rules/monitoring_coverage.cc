#include "rules/monitoring_coverage.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "pattern/coverage.h"
#include "rules/event_pattern.h"
#include "rules/monitoring_links.h"

namespace iaclint {

namespace {

const char* DetailType(const std::string& event_type) {
  if (event_type == "AwsConsoleSignIn") return "AWS Console Sign In via CloudTrail";
  if (event_type == "AwsServiceEvent") return "AWS Service Event via CloudTrail";
  if (event_type == "AwsConsoleAction") return "AWS Console Action via CloudTrail";
  return "AWS API Call via CloudTrail";
}

std::string Field(const Value& record, std::string_view key) {
  const Value* v = record.Find(key);
  return v ? v->AsText().value_or("") : "";
}

// A declared filter or EventBridge rule, as coverage sees it.
struct Candidate {
  CandidateFilter filter;
  const Resource* resource = nullptr;
  Link chain;
  Link pattern;  ///< kUnknown when what it matches cannot be known offline
  std::string via;
  Location pattern_at;  ///< its FilterPattern / EventPattern
};

Location PatternAt(const Resource& r, std::string_view key) {
  const Value* v = r.properties.Find(key);
  return v && v->loc().known() ? v->loc() : r.loc;
}

using Outcomes = std::map<const SampleEvent*, EventMatch>;

// What an EventBridge pattern does with each sample of the item (kUnknown for values known
// only at deployment).
Outcomes MatchSamples(const Value& pattern, const std::map<const SampleEvent*, Value>& envelopes) {
  Outcomes out;
  for (const auto& [sample, envelope] : envelopes)
    out[sample] = MatchEventPattern(pattern, envelope);
  return out;
}

}  // namespace

// The declared metric filters as candidates: the same for every item.
struct FilterCandidates {
  std::vector<Candidate> list;
  std::unordered_map<std::string, const Candidate*> by_id;  // the first candidate of an id
};

namespace {

std::vector<Candidate> FilterCandidateList(const MonitoringChain& chain) {
  std::vector<Candidate> out;
  for (const FilterInfo& f : chain.filters) {
    using State = FilterInfo::PatternState;
    if (f.pattern_state == State::kInvalid || f.pattern_state == State::kAbsent) continue;
    Candidate c;
    c.filter.id = f.filter->id;
    c.filter.pattern = f.pattern;
    c.resource = f.filter;
    c.chain = f.chain;
    c.pattern = f.pattern_state == State::kUnknown ? f.pattern_link : Link::Yes();
    c.via = f.via;
    c.pattern_at = PatternAt(*f.filter, "FilterPattern");
    out.push_back(std::move(c));
  }
  return out;
}

// The EventBridge rules as candidates of one item (they match its samples as EventBridge
// delivers them).
std::vector<Candidate> RuleCandidates(const MonitoringItem& item, const MonitoringChain& chain) {
  std::vector<Candidate> out;
  if (chain.rules.empty()) return out;
  std::map<const SampleEvent*, Value> envelopes;
  for (const auto* list : {&item.must_match, &item.must_not_match}) {
    for (const SampleEvent& s : *list) envelopes.emplace(&s, EventBridgeEnvelope(s.event));
  }
  for (const EventRuleInfo& e : chain.rules) {
    if (!e.pattern || e.pattern->IsNull()) continue;  // a scheduled rule
    Candidate c;
    c.filter.id = e.rule->id;
    c.filter.noun = "EventBridge rule";
    c.resource = e.rule;
    c.chain = e.chain;
    c.via = e.via;
    c.pattern_at = PatternAt(*e.rule, "EventPattern");
    auto outcomes = std::make_shared<Outcomes>(MatchSamples(*e.pattern, envelopes));
    for (const auto& [sample, m] : *outcomes) {
      if (m == EventMatch::kUnknown && c.pattern.state == Tri::kYes) {
        c.pattern = Link::Unknown("the EventPattern of EventBridge rule " + Quoted(e.rule->id) +
                                      " holds values known only at deployment",
                                  "deploy-time", e.pattern->loc());
      }
    }
    c.filter.match = [outcomes](const SampleEvent& s) {
      auto it = outcomes->find(&s);
      return it != outcomes->end() && it->second == EventMatch::kYes;
    };
    out.push_back(std::move(c));
  }
  return out;
}

// The candidates of one item (the filters, then the EventBridge rules), indexed by id, with
// the pattern matches made so far.
struct Pool {
  std::shared_ptr<const FilterCandidates> filters;
  std::vector<Candidate> rules;
  std::vector<const Candidate*> all;
  std::unordered_map<std::string, const Candidate*> rule_ids;
  mutable CoverageMemo memo;

  Pool(const Pool&) = delete;  // all points into rules
  Pool(std::shared_ptr<const FilterCandidates> f, std::vector<Candidate> r)
      : filters(std::move(f)), rules(std::move(r)) {
    all.reserve(filters->list.size() + rules.size());
    for (const Candidate& c : filters->list) all.push_back(&c);
    for (const Candidate& c : rules) {
      all.push_back(&c);
      rule_ids.emplace(c.filter.id, &c);
    }
  }
  const Candidate* Named(const std::string& id) const {
    if (auto it = filters->by_id.find(id); it != filters->by_id.end()) return it->second;
    auto it = rule_ids.find(id);
    return it == rule_ids.end() ? nullptr : it->second;
  }
  CoverageResult Cover(const MonitoringItem& item,
                       const std::vector<const CandidateFilter*>& filters) const {
    return EvaluateCoverage(item, filters, &memo);
  }
};

template <typename Keep>
std::vector<const CandidateFilter*> Select(const std::vector<const Candidate*>& all, Keep keep) {
  std::vector<const CandidateFilter*> out;
  for (const Candidate* c : all) {
    if (c->pattern.state == Tri::kYes && keep(*c)) out.push_back(&c->filter);
  }
  return out;
}

// "filter 'Root' matches root user activity but no alarm watches metric CIS/Root".
std::string BrokenClause(const MonitoringItem& item, const Pool& pool, const Candidate& c) {
  const bool alone = pool.Cover(item, {&c.filter}).covered;
  return c.filter.noun + " " + Quoted(c.filter.id) + (alone ? " matches " : " matches part of ") +
         item.title + " but " + c.chain.reason;
}

// The used candidates' chains: "alarm 'A' notifies topic 'T' with 1 subscription".
std::string Vias(const Pool& pool, const std::vector<std::string>& used) {
  std::vector<std::string> vias;
  constexpr size_t kShown = 3;  // the explanation stays one readable line
  for (const std::string& id : used) {
    if (vias.size() == kShown) break;
    const Candidate* c = pool.Named(id);
    if (!c || c->via.empty()) continue;
    const std::string text = used.size() > 1 ? Quoted(id) + ": " + c->via : c->via;
    if (std::find(vias.begin(), vias.end(), text) == vias.end()) vias.push_back(text);
  }
  std::string out;
  for (const std::string& v : vias) out += "; " + v;
  return out;
}

ItemDecision Pass(const Pool& pool, const CoverageResult& cov) {
  ItemDecision d;
  d.verdict = Verdict::kPass;
  d.reason = cov.explanation + Vias(pool, cov.cover);
  for (const std::string& id : cov.cover) {
    if (const Candidate* c = pool.Named(id)) d.witnesses.push_back(c->resource);
  }
  return d;
}

ItemDecision Undecided(const Candidate& c, std::string reason, const Link& link) {
  ItemDecision d;
  d.verdict = Verdict::kUnknown;
  d.reason = std::move(reason);
  d.category = link.category.empty() ? "unknown" : link.category;
  d.resource = c.resource;
  d.where = link.where.known() ? link.where : c.resource->loc;
  return d;
}

// UNKNOWN when what cannot be known offline could still cover the item.
std::optional<ItemDecision> Unknown(const MonitoringItem& item, const Pool& pool) {
  auto maybe = Select(pool.all, [](const Candidate& c) { return c.chain.state != Tri::kNo; });
  const CoverageResult cov = pool.Cover(item, maybe);
  if (cov.covered) {
    for (const std::string& id : cov.used_filters) {
      const Candidate* c = pool.Named(id);
      if (c && c->chain.state == Tri::kUnknown) {
        return Undecided(*c, BrokenClause(item, pool, *c), c->chain);
      }
    }
  }
  for (const Candidate* candidate : pool.all) {
    const Candidate& c = *candidate;
    if (c.pattern.state == Tri::kUnknown && c.chain.state != Tri::kNo) {
      return Undecided(c,
                       c.filter.noun + " " + Quoted(c.filter.id) + " might monitor " + item.title +
                           ", but " + c.pattern.reason,
                       c.pattern);
    }
  }
  return std::nullopt;
}

// The broken candidates worth naming: each adds must-match events that the complete chains and
// the ones named before it do not catch; those that catch the most come first.
// Which must-match events a candidate catches (all false when it would alarm on a must-not
// event, as coverage then ignores it).
std::vector<bool> Hits(const MonitoringItem& item, const Pool& pool, const Candidate& c) {
  const CoverageMemo::Hits found = pool.memo.Match(item, c.filter);
  std::vector<bool> hits(item.must_match.size(), false);
  if (found.must_match.empty() || found.wrong) return hits;
  // By name, as coverage reports misses: a sample missed marks every sample of its name.
  std::vector<bool> matched(hits.size(), false);
  for (size_t i : found.must_match) matched[i] = true;
  std::set<std::string_view> missed;
  for (size_t i = 0; i < hits.size(); ++i) {
    if (!matched[i]) missed.insert(item.must_match[i].name);
  }
  for (size_t i = 0; i < hits.size(); ++i) hits[i] = !missed.count(item.must_match[i].name);
  return hits;
}

std::vector<const Candidate*> BrokenToName(const MonitoringItem& item, const Pool& pool) {
  std::vector<bool> caught(item.must_match.size(), false);
  std::vector<std::pair<std::vector<bool>, const Candidate*>> ranked;
  for (const Candidate* candidate : pool.all) {
    const Candidate& c = *candidate;
    if (c.pattern.state != Tri::kYes || c.chain.state == Tri::kUnknown) continue;
    std::vector<bool> hits = Hits(item, pool, c);
    if (c.chain.state == Tri::kYes) {
      for (size_t i = 0; i < hits.size(); ++i) caught[i] = caught[i] || hits[i];
    } else if (std::find(hits.begin(), hits.end(), true) != hits.end()) {
      ranked.push_back({std::move(hits), &c});
    }
  }
  auto count = [](const std::vector<bool>& v) { return std::count(v.begin(), v.end(), true); };
  std::stable_sort(ranked.begin(), ranked.end(),
                   [&](const auto& a, const auto& b) { return count(a.first) > count(b.first); });
  std::vector<const Candidate*> out;
  for (const auto& [hits, c] : ranked) {
    bool adds = false;
    for (size_t i = 0; i < hits.size(); ++i) {
      if (hits[i] && !caught[i]) adds = caught[i] = true;
    }
    if (adds) out.push_back(c);
  }
  return out;
}

ItemDecision Fail(const MonitoringItem& item, const Pool& pool, const CoverageResult& cov,
                  const MonitoringChain& chain) {
  ItemDecision d;
  const std::vector<const Candidate*> broken = BrokenToName(item, pool);
  // What no declared filter catches even with every link repaired, then the broken links.
  const CoverageResult with_broken =
      pool.Cover(item, Select(pool.all, [](const Candidate&) { return true; }));
  d.reason = with_broken.covered ? "" : with_broken.explanation;
  for (const Candidate* c : broken) {
    d.reason += (d.reason.empty() ? "" : "; ") + BrokenClause(item, pool, *c);
  }
  if (d.reason.empty()) d.reason = cov.explanation;
  // Point at the broken link, else at the pattern that nearly covers the item (it catches
  // some of its events, or catches them but too much), else at the trail.
  const Candidate* near = nullptr;
  if (!cov.used_filters.empty()) near = pool.Named(cov.used_filters.front());
  if (!near && !cov.rejected.empty()) near = pool.Named(cov.rejected.front().filter_id);
  if (!broken.empty()) {
    d.resource = broken.front()->resource;
    const Location& w = broken.front()->chain.where;
    d.where = w.known() ? w : d.resource->loc;
  } else if (near) {
    d.resource = near->resource;
    d.where = near->pattern_at;
  } else if (const TrailInfo* t = chain.MainTrail()) {
    d.resource = t->trail;
    d.where = t->trail->loc;
  }
  return d;
}

}  // namespace

Value EventBridgeEnvelope(const Value& record) {
  std::string source = Field(record, "eventSource");
  if (const size_t dot = source.find(".amazonaws.com"); dot != std::string::npos)
    source.resize(dot);
  Value e = Value::Map();
  e.Set("version", Value::String("0"));
  e.Set("id", Value::String(Field(record, "eventID")));
  e.Set("detail-type", Value::String(DetailType(Field(record, "eventType"))));
  e.Set("source", Value::String("aws." + source));
  e.Set("account", Value::String(Field(record, "recipientAccountId")));
  e.Set("time", Value::String(Field(record, "eventTime")));
  e.Set("region", Value::String(Field(record, "awsRegion")));
  e.Set("resources", Value::List());
  e.Set("detail", record);
  return e;
}

std::shared_ptr<const FilterCandidates> MakeFilterCandidates(const MonitoringChain& chain) {
  auto out = std::make_shared<FilterCandidates>();
  out->list = FilterCandidateList(chain);
  for (const Candidate& c : out->list) out->by_id.emplace(c.filter.id, &c);
  return out;
}

ItemDecision DecideItem(const MonitoringItem& item, const MonitoringChain& chain,
                        std::shared_ptr<const FilterCandidates> filters) {
  if (!filters) filters = MakeFilterCandidates(chain);
  const Pool pool(std::move(filters), RuleCandidates(item, chain));
  const CoverageResult cov = pool.Cover(
      item, Select(pool.all, [](const Candidate& c) { return c.chain.state == Tri::kYes; }));
  if (cov.covered) return Pass(pool, cov);
  if (auto unknown = Unknown(item, pool)) return *unknown;
  return Fail(item, pool, cov, chain);
}

}  // namespace iaclint
