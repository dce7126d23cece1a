#include "rules/ops.h"

#include <algorithm>
#include <mutex>
#include <regex>
#include <unordered_map>

#include "model/mappings.h"
#include "policy/scp.h"
#include "rules/event_pattern.h"
#include "rules/monitoring_ops.h"
#include "rules/ops_orgs.h"

namespace iaclint {

namespace {

// How a message names the value it talks about: its path from the resource when known.
std::string PathOf(const Predicate& p, const Subject& s) {
  if (!s.path.empty()) return s.path;
  return p.PathText().empty() ? std::string("the value") : p.PathText();
}

// What a value is, in a message: "false", "8 (default of parameter MinLength)".
std::string Shown(const Value& v) {
  std::string out = v.Render(80);
  if (v.has(Value::kAssumedDefault)) {
    out += v.tag().empty() ? " (assumed default)" : " (assumed default of " + v.tag() + ")";
  }
  return out;
}

bool Deferred(const Value& v) {
  return v.has(Value::kSymbolic) || v.has(Value::kInterpolated) || v.is(Value::Kind::kRef);
}

// Loose equality as CloudFormation and Terraform coerce values.
bool LooseEquals(const Value& actual, const Value& expected, bool ignore_case) {
  if (expected.is(Value::Kind::kBool)) {
    auto b = actual.AsBool();
    return b && *b == expected.boolean();
  }
  if (expected.is(Value::Kind::kNumber)) {
    auto a = actual.AsNumber();
    auto e = expected.AsNumber();
    return a && e && *a == *e;
  }
  auto a = actual.AsText();
  auto e = expected.AsText();
  if (!a || !e) return false;
  if (!ignore_case) return *a == *e;
  return LooseKey(*a) == LooseKey(*e) && a->size() == e->size();
}

// Shared shape of value tests: unknown values are UNKNOWN, absent values FAIL.
template <typename Test>
Outcome Leaf(const Predicate& p, const Subject& s, EvalContext& ctx, const std::string& expected,
             Test test) {
  if (!s.value) return Outcome::Fail(PathOf(p, s) + " is not set (expected " + expected + ")", s);
  const Value& v = *s.value;
  if (v.is(Value::Kind::kUnknown)) {
    return Outcome::Unknown(PathOf(p, s) + " cannot be known offline: " + v.str(), v.category(), s);
  }
  if (test(v)) return Outcome::Pass();
  if (Deferred(v)) {
    return Outcome::Unknown(PathOf(p, s) + " is " + Shown(v) + ", known only at deployment",
                            "deploy-time", s);
  }
  (void)ctx;
  return Outcome::Fail(PathOf(p, s) + " is " + Shown(v) + " (expected " + expected + ")", s);
}

Outcome OpExists(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const bool want = ArgValue(p.arg, ctx).AsBool().value_or(true);
  const bool present = s.value != nullptr && !s.value->IsNull();
  if (present == want) return Outcome::Pass();
  return Outcome::Fail(PathOf(p, s) + (want ? " is not set" : " is set to " + Shown(*s.value)), s);
}

Outcome OpEquals(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const Value& want = ArgValue(p.arg, ctx);
  return Leaf(p, s, ctx, want.Render(60),
              [&](const Value& v) { return LooseEquals(v, want, p.op == "iequals"); });
}

Outcome OpNotEquals(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const Value& want = ArgValue(p.arg, ctx);
  if (!s.value) return Outcome::Pass();
  return Leaf(p, s, ctx, "not " + want.Render(60),
              [&](const Value& v) { return !LooseEquals(v, want, false); });
}

Outcome OpIn(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const Value& want = ArgValue(p.arg, ctx);
  return Leaf(p, s, ctx, "one of " + want.Render(80), [&](const Value& v) {
    for (const Value& option : want.items()) {
      if (LooseEquals(v, option, false)) return true;
    }
    return false;
  });
}

template <typename Cmp>
Outcome Compare(const Predicate& p, const Subject& s, EvalContext& ctx, const char* symbol,
                Cmp cmp) {
  const Value& want = ArgValue(p.arg, ctx);
  const auto limit = want.AsNumber();
  return Leaf(p, s, ctx, std::string(symbol) + " " + want.Render(40), [&](const Value& v) {
    const auto n = v.AsNumber();
    return n && limit && cmp(*n, *limit);
  });
}

Outcome OpGte(const Predicate& p, const Subject& s, EvalContext& ctx) {
  return Compare(p, s, ctx, ">=", [](double a, double b) { return a >= b; });
}
Outcome OpGt(const Predicate& p, const Subject& s, EvalContext& ctx) {
  return Compare(p, s, ctx, ">", [](double a, double b) { return a > b; });
}
Outcome OpLte(const Predicate& p, const Subject& s, EvalContext& ctx) {
  return Compare(p, s, ctx, "<=", [](double a, double b) { return a <= b; });
}
Outcome OpLt(const Predicate& p, const Subject& s, EvalContext& ctx) {
  return Compare(p, s, ctx, "<", [](double a, double b) { return a < b; });
}

Outcome OpLike(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const std::string pattern = ArgValue(p.arg, ctx).AsText().value_or("");
  return Leaf(p, s, ctx, "like '" + pattern + "'", [&](const Value& v) {
    auto text = v.AsText();
    return text && GlobMatch(pattern, *text);
  });
}

const std::regex* CompiledRegex(const std::string& pattern) {
  static std::mutex mu;
  static std::unordered_map<std::string, std::unique_ptr<std::regex>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[pattern];
  if (!slot) {
    try {
      slot = std::make_unique<std::regex>(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
      return nullptr;
    }
  }
  return slot.get();
}

Outcome OpMatches(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const std::string pattern = ArgValue(p.arg, ctx).AsText().value_or("");
  const std::regex* re = CompiledRegex(pattern);
  if (!re) return Outcome::Unknown("invalid regular expression in the rule", "rule", s);
  return Leaf(p, s, ctx, "matching /" + pattern + "/", [&](const Value& v) {
    auto text = v.AsText();
    return text && std::regex_search(*text, *re);
  });
}

Outcome OpStartsWith(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const std::string prefix = ArgValue(p.arg, ctx).AsText().value_or("");
  return Leaf(p, s, ctx, "starting with '" + prefix + "'", [&](const Value& v) {
    auto text = v.AsText();
    return text && text->rfind(prefix, 0) == 0;
  });
}

Outcome OpContains(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const Value& want = ArgValue(p.arg, ctx);
  return Leaf(p, s, ctx, "containing " + want.Render(60), [&](const Value& v) {
    if (v.is(Value::Kind::kList)) {
      for (const Value& item : v.items()) {
        if (LooseEquals(item, want, false)) return true;
      }
      return false;
    }
    auto text = v.AsText();
    auto needle = want.AsText();
    return text && needle && text->find(*needle) != std::string::npos;
  });
}

Outcome OpNonEmpty(const Predicate& p, const Subject& s, EvalContext& ctx) {
  // A value given at deployment whose constraints exclude "" is not empty, whatever it is.
  if (s.value && s.value->is(Value::Kind::kUnknown) && s.value->has(Value::kNonEmpty)) {
    return Outcome::Pass();
  }
  return Leaf(p, s, ctx, "a non-empty value", [](const Value& v) {
    if (v.is(Value::Kind::kList) || v.is(Value::Kind::kMap)) return v.size() > 0;
    if (v.is(Value::Kind::kString)) return !v.str().empty();
    return true;
  });
}

Outcome OpTypeIs(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const Value& want = ArgValue(p.arg, ctx);
  const std::string type = s.resource ? s.resource->type : "";
  if (want.AsText() && *want.AsText() == type) return Outcome::Pass();
  for (const Value& t : want.items()) {
    if (t.AsText() && *t.AsText() == type) return Outcome::Pass();
  }
  return Outcome::Fail("the resource is a " + type + ", not " + want.Render(60), s);
}

// all: FAIL if any child fails, else UNKNOWN if any is unknown, else PASS.
Outcome OpAll(const Predicate& p, const Subject& s, EvalContext& ctx) {
  Outcome pass = Outcome::Pass();
  std::optional<Outcome> unknown;
  for (const Predicate& child : p.children) {
    Outcome o = Evaluate(child, s, ctx);
    if (o.verdict == Verdict::kFail) return o;
    if (o.verdict == Verdict::kUnknown && !unknown) unknown = o;
    if (o.verdict == Verdict::kPass) {
      for (const Resource* w : o.witnesses) pass.witnesses.push_back(w);
      if (!o.evidence.empty()) pass.evidence = o.evidence;
      if (o.target) pass.target = o.target;
    }
  }
  return unknown ? *unknown : pass;
}

// any: PASS if a child passes, else UNKNOWN if one is unknown, else FAIL.
Outcome OpAny(const Predicate& p, const Subject& s, EvalContext& ctx) {
  std::optional<Outcome> unknown, fail;
  std::string reasons;
  for (const Predicate& child : p.children) {
    Outcome o = Evaluate(child, s, ctx);
    if (o.verdict == Verdict::kPass) return o;
    if (o.verdict == Verdict::kUnknown && !unknown) unknown = o;
    if (o.verdict == Verdict::kFail) {
      // Point at the most specific place any alternative found (a property over a resource).
      if (!fail || (fail->path.empty() && !o.path.empty())) fail = o;
      if (!reasons.empty()) reasons += "; ";
      reasons += o.reason;
    }
  }
  if (unknown) return *unknown;
  if (!fail) return Outcome::Fail("no alternative holds", s);
  fail->reason = reasons;
  return *fail;
}

Outcome OpNot(const Predicate& p, const Subject& s, EvalContext& ctx) {
  Outcome o = Evaluate(p.children[0], s, ctx);
  if (o.verdict == Verdict::kUnknown) return o;
  if (o.verdict == Verdict::kFail) return Outcome::Pass();
  Outcome f = Outcome::Fail(Describe(p.children[0], ctx), s);
  if (o.where.known()) f.where = o.where;
  return f;
}

Subject ElementSubject(const Subject& s, const Value& item, size_t i) {
  Subject e = s;
  e.value = &item;
  e.anchor = item.loc().known() ? item.loc() : s.anchor;
  e.path = s.path + "[" + std::to_string(i) + "]";
  return e;
}

Outcome OpSome(const Predicate& p, const Subject& s, EvalContext& ctx) {
  if (!s.value) return Outcome::Fail(PathOf(p, s) + " is not set", s);
  const Value& v = *s.value;
  if (v.is(Value::Kind::kUnknown))
    return Outcome::Unknown(PathOf(p, s) + ": " + v.str(), v.category(), s);
  std::vector<const Value*> items;
  if (v.is(Value::Kind::kList)) {
    for (const Value& item : v.items()) items.push_back(&item);
  } else {
    items.push_back(&v);
  }
  if (items.empty()) return Outcome::Fail(PathOf(p, s) + " is empty", s);
  std::optional<Outcome> unknown, fail;
  for (size_t i = 0; i < items.size(); ++i) {
    Outcome o = Evaluate(p.children[0], ElementSubject(s, *items[i], i), ctx);
    if (o.verdict == Verdict::kPass) return o;
    if (o.verdict == Verdict::kUnknown && !unknown) unknown = o;
    if (o.verdict == Verdict::kFail && !fail) fail = o;
  }
  if (unknown) return *unknown;
  if (items.size() == 1) return *fail;
  Outcome f =
      Outcome::Fail("no element of " + PathOf(p, s) + " has " + Describe(p.children[0], ctx), s);
  return f;
}

Outcome OpEvery(const Predicate& p, const Subject& s, EvalContext& ctx) {
  if (!s.value) return Outcome::Pass();
  const Value& v = *s.value;
  if (v.is(Value::Kind::kUnknown))
    return Outcome::Unknown(PathOf(p, s) + ": " + v.str(), v.category(), s);
  std::optional<Outcome> unknown;
  const size_t n = v.is(Value::Kind::kList) ? v.items().size() : 1;
  for (size_t i = 0; i < n; ++i) {
    const Value& item = v.is(Value::Kind::kList) ? v.items()[i] : v;
    Outcome o = Evaluate(p.children[0], ElementSubject(s, item, i), ctx);
    if (o.verdict == Verdict::kFail) return o;
    if (o.verdict == Verdict::kUnknown && !unknown) unknown = o;
  }
  return unknown ? *unknown : Outcome::Pass();
}

// Whether a resource exists: PASS, FAIL (never created) or UNKNOWN (conditional).
Outcome Existence(const Resource& r, const Subject& s) {
  if (auto b = r.exists.AsBool()) {
    return *b ? Outcome::Pass() : Outcome::Fail(r.id + " is never created", s);
  }
  return Outcome::Unknown(r.id + " exists only if condition '" + r.exists.str() + "' holds",
                          "condition", s);
}

// Evaluates the link's predicate on a resource, folding in whether the resource exists.
Outcome OnResource(const Predicate& p, const Resource& r, EvalContext& ctx) {
  Subject rs = ResourceSubject(r);
  Outcome exists = Existence(r, rs);
  if (exists.verdict == Verdict::kFail) return exists;
  Outcome o = p.children.empty() ? Outcome::Pass() : Evaluate(p.children[0], rs, ctx);
  if (o.verdict == Verdict::kPass) {
    if (exists.verdict == Verdict::kUnknown) return exists;
    o.witnesses.push_back(&r);
    if (o.evidence.empty() && r.evidence != "declared") o.evidence = r.evidence;
  }
  o.target = &r;
  return o;
}

Outcome BestOf(std::vector<Outcome> outcomes, Outcome none) {
  std::optional<Outcome> unknown, fail;
  for (Outcome& o : outcomes) {
    if (o.verdict == Verdict::kPass) return o;
    if (o.verdict == Verdict::kUnknown && !unknown) unknown = o;
    if (o.verdict == Verdict::kFail && !fail) fail = o;
  }
  if (unknown) return *unknown;
  if (fail) return *fail;
  return none;
}

// The service field of an ARN ("sns" in arn:aws:sns:...), with ${...} symbols treated as
// opaque; "" when the text is not an ARN.
std::string ArnService(const std::string& text) {
  std::string flat;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "${") == 0) {
      const size_t close = text.find('}', i);
      if (close == std::string::npos) return "";
      flat += '*';
      i = close;
    } else {
      flat += text[i];
    }
  }
  if (flat.rfind("arn:", 0) != 0) return "";
  const size_t start = flat.find(':', 4);
  if (start == std::string::npos) return "";
  const size_t end = flat.find(':', start + 1);
  return end == std::string::npos ? "" : flat.substr(start + 1, end - start - 1);
}

