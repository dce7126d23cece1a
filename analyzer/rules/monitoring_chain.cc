#include "rules/monitoring_chain.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "rules/alarm_links.h"
#include "rules/monitoring_links.h"
#include "rules/trail_links.h"

namespace iaclint {

namespace {

constexpr const char* kTrailType = "AWS::CloudTrail::Trail";
constexpr const char* kFilterType = "AWS::Logs::MetricFilter";
constexpr const char* kAlarmType = "AWS::CloudWatch::Alarm";
constexpr const char* kCompositeType = "AWS::CloudWatch::CompositeAlarm";
constexpr const char* kTopicType = "AWS::SNS::Topic";
constexpr const char* kSubscriptionType = "AWS::SNS::Subscription";
constexpr const char* kEventRuleType = "AWS::Events::Rule";

bool NeverCreated(const Resource& r) {
  auto b = r.exists.AsBool();
  return b && !*b;
}

TrailInfo ReadTrail(const Resource& r, const EvalContext& ctx) {
  TrailInfo t;
  const std::string what = "trail " + Quoted(r.id);
  t.trail = &r;
  t.exists = ExistsLink(r, what);
  t.logging = BoolLink(r.properties.Find("IsLogging"), true, Tri::kNo, "IsLogging of " + what,
                       what + " is not logging (IsLogging is not true)");
  t.multi_region = BoolLink(r.properties.Find("IsMultiRegionTrail"), true, Tri::kNo,
                            "IsMultiRegionTrail of " + what, what + " is not multi-region");
  const Value* role = r.properties.Find("CloudWatchLogsRoleArn");
  t.role =
      (role && !role->IsNull())
          ? Link::Yes()
          : Link::No(what + " has no CloudWatchLogsRoleArn, so it cannot write to its log group");
  const Value* arn = r.properties.Find("CloudWatchLogsLogGroupArn");
  t.delivers = arn && !arn->IsNull();
  if (t.delivers) t.log_group = ResolveLogGroup(arn, "the log group of " + what, ctx);
  return t;
}

// Parsed patterns by text: a plan of many accounts repeats each pattern once per account, and
// filters that share the object share their coverage (CoverageMemo) too.
using PatternCache = std::unordered_map<std::string, std::shared_ptr<const FilterPattern>>;

// The filter's pattern: parsed, invalid (IAC0930 reports it), or unknown offline.
void ReadPattern(const Resource& r, FilterInfo& f, PatternCache& cache) {
  using State = FilterInfo::PatternState;
  const Value* v = r.properties.Find("FilterPattern");
  ScalarText text = TextOf(v, "its FilterPattern");
  if (!v || v->IsNull()) {
    f.pattern_state = State::kAbsent;
    f.pattern_link = Link::No("it has no FilterPattern", r.loc);
    return;
  }
  if (text.link.state != Tri::kYes) {
    f.pattern_state = State::kUnknown;
    f.pattern_link = text.link;
    return;
  }
  if (text.symbolic) {
    // ${AWS::AccountId} in a pattern has a value only at deployment; the samples cannot tell.
    f.pattern_state = State::kUnknown;
    f.pattern_link = Link::Unknown("its FilterPattern contains values known only at deployment",
                                   "deploy-time", v->loc());
    return;
  }
  if (auto it = cache.find(text.text); it != cache.end()) {
    f.pattern_state = State::kParsed;
    f.pattern = it->second;
    return;
  }
  auto parsed = ParseFilterPattern(text.text);
  if (!parsed) {
    f.pattern_state = State::kInvalid;
    f.pattern_link =
        Link::No("its FilterPattern does not parse: " + parsed.error().message, v->loc());
    return;
  }
  f.pattern_state = State::kParsed;
  f.pattern = std::make_shared<const FilterPattern>(std::move(*parsed));
  cache.emplace(text.text, f.pattern);
}

void ReadFilterMetrics(const Resource& r, FilterInfo& f) {
  const Value* list = r.properties.Find("MetricTransformations");
  const std::string what = "its";
  if (list && list->is(Value::Kind::kUnknown)) {
    MetricId m;
    m.known = Link::Unknown("its metric cannot be known offline: " + list->str(), list->category(),
                            list->loc());
    f.metrics.push_back(m);
    return;
  }
  if (!list) return;
  auto add = [&](const Value& t) {
    f.metrics.push_back(MetricOf(t.Find("MetricName"), t.Find("MetricNamespace"), r, what));
  };
  if (list->is(Value::Kind::kList)) {
    for (const Value& t : list->items()) add(t);
  } else if (list->is(Value::Kind::kMap)) {
    add(*list);
  }
}

FilterInfo ReadFilter(const Resource& r, const EvalContext& ctx, PatternCache& patterns) {
  FilterInfo f;
  f.filter = &r;
  f.exists = ExistsLink(r, "it");
  ReadPattern(r, f, patterns);
  f.log_group = ResolveLogGroup(r.properties.Find("LogGroupName"), "its LogGroupName", ctx);
  ReadFilterMetrics(r, f);
  return f;
}

// "topic 'Alerts' with 1 subscription" for each action of an alarm.
std::string Notifies(const Value* actions, const EvalContext& ctx) {
  std::vector<const Value*> items;
  if (actions && actions->is(Value::Kind::kList)) {
    for (const Value& a : actions->items()) items.push_back(&a);
  } else if (actions && !actions->IsNull()) {
    items.push_back(actions);
  }
  std::string out;
  for (const Value* a : items) {
    std::string shown;
    const auto topics = ResolveTargets(*a, {kTopicType}, ctx, nullptr);
    if (!topics.empty()) {
      const Resource& topic = *topics.front();
      size_t subs = 0;
      if (const Value* s = topic.properties.Find("Subscription")) subs += s->items().size();
      for (const Resource* sub : ctx.model.OfType(kSubscriptionType)) {
        const Value* arn = sub->properties.Find("TopicArn");
        if (!arn || NeverCreated(*sub)) continue;
        for (const Resource* t : ResolveTargets(*arn, {kTopicType}, ctx, nullptr))
          subs += t == &topic;
      }
      shown =
          "topic " + Quoted(topic.id) +
          (subs == 0 ? " without a declared subscription"
                     : " with " + std::to_string(subs) + " subscription" + (subs > 1 ? "s" : ""));
    } else if (auto text = a->AsText()) {
      shown = Quoted(*text);
    } else {
      shown = "an action known only at deployment";
    }
    out += (out.empty() ? "" : ", ") + shown;
  }
  return out;
}

// A literal that is not an ARN notifies nobody (CloudWatch takes ARNs only): typically a
// Terraform reference written inside quotes, "aws_sns_topic.alerts.arn".
bool IsLiteralNonArn(const Value& v) {
  if (!v.is(Value::Kind::kString) || v.has(Value::kInterpolated) || v.has(Value::kSymbolic)) {
    return false;
  }
  return v.str().rfind("arn:", 0) != 0;
}

bool AllLiteralNonArns(const Value& list) {
  return std::all_of(list.items().begin(), list.items().end(), IsLiteralNonArn);
}

// AlarmActions set, and ActionsEnabled not false.
Link OwnAction(const Resource& r, const std::string& what) {
  const Link enabled = BoolLink(r.properties.Find("ActionsEnabled"), true, Tri::kYes,
                                "ActionsEnabled of " + what, what + " has ActionsEnabled false");
  const Value* actions = r.properties.Find("AlarmActions");
  Link has;
  const std::string none = what + " has no action (AlarmActions is not set)";
  if (!actions || actions->IsNull()) {
    has = Link::No(none, r.loc);
  } else if (actions->is(Value::Kind::kChoice)) {
    bool yes = false, no = false;
    for (const Value& alt : actions->items()) (alt.size() > 0 || alt.IsScalar() ? yes : no) = true;
    if (yes && no) {
      has = Link::Unknown(
          "the AlarmActions of " + what + " depend on condition '" + actions->str() + "'",
          "condition", actions->loc());
    } else if (no) {
      has = Link::No(none, actions->loc());
    }
  } else if (actions->is(Value::Kind::kUnknown)) {
    has =
        Link::Unknown("the AlarmActions of " + what + " cannot be known offline: " + actions->str(),
                      actions->category(), actions->loc());
  } else if (actions->is(Value::Kind::kList) && actions->items().empty()) {
    has = Link::No(what + " has no action (AlarmActions is empty)", actions->loc());
  } else if (actions->is(Value::Kind::kList) && AllLiteralNonArns(*actions)) {
    const Value& first = actions->items().front();
    has = Link::No(
        what + " has no usable action: AlarmActions " + first.Render(80) + " is not an ARN",
        first.loc());
  }
  return Both(enabled, has);
}

// A composite alarm with an action whose AlarmRule names the alarm also tells someone.
const Resource* CompositeWithAction(const Resource& alarm, const EvalContext& ctx) {
  const std::string name = ctx.model.NameOf(alarm);
  for (const Resource* c : ctx.model.OfType(kCompositeType)) {
    const Value* rule = c->properties.Find("AlarmRule");
    if (!rule || NeverCreated(*c)) continue;
    bool names = false;
    for (const Resource* t : ResolveTargets(*rule, {kAlarmType}, ctx, nullptr))
      names |= t == &alarm;
    const std::string text = rule->AsText().value_or("");
    if (!name.empty()) {
      names |= text.find("\"" + name + "\"") != std::string::npos ||
               text.find("(" + name + ")") != std::string::npos;
    }
    if (names && OwnAction(*c, "composite alarm " + Quoted(c->id)).state == Tri::kYes) return c;
  }
  return nullptr;
}

AlarmInfo ReadAlarm(const Resource& r, const EvalContext& ctx) {
  AlarmInfo a;
  const std::string what = "alarm " + Quoted(r.id);
  a.alarm = &r;  // never-created alarms are kept: their `exists` link says why they do not count
  a.exists = ExistsLink(r, what);
  const Value* name = r.properties.Find("MetricName");
  if (name && !name->IsNull()) {
    a.metrics.push_back(MetricOf(name, r.properties.Find("Namespace"), r, what));
  }
  if (const Value* metrics = r.properties.Find("Metrics");
      metrics && metrics->is(Value::Kind::kList)) {
    for (const Value& m : metrics->items()) {
      const Value* stat = m.Find("MetricStat");
      const Value* metric = stat ? stat->Find("Metric") : nullptr;
      if (metric) {
        a.metrics.push_back(
            MetricOf(metric->Find("MetricName"), metric->Find("Namespace"), r, what));
      }
    }
  }
  a.action = OwnAction(r, what);
  a.notifies = Notifies(r.properties.Find("AlarmActions"), ctx);
  if (a.action.state == Tri::kNo) {
    if (const Resource* c = CompositeWithAction(r, ctx)) {
      a.action = Link::Yes();
      a.notifies = "composite alarm " + Quoted(c->id) + ", which notifies " +
                   Notifies(c->properties.Find("AlarmActions"), ctx);
    }
  }
  return a;
}

EventRuleInfo ReadEventRule(const Resource& r, const EvalContext& ctx) {
  EventRuleInfo e;
  const std::string what = "it";  // reasons read after "EventBridge rule 'R' matches ... but"
  e.rule = &r;
  e.pattern = r.properties.Find("EventPattern");
  Link state = Link::Yes();
  ScalarText s = TextOf(r.properties.Find("State"), "its State");
  if (s.link.state == Tri::kUnknown) state = s.link;
  if (s.link.state == Tri::kYes && s.text == "DISABLED") {
    state = Link::No("it is disabled", r.properties.Find("State")->loc());
  }
  Link bus = Link::Yes();
  const Value* bus_value = r.properties.Find("EventBusName");
  ScalarText b = TextOf(bus_value, "its EventBusName");
  if (bus_value && !bus_value->IsNull()) {
    const bool is_default = b.link.state == Tri::kYes &&
                            (b.text == "default" || b.text.ends_with(":event-bus/default"));
    if (b.link.state == Tri::kUnknown && !bus_value->is(Value::Kind::kRef)) {
      bus = b.link;
    } else if (!is_default) {
      bus = Link::No("it is on event bus " + bus_value->Render(60) +
                     ", which CloudTrail events do not reach");
    }
  }
  Link targets = Link::No("it has no target", r.loc);
  const Value* t = r.properties.Find("Targets");
  if (t && t->is(Value::Kind::kUnknown)) {
    targets =
        Link::Unknown("its Targets cannot be known offline: " + t->str(), t->category(), t->loc());
  } else if (t && t->is(Value::Kind::kList) && !t->items().empty()) {
    targets = Link::Yes();
    std::vector<const Value*> arns;
    for (const Value& target : t->items()) {
      if (const Value* arn = target.Find("Arn")) arns.push_back(arn);
    }
    std::string shown;
    for (const Value* arn : arns) {
      const auto to = ResolveTargets(*arn, {}, ctx, nullptr);
      shown +=
          (shown.empty() ? "" : ", ") + (to.empty() ? arn->Render(60) : Quoted(to.front()->id));
    }
    e.via = "targets " + (shown.empty() ? std::string("a target") : shown);
  }
  e.chain = Both(Both(ExistsLink(r, what), state), Both(bus, targets));
  return e;
}

}  // namespace

const FilterInfo* MonitoringChain::FilterOf(const Resource* r) const {
  auto it = filter_index.find(r);
  return it == filter_index.end() ? nullptr : &filters[it->second];
}

const AlarmInfo* MonitoringChain::AlarmOf(const Resource* r) const {
  auto it = alarm_index.find(r);
  return it == alarm_index.end() ? nullptr : &alarms[it->second];
}

const TrailInfo* MonitoringChain::MainTrail() const {
  const TrailInfo* first = nullptr;
  for (const TrailInfo& t : trails) {
    if (!t.delivers) continue;
    if (Both(Both(Both(t.exists, t.logging), t.multi_region), t.role).state == Tri::kYes) return &t;
    if (!first) first = &t;
  }
  return first;
}

MonitoringChain BuildMonitoringChain(const EvalContext& ctx) {
  // Resources that are never created stay in the chain with a broken `exists` link, so that
  // messages can say "filter 'F' matches root user activity but it is not created with the
  // parameter defaults" instead of pretending it is not there.
  MonitoringChain chain;
  chain.trails.reserve(ctx.model.OfType(kTrailType).size());
  chain.alarms.reserve(ctx.model.OfType(kAlarmType).size());
  chain.filters.reserve(ctx.model.OfType(kFilterType).size());
  for (const Resource* r : ctx.model.OfType(kTrailType)) {
    if (!NeverCreated(*r)) chain.trails.push_back(ReadTrail(*r, ctx));
  }
  for (const Resource* r : ctx.model.OfType(kAlarmType)) {
    chain.alarm_index.emplace(r, chain.alarms.size());
    chain.alarms.push_back(ReadAlarm(*r, ctx));
  }
  const TrailLinker trail_linker(chain.trails);
  PatternCache patterns;
  for (const Resource* r : ctx.model.OfType(kFilterType)) {
    FilterInfo f = ReadFilter(*r, ctx, patterns);
    f.on_any_trail = trail_linker.OnTrail(f, false);
    f.on_trail = trail_linker.OnTrail(f, true);
    chain.filter_index.emplace(r, chain.filters.size());
    chain.filters.push_back(std::move(f));
  }
  LinkFiltersToAlarms(chain);
  for (FilterInfo& f : chain.filters) f.chain = Both(Both(f.exists, f.on_trail), f.alarmed);
  for (const Resource* r : ctx.model.OfType(kEventRuleType))
    chain.rules.push_back(ReadEventRule(*r, ctx));
  return chain;
}

std::shared_ptr<const MonitoringChain> ChainOf(EvalContext& ctx) {
  static const std::string kKey = "monitoring-chain";
  auto make = [&] { return std::make_shared<const MonitoringChain>(BuildMonitoringChain(ctx)); };
  return ctx.memo ? ctx.memo->Get<MonitoringChain>(kKey, make) : make();
}

}  // namespace iaclint
