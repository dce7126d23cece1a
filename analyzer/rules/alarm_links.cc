#include "rules/alarm_links.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "rules/monitoring_links.h"

namespace iaclint {

namespace {

using AlarmList = std::vector<const AlarmInfo*>;

// An alarm metric, with its place in the alarms' document order.
struct Ref {
  const AlarmInfo* alarm;
  const MetricId* metric;
  size_t order;
};

// The alarms that surely watch one filter metric, and the first alarm metric that may or may
// not be it (one that cannot be known offline, or an equal text whose stack names may differ).
struct MetricMatch {
  std::shared_ptr<const AlarmList> alarms;
  std::optional<Ref> undecided;
};

// What a list of watching alarms says, whichever filter it belongs to.
struct Verdict {
  const AlarmInfo* notifying = nullptr;  // the first that exists and has an action
  Link notifying_link;
  bool watched = false;  // one of them exists
  std::optional<Link> watched_unknown, not_created, alarm_link;
};

class AlarmIndex {
 public:
  explicit AlarmIndex(const std::vector<AlarmInfo>& alarms) {
    size_t order = 0;
    for (const AlarmInfo& a : alarms) {
      for (const MetricId& am : a.metrics) {
        const Ref ref{&a, &am, order++};
        if (am.known.state == Tri::kYes) {
          by_metric_[am.ns + '\0' + am.name].push_back(ref);
          by_name_[am.name].push_back(ref);
          any_symbolic_ |= am.symbolic;
        } else if (am.known.state == Tri::kUnknown && !first_unknown_) {
          first_unknown_ = ref;
        }
      }
    }
  }

  // The match of a known filter metric, computed once per distinct metric. Where it is
  // declared matters only when a stack name is part of a metric (SameMetric): a directory of a
  // thousand stacks with the same CIS alarms still computes six matches.
  const MetricMatch& Match(const MetricId& m) {
    std::string key = m.ns + '\0' + m.name;
    if (m.symbolic || any_symbolic_) key += '\0' + std::string(m.symbolic ? "1" : "0") + m.scope;
    auto [it, fresh] = matches_.try_emplace(std::move(key));
    if (fresh) it->second = Compute(m);
    return it->second;
  }

  // The known alarm metrics with m's name, in order.
  const std::vector<Ref>& Named(const MetricId& m) const {
    static const std::vector<Ref> kNone;
    auto it = by_name_.find(m.name);
    return it == by_name_.end() ? kNone : it->second;
  }

 private:
  MetricMatch Compute(const MetricId& m) const {
    MetricMatch out;
    out.undecided = first_unknown_;
    auto list = std::make_shared<AlarmList>();
    std::unordered_set<const AlarmInfo*> linked;
    auto it = by_metric_.find(m.ns + '\0' + m.name);
    if (it != by_metric_.end()) {
      for (const Ref& r : it->second) {
        const Tri same = SameMetric(m, *r.metric);
        if (same == Tri::kUnknown && (!out.undecided || r.order < out.undecided->order))
          out.undecided = r;
        if (same == Tri::kYes && linked.insert(r.alarm).second) list->push_back(r.alarm);
      }
    }
    out.alarms = std::move(list);
    return out;
  }

  std::unordered_map<std::string, std::vector<Ref>> by_metric_, by_name_;
  std::optional<Ref> first_unknown_;
  bool any_symbolic_ = false;  // some known alarm metric contains a stack name
  std::unordered_map<std::string, MetricMatch> matches_;
};

Verdict Judge(const AlarmList& alarms) {
  Verdict v;
  for (const AlarmInfo* a : alarms) {
    v.watched |= a->exists.state == Tri::kYes;
    if (a->exists.state == Tri::kUnknown && !v.watched_unknown) v.watched_unknown = a->exists;
    if (a->exists.state == Tri::kNo && !v.not_created) v.not_created = a->exists;
    Link link = Both(a->exists, a->action);
    if (link.state == Tri::kYes) {
      v.notifying = a;
      v.notifying_link = std::move(link);
      return v;
    }
    // Prefer the unknown link: the alarm might still tell someone.
    if (!v.alarm_link || (v.alarm_link->state == Tri::kNo && link.state == Tri::kUnknown))
      v.alarm_link = std::move(link);
  }
  return v;
}

// " (alarm 'A' watches RootUsage in namespace 'X', not 'Y')": the usual near miss.
std::string NamespaceHint(const MetricId& m, const AlarmIndex& index) {
  for (const Ref& r : index.Named(m)) {
    if (r.metric->ns != m.ns) {
      return " (alarm " + Quoted(r.alarm->alarm->id) + " watches " + m.name + " in namespace " +
             Quoted(r.metric->ns) + ", not " + Quoted(m.ns) + ")";
    }
  }
  return "";
}

// Why whether an alarm watches the filter's metric m cannot be known (SameMetric said so).
Link UnknownWatch(const MetricId& m, const Ref& r) {
  if (r.metric->known.state == Tri::kUnknown) return r.metric->known;
  return Link::Unknown("whether alarm " + Quoted(r.alarm->alarm->id) + " watches metric " +
                           m.Shown() + " depends on the stack names",
                       "deploy-time", r.metric->where);
}

// The alarms of several metrics, in metric order, each once.
std::shared_ptr<const AlarmList> Union(const std::vector<const MetricMatch*>& matches) {
  auto out = std::make_shared<AlarmList>();
  std::unordered_set<const AlarmInfo*> seen;
  for (const MetricMatch* m : matches) {
    for (const AlarmInfo* a : *m->alarms) {
      if (seen.insert(a).second) out->push_back(a);
    }
  }
  return out;
}

class Linker {
 public:
  explicit Linker(const std::vector<AlarmInfo>& alarms) : index_(alarms) {}