// A literal ARN of a service that none of the wanted types lives in (an event bus ARN where an
// SNS topic is wanted) is a link to something else, not an unknown one.
bool IsArnOfOtherService(const Value& v, const std::vector<std::string>& types,
                         const EvalContext& ctx) {
  if (!v.is(Value::Kind::kString) || v.has(Value::kInterpolated) || types.empty()) return false;
  const std::string service = ArnService(v.str());
  if (service.empty() || service == "*") return false;
  for (const std::string& type : types) {
    const TypeInfo* info = ctx.model.type_info(type);
    if (!info || info->arn_patterns.empty()) return false;
    for (const std::string& pattern : info->arn_patterns) {
      const std::string want = ArnService(pattern);
      if (want.empty() || want == "*" || want == service) return false;
    }
  }
  return true;
}

Outcome OpRef(const Predicate& p, const Subject& s, EvalContext& ctx) {
  if (!s.value) return Outcome::Fail(PathOf(p, s) + " is not set", s);
  if (IsArnOfOtherService(*s.value, p.types, ctx)) {
    return Outcome::Fail(PathOf(p, s) + " is an ARN of service '" + ArnService(s.value->str()) +
                             "', not an " + p.types[0],
                         s);
  }
  std::string unknown;
  std::vector<const Resource*> targets = ResolveTargets(*s.value, p.types, ctx, &unknown);
  if (targets.empty() && !p.types.empty()) {
    // A reference to a declared resource of another type is a wrong link, not an unknown one.
    for (const Resource* other : ResolveTargets(*s.value, {}, ctx, nullptr)) {
      return Outcome::Fail(PathOf(p, s) + " refers to '" + other->id + "' (" + other->type +
                               "), not to an " + p.types[0],
                           s);
    }
  }
  if (targets.empty()) {
    const std::string what = p.types.empty() ? std::string("a resource") : p.types[0];
    return Outcome::Unknown(PathOf(p, s) + " does not lead to a declared " + what +
                                (unknown.empty() ? "" : ": " + unknown),
                            "unresolved-reference", s);
  }
  std::vector<Outcome> outcomes;
  for (const Resource* r : targets) outcomes.push_back(OnResource(p, *r, ctx));
  return BestOf(std::move(outcomes), Outcome::Pass());
}

