#include "rules/monitoring_ops.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "base/text.h"
#include "rules/monitoring_chain.h"
#include "rules/monitoring_coverage.h"
#include "rules/monitoring_links.h"
#include "rules/ruleset.h"

namespace iaclint {

namespace {

// An outcome from a link, reported at the link's place when it has one.
Outcome FromLink(const Link& link, const Subject& s) {
  if (link.state == Tri::kYes) return Outcome::Pass();
  Outcome o = link.state == Tri::kNo ? Outcome::Fail(link.reason, s)
                                     : Outcome::Unknown(link.reason, link.category, s);
  if (link.where.known()) o.where = link.where;
  return o;
}

Outcome FromDecision(const ItemDecision& d, const Subject& s) {
  Outcome o;
  if (d.verdict == Verdict::kPass) {
    o = Outcome::Pass();
    o.reason = d.reason;
    o.witnesses = d.witnesses;
    return o;
  }
  o = d.verdict == Verdict::kFail ? Outcome::Fail(d.reason, s)
                                  : Outcome::Unknown(d.reason, d.category, s);
  if (d.where.known()) {
    o.where = d.where;
    o.resource = d.resource;
    o.path.clear();
  }
  return o;
}

// A link's reason names the resource when it talks about "it" ("its LogGroupName ...").
Link About(const std::string& what, Link link) {
  if (link.reason.rfind("it", 0) == 0) link.reason = what + ": " + link.reason;
  return link;
}

const FilterInfo* FilterOf(const MonitoringChain& chain, const Subject& s) {
  return s.resource ? chain.FilterOf(s.resource) : nullptr;
}

// Byte offset of a 1-based line and column (UTF-16 units) in a text.
size_t OffsetOf(std::string_view text, uint32_t line, uint32_t column) {
  size_t i = 0;
  for (uint32_t l = 1; l < line && i < text.size(); ++i) {
    if (text[i] == '\n') ++l;
  }
  for (uint32_t c = 1; c < column && i < text.size() && text[i] != '\n';) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    const size_t len = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    c += len == 4 ? 2 : 1;
    i += len;
  }
  return std::min(i, text.size());
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Walks the source from the scalar's start and the decoded pattern together until `offset`
// decoded bytes are consumed; returns the source offset, or npos when they do not line up.
size_t AlignSource(std::string_view raw, size_t r, std::string_view decoded, size_t offset) {
  char quote = 0;
  if (r < raw.size() && (raw[r] == '"' || raw[r] == '\'')) quote = raw[r++];
  if (r < raw.size() && (raw[r] == '|' || raw[r] == '>')) {  // block scalar: the next line
    r = raw.find('\n', r);
    if (r == std::string_view::npos) return r;
    ++r;
  }
  size_t d = 0;
  while (d < offset) {
    if (r >= raw.size() || d >= decoded.size()) return std::string_view::npos;
    const char rc = raw[r], dc = decoded[d];
    if (quote == '"' && rc == '\\' && r + 1 < raw.size()) {
      r += raw[r + 1] == 'u' ? 6 : 2;
      ++d;
    } else if (quote == '\'' && rc == '\'' && r + 1 < raw.size() && raw[r + 1] == '\'') {
      r += 2;
      ++d;
    } else if (rc == dc) {
      ++r, ++d;
    } else if (rc == '\n' && (dc == ' ' || dc == '\n')) {  // a folded line break
      ++r;
      while (r < raw.size() && IsBlank(raw[r]) && raw[r] != '\n') ++r;
      ++d;
    } else if (IsBlank(rc)) {  // indentation of a continuation line
      ++r;
    } else {
      return std::string_view::npos;
    }
  }
  return r;
}

std::string ErrorText(const Error& e) { return e.message; }

}  // namespace

Result<const std::vector<MonitoringItem>*> BuiltinMonitoringItems() {
  static std::mutex mu;
  static std::map<std::string, Result<std::vector<MonitoringItem>>> cache;
  auto dir = FindRulesetsDir();
  if (!dir) return dir.error();
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(*dir);
  if (it == cache.end()) it = cache.emplace(*dir, LoadMonitoringItems(*dir + "/events")).first;
  if (!it->second) return it->second.error();
  return &*it->second;
}

Location PatternErrorLocation(const Model& model, const Value& value, std::string_view pattern,
                              uint32_t line, uint32_t column) {
  const Location& at = value.loc();
  if (!at.known() || at.file >= model.files().size() || value.has(Value::kEmbeddedJson)) return at;
  const std::string& raw = model.file(at.file).text;
  const size_t start = OffsetOf(raw, at.line, at.column);
  const size_t r = AlignSource(raw, start, pattern, OffsetOf(pattern, line, column));
  if (r == std::string_view::npos) return at;
  LineIndex index(raw, at.file);
  Location out = index.At(r);
  out.end_line = out.line;
  out.end_column = out.column + 1;
  return out;
}

namespace {

// The chain's filters as coverage candidates, made once per run like the chain.
std::shared_ptr<const FilterCandidates> FilterCandidatesOf(const MonitoringChain& chain,
                                                           EvalContext& ctx) {
  if (!ctx.memo) return nullptr;
  return ctx.memo->Get<FilterCandidates>("monitoring-filter-candidates",
                                         [&] { return MakeFilterCandidates(chain); });
}

}  // namespace

void PrepareMonitoringChain(EvalContext& ctx) {
  static_cast<void>(FilterCandidatesOf(*ChainOf(ctx), ctx));
}

Outcome OpMonitorsItem(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const std::string id = ArgValue(p.arg, ctx).AsText().value_or("");
  auto items = BuiltinMonitoringItems();
  if (!items) {
    return Outcome::Unknown("the monitoring items cannot be loaded: " + ErrorText(items.error()),
                            "rule", s);
  }
  const auto& list = **items;
  auto item =
      std::find_if(list.begin(), list.end(), [&](const MonitoringItem& i) { return i.id == id; });
  if (item == list.end()) {
    return Outcome::Unknown("there is no monitoring item " + id + " in rulesets/events", "rule", s);
  }
  auto chain = ChainOf(ctx);
  return FromDecision(DecideItem(*item, *chain, FilterCandidatesOf(*chain, ctx)), s);
}

Outcome OpFilterPatternValid(const Predicate& p, const Subject& s, EvalContext& ctx) {
  (void)p;
  if (!s.value) return Outcome::Fail("FilterPattern is not set", s);
  const Value& v = *s.value;
  if (v.is(Value::Kind::kUnknown)) {
    return Outcome::Unknown("FilterPattern cannot be known offline: " + v.str(),
                            v.category().empty() ? "unknown" : v.category(), s);
  }
  auto text = v.AsText();
  if (!text || v.is(Value::Kind::kRef)) {
    return Outcome::Fail("FilterPattern is not a string: " + v.Render(60), s);
  }
  auto parsed = ParseFilterPattern(*text);
  if (parsed) return Outcome::Pass();
  if (v.has(Value::kSymbolic) || v.has(Value::kInterpolated)) {
    return Outcome::Unknown("FilterPattern holds values known only at deployment (" +
                                parsed.error().message + " before they are substituted)",
                            "deploy-time", s);
  }
  Outcome o = Outcome::Fail(parsed.error().message, s);
  o.where = PatternErrorLocation(ctx.model, v, *text, parsed.error().where.line,
                                 parsed.error().where.column);
  return o;
}

Outcome OpOnTrailLogGroup(const Predicate& p, const Subject& s, EvalContext& ctx) {
  (void)p;
  auto chain = ChainOf(ctx);
  const FilterInfo* f = FilterOf(*chain, s);
  if (!f) return Outcome::Fail("the resource is not a metric filter", s);
  return FromLink(About("metric filter " + Quoted(f->filter->id), f->on_any_trail), s);
}

Outcome OpMetricAlarmed(const Predicate& p, const Subject& s, EvalContext& ctx) {
  (void)p;
  auto chain = ChainOf(ctx);
  const FilterInfo* f = FilterOf(*chain, s);
  if (!f) return Outcome::Fail("the resource is not a metric filter", s);
  if (f->watched.state == Tri::kNo && f->on_any_trail.state == Tri::kUnknown) {
    // Unwatched, but maybe not about CloudTrail at all.
    return FromLink(About("metric filter " + Quoted(f->filter->id), f->on_any_trail), s);
  }
  return FromLink(f->watched, s);
}

Outcome OpWatchesTrailMetric(const Predicate& p, const Subject& s, EvalContext& ctx) {
  (void)p;
  auto chain = ChainOf(ctx);
  const AlarmInfo* a = s.resource ? chain->AlarmOf(s.resource) : nullptr;
  if (!a) return Outcome::Fail("the resource is not a metric alarm", s);
  const AlarmWatchers& w = chain->watchers[static_cast<size_t>(a - chain->alarms.data())];
  if (w.first_on_trail != AlarmWatchers::kNone) return Outcome::Pass();
  if (w.first_maybe_on_trail != AlarmWatchers::kNone) {
    const FilterInfo& f = chain->filters[w.first_maybe_on_trail];
    return FromLink(About("metric filter " + Quoted(f.filter->id), f.on_any_trail), s);
  }
  return Outcome::Fail("alarm " + Quoted(a->alarm->id) +
                           " does not watch the metric of a filter on a trail's log group",
                       s);
}

Outcome OpAlarmHasAction(const Predicate& p, const Subject& s, EvalContext& ctx) {
  (void)p;
  auto chain = ChainOf(ctx);
  const AlarmInfo* a = s.resource ? chain->AlarmOf(s.resource) : nullptr;
  if (!a) return Outcome::Fail("the resource is not a metric alarm", s);
  if (a->action.state != Tri::kNo) return FromLink(a->action, s);
  // Name the CloudTrail filter whose events nobody hears about.
  const AlarmWatchers& w = chain->watchers[static_cast<size_t>(a - chain->alarms.data())];
  if (w.first != AlarmWatchers::kNone) {
    const FilterInfo& f = chain->filters[w.first];
    if (f.on_any_trail.state == Tri::kUnknown) {
      return FromLink(About("metric filter " + Quoted(f.filter->id), f.on_any_trail), s);
    }
    Link link = a->action;
    link.reason += ", so nobody hears when filter " + Quoted(f.filter->id) + " counts an event";
    return FromLink(link, s);
  }
  return FromLink(a->action, s);
}

}  // namespace iaclint