  // Which alarms watch the filter's metrics, and does one of them tell someone?
  void Connect(FilterInfo& f) {
    if (f.metrics.empty()) {
      f.watched = f.alarmed = Link::No("it publishes no metric (MetricTransformations is empty)");
      return;
    }
    std::optional<Link> unknown;
    std::vector<const MetricMatch*> matches;
    for (const MetricId& m : f.metrics) {
      if (m.known.state != Tri::kYes) {
        if (!unknown) unknown = m.known;
        continue;
      }
      const MetricMatch& match = index_.Match(m);
      if (match.undecided && !unknown) unknown = UnknownWatch(m, *match.undecided);
      matches.push_back(&match);
    }
    f.alarms = matches.size() == 1 ? matches.front()->alarms : Union(matches);
    const Verdict& v = VerdictOf(f.alarms);
    if (v.notifying) {
      f.watched = f.alarmed = v.notifying_link;
      f.via = "alarm " + Quoted(v.notifying->alarm->id) + " notifies " + v.notifying->notifies;
      return;
    }
    const MetricId& first = f.metrics.front();
    if (v.watched) {
      f.watched = Link::Yes();
    } else if (v.watched_unknown || unknown) {
      f.watched = v.watched_unknown ? *v.watched_unknown : *unknown;
    } else if (v.not_created) {
      f.watched = *v.not_created;
    } else {
      f.watched = Link::No(
          "no alarm watches metric " + first.Shown() + NamespaceHint(first, index_), first.where);
    }
    f.alarmed = v.alarm_link ? *v.alarm_link : f.watched;
    if (f.alarmed.state == Tri::kNo && unknown) f.alarmed = *unknown;
  }

 private:
  const Verdict& VerdictOf(const std::shared_ptr<const AlarmList>& alarms) {
    auto [it, fresh] = verdicts_.try_emplace(alarms.get());
    if (fresh) it->second = Judge(*alarms);
    return it->second;
  }

  AlarmIndex index_;
  // Keyed by list: filters that share a list share its verdict. The lists outlive the map.
  std::unordered_map<const AlarmList*, Verdict> verdicts_;
};

// For each alarm, the first filters (in order) that list it: any, on a trail's log group, and
// perhaps on one. Filters that share a list are visited once per list.
void FindWatchers(MonitoringChain& chain) {
  constexpr size_t kNone = AlarmWatchers::kNone;
  chain.watchers.assign(chain.alarms.size(), AlarmWatchers{});
  std::unordered_map<const AlarmList*, AlarmWatchers> by_list;
  for (size_t i = 0; i < chain.filters.size(); ++i) {
    const FilterInfo& f = chain.filters[i];
    if (!f.alarms || f.alarms->empty()) continue;
    AlarmWatchers& w = by_list[f.alarms.get()];
    if (w.first == kNone) w.first = i;
    const Tri on = f.on_any_trail.state;
    if (on == Tri::kYes && w.first_on_trail == kNone) w.first_on_trail = i;
    if (on == Tri::kUnknown && w.first_maybe_on_trail == kNone) w.first_maybe_on_trail = i;
  }
  for (const auto& [list, w] : by_list) {
    for (const AlarmInfo* a : *list) {
      AlarmWatchers& out = chain.watchers[static_cast<size_t>(a - chain.alarms.data())];
      out.first = std::min(out.first, w.first);
      out.first_on_trail = std::min(out.first_on_trail, w.first_on_trail);
      out.first_maybe_on_trail = std::min(out.first_maybe_on_trail, w.first_maybe_on_trail);
    }
  }
}

}  // namespace

void LinkFiltersToAlarms(MonitoringChain& chain) {
  Linker linker(chain.alarms);
  for (FilterInfo& f : chain.filters) linker.Connect(f);
  FindWatchers(chain);
}

}  // namespace iaclint