// Evaluates `where` on every resource of the predicate's types; the subject plays no part.
EvalCache::Scan ScanAnyResource(const Predicate& p, EvalContext& ctx) {
  EvalCache::Scan scan;
  std::vector<Outcome> outcomes;
  // The first resource that passes decides (as BestOf would); the rest need no evaluation.
  bool passed = false;
  for (size_t t = 0; t < p.types.size() && !passed; ++t) {
    for (const Resource* r : ctx.model.OfType(p.types[t])) {
      outcomes.push_back(OnResource(p, *r, ctx));
      if ((passed = outcomes.back().verdict == Verdict::kPass)) break;
    }
  }
  scan.none = outcomes.empty();
  if (!scan.none) scan.best = BestOf(std::move(outcomes), Outcome::Pass());
  return scan;
}

Outcome OpAnyResource(const Predicate& p, const Subject& s, EvalContext& ctx) {
  EvalCache::Scan scan;
  if (ctx.cache) {
    const auto key = std::make_pair(&p, ctx.forks);
    auto it = ctx.cache->any_resource.find(key);
    if (it == ctx.cache->any_resource.end()) {
      EvalCache::Scan fresh = ScanAnyResource(p, ctx);
      fresh.forks_after = ctx.forks;
      it = ctx.cache->any_resource.emplace(key, std::move(fresh)).first;
    }
    ctx.forks = it->second.forks_after;
    scan = it->second;
  } else {
    scan = ScanAnyResource(p, ctx);
  }
  std::string what = p.types.empty() ? "resource" : p.types[0];
  if (scan.none) return Outcome::Fail("no " + what + " is declared", s);
  Outcome best = std::move(scan.best);
  if (best.verdict == Verdict::kFail) {
    // The absence is account-wide: do not point at one of the non-matching resources.
    best.reason = "no " + what + " satisfies: " + best.reason;
    best.where = s.anchor;
    best.resource = s.resource;
    best.path.clear();
  }
  return best;
}

// Collects the values at a path, expanding '*' segments over list elements.
void ValuesAt(const Value& v, const std::vector<std::string>& path, size_t i,
              std::vector<const Value*>& out) {
  if (v.is(Value::Kind::kChoice)) {
    for (const Value& alt : v.items()) ValuesAt(alt, path, i, out);
    return;
  }
  if (i == path.size()) {
    out.push_back(&v);
    return;
  }
  if (path[i] == "*") {
    if (v.is(Value::Kind::kList)) {
      for (const Value& item : v.items()) ValuesAt(item, path, i + 1, out);
    } else {
      ValuesAt(v, path, i + 1, out);
    }
    return;
  }
  if (const Value* next = v.Find(path[i])) ValuesAt(*next, path, i + 1, out);
}

// For every resource of `type`, the resources of the predicate's types that refer to it at
// the predicate's path (each referrer once per target, in declaration order).
EvalCache::Referrers IndexReferrers(const Predicate& p, const std::string& type,
                                    const EvalContext& ctx) {
  EvalCache::Referrers index;
  const std::vector<std::string> own_type = {type};
  for (const std::string& referrer_type : p.types) {
    for (const Resource* r : ctx.model.OfType(referrer_type)) {
      std::vector<const Value*> values;
      ValuesAt(r->properties, p.link_path, 0, values);
      std::vector<const Resource*> targets;
      for (const Value* v : values) {
        for (const Resource* t : ResolveTargets(*v, own_type, ctx, nullptr)) {
          if (std::find(targets.begin(), targets.end(), t) == targets.end()) targets.push_back(t);
        }
      }
      for (const Resource* t : targets) index[t].push_back(r);
    }
  }
  return index;
}

Outcome OpReferencedBy(const Predicate& p, const Subject& s, EvalContext& ctx) {
  if (!s.resource) return Outcome::Fail("referenced_by needs a resource", s);
  EvalCache::Referrers local;
  const EvalCache::Referrers* index = &local;
  if (ctx.cache) {
    const auto key = std::make_pair(&p, s.resource->type);
    auto it = ctx.cache->referrers.find(key);
    if (it == ctx.cache->referrers.end()) {
      it = ctx.cache->referrers.emplace(key, IndexReferrers(p, s.resource->type, ctx)).first;
    }
    index = &it->second;
  } else {
    local = IndexReferrers(p, s.resource->type, ctx);
  }
  std::vector<Outcome> outcomes;
  if (auto hit = index->find(s.resource); hit != index->end()) {
    for (const Resource* r : hit->second) outcomes.push_back(OnResource(p, *r, ctx));
  }
  std::string what = p.types.empty() ? "resource" : p.types[0];
  Outcome none = Outcome::Fail("no " + what + " refers to " + s.resource->id, s);
  if (outcomes.empty()) return none;
  return BestOf(std::move(outcomes), none);
}

Outcome OpEventPatternMatches(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const Value& event = ArgValue(p.arg, ctx);
  if (!s.value) return Outcome::Fail(PathOf(p, s) + " is not set", s);
  if (s.value->is(Value::Kind::kUnknown)) {
    return Outcome::Unknown(PathOf(p, s) + ": " + s.value->str(), s.value->category(), s);
  }
  const EventMatch m = MatchEventPattern(*s.value, event);
  if (m == EventMatch::kYes) return Outcome::Pass();
  if (m == EventMatch::kUnknown) {
    return Outcome::Unknown(PathOf(p, s) + " contains values known only at deployment",
                            "deploy-time", s);
  }
  return Outcome::Fail(PathOf(p, s) + " does not match " + event.Render(80), s);
}

// A rule parameter has a value: {param_is: {require_symbols: false}}.
Outcome OpParamIs(const Predicate& p, const Subject& s, EvalContext& ctx) {
  for (const auto& m : p.arg.members()) {
    auto it = ctx.params.find(m.key);
    if (it == ctx.params.end() || !LooseEquals(it->second, m.value, false)) {
      return Outcome::Fail("parameter " + m.key + " is not " + m.value.Render(40), s);
    }
  }
  return Outcome::Pass();
}

// Another rule (evaluated earlier in dependency order) passed.
Outcome OpRulePasses(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const std::string id = p.arg.AsText().value_or("");
  if (!ctx.verdicts) return Outcome::Unknown("rule " + id + " was not evaluated", "rule", s);
  auto it = ctx.verdicts->find(id);
  if (it == ctx.verdicts->end()) return Outcome::Fail("rule " + id + " is not enabled", s);
  if (it->second == Verdict::kPass) return Outcome::Pass();
  if (it->second == Verdict::kUnknown)
    return Outcome::Unknown("rule " + id + " is undecided", "rule", s);
  return Outcome::Fail("rule " + id + " does not pass", s);
}

bool ConditionHasKey(const Value& statement, const std::string& key) {
  const Value* cond = statement.FindLoose("Condition");
  if (!cond) return false;
  for (const auto& op : cond->members()) {
    for (const auto& k : op.value.members()) {
      if (LooseKey(k.key) == LooseKey(key)) return true;
    }
  }
  return false;
}

// A policy document has a statement with the given effect (and condition key).
Outcome OpPolicyHasStatement(const Predicate& p, const Subject& s, EvalContext& ctx) {
  if (!s.value) return Outcome::Fail(PathOf(p, s) + " is not set", s);
  if (s.value->is(Value::Kind::kUnknown)) {
    return Outcome::Unknown(PathOf(p, s) + ": " + s.value->str(), s.value->category(), s);
  }
  const Value& want = ArgValue(p.arg, ctx);
  const std::string effect = want.Find("effect") ? want.Find("effect")->AsText().value_or("") : "";
  const std::string key =
      want.Find("condition_key") ? want.Find("condition_key")->AsText().value_or("") : "";
  for (const Value* st : PolicyStatements(*s.value)) {
    const Value* e = st->FindLoose("Effect");
    if (!effect.empty() && (!e || !LooseEquals(*e, Value::String(effect), true))) continue;
    if (!key.empty() && !ConditionHasKey(*st, key)) continue;
    return Outcome::Pass();
  }
  return Outcome::Fail(PathOf(p, s) + " has no " + (effect.empty() ? "" : effect + " ") +
                           "statement" + (key.empty() ? "" : " conditioned on " + key),
                       s);
}

}  // namespace

const std::vector<OpSpec>& Operators() {
  static const std::vector<OpSpec> ops = {
      {"alarm_has_action", ArgKind::kValue, OpAlarmHasAction,
       "a CloudWatch alarm tells someone: AlarmActions set and enabled, or a composite alarm "
       "with an action names it",
       PrepareMonitoringChain},
      {"all", ArgKind::kPredicates, OpAll, "every listed predicate holds"},
      {"any", ArgKind::kPredicates, OpAny, "at least one listed predicate holds"},
      {"any_resource", ArgKind::kLink, OpAnyResource,
       "some declared resource of `type` satisfies `where` (account scope)"},
      {"config_rule_in", ArgKind::kValue, OpConfigRuleIn,
       "an AWS Config rule (or organization rule) uses one of the listed managed rules"},
      {"contains", ArgKind::kValue, OpContains, "a list has the element / a string the substring"},
      {"denies_root_actions", ArgKind::kValue, OpDeniesRootActions,
       "a policy document (SCP) denies every action, or all but NotAction exceptions, to the "
       "root user of member accounts"},
      {"each", ArgKind::kPredicates, OpEach,
       "every listed predicate holds; a failure names every failing one"},
      {"equals", ArgKind::kValue, OpEquals, "equal after CloudFormation/Terraform coercion"},
      {"event_pattern_matches", ArgKind::kValue, OpEventPatternMatches,
       "an EventBridge event pattern matches the given event"},
      {"every", ArgKind::kPredicate, OpEvery, "every element of a list satisfies the predicate"},
      {"exists", ArgKind::kValue, OpExists, "the property is set (true) or not set (false)"},
      {"filter_pattern_valid", ArgKind::kValue, OpFilterPatternValid,
       "a CloudWatch Logs filter pattern that parses (the error's place in the message)"},
      {"gt", ArgKind::kValue, OpGt, "a number greater than the argument"},
      {"gte", ArgKind::kValue, OpGte, "a number greater than or equal to the argument"},
      {"iequals", ArgKind::kValue, OpEquals, "equal ignoring case"},
      {"in", ArgKind::kValue, OpIn, "equal to one of the listed values"},
      {"like", ArgKind::kValue, OpLike, "matches a glob with `*` wildcards (ARNs, names)"},
      {"lt", ArgKind::kValue, OpLt, "a number less than the argument"},
      {"lte", ArgKind::kValue, OpLte, "a number less than or equal to the argument"},
      {"matches", ArgKind::kValue, OpMatches, "matches an ECMAScript regular expression"},
      {"metric_alarmed", ArgKind::kValue, OpMetricAlarmed,
       "some CloudWatch alarm watches the metric of this metric filter (name and namespace)",
       PrepareMonitoringChain},
      {"monitors_item", ArgKind::kValue, OpMonitorsItem,
       "the declared metric filters (on a logging multi-region trail's log group, alarmed, with "
       "an action) and EventBridge rules catch the CloudTrail events of a monitoring item "
       "(rulesets/events/ID.yaml)",
       PrepareMonitoringChain},
      {"names_user", ArgKind::kValue, OpNamesUser,
       "names the IAM user given, literally or through a reference to an AWS::IAM::User"},
      {"non_empty", ArgKind::kValue, OpNonEmpty, "a non-empty list, map or string"},
      {"not", ArgKind::kPredicate, OpNot, "the predicate does not hold"},
      {"not_equals", ArgKind::kValue, OpNotEquals, "absent or different from the argument"},
      {"on_trail_log_group", ArgKind::kValue, OpOnTrailLogGroup,
       "a metric filter on the log group a declared CloudTrail trail delivers to",
       PrepareMonitoringChain},
      {"param_is", ArgKind::kValue, OpParamIs, "rule parameters have the given values"},
      {"policy_has_statement", ArgKind::kValue, OpPolicyHasStatement,
       "an IAM policy document has a statement with `effect` (and `condition_key`)"},
      {"ref", ArgKind::kLink, OpRef,
       "the value refers to a resource of `type` (Ref, GetAtt, Sub, name or ARN) that satisfies "
       "`then`"},
      {"referenced_by", ArgKind::kLink, OpReferencedBy,
       "some resource of `type` refers to this one at `path` and satisfies `where`"},
      {"rule_passes", ArgKind::kValue, OpRulePasses, "another rule passed in this run"},
      {"some", ArgKind::kPredicate, OpSome, "some element of a list satisfies the predicate"},
      {"starts_with", ArgKind::kValue, OpStartsWith, "a string with the given prefix"},
      {"type_is", ArgKind::kValue, OpTypeIs,
       "the resource has the canonical type (or one of them)"},
      {"watches_trail_metric", ArgKind::kValue, OpWatchesTrailMetric,
       "a CloudWatch alarm watches the metric of a metric filter on a trail's log group",
       PrepareMonitoringChain},
  };
  return ops;
}

const OpSpec* FindOperator(std::string_view name) {
  for (const OpSpec& op : Operators()) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

}  // namespace iaclint
