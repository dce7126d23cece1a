#include "rules/eval.h"

#include "model/mappings.h"
#include "rules/ops.h"

namespace iaclint {

namespace {

Location AnchorOf(const Subject& s) {
  // At the root of a resource, point at its declaration rather than at its Properties map.
  if (s.path.empty() && s.resource && s.value == &s.resource->properties) return s.resource->loc;
  if (s.value && s.value->loc().known()) return s.value->loc();
  if (s.anchor.known()) return s.anchor;
  return s.resource ? s.resource->loc : Location{};
}

std::string Join(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + "." + b;
}

bool IsIndex(const std::string& seg) {
  if (seg.empty() || seg.size() > 9) return false;  // std::stoul must not overflow
  for (char c : seg) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Combines the outcomes of the alternatives of a Choice: a rule passes only if it passes on
// every branch and fails only if it fails on every branch; otherwise it is UNKNOWN.
Outcome CombineChoice(const Value& choice, std::vector<Outcome> outcomes, const Subject& s) {
  bool all_pass = true, all_fail = true;
  for (const Outcome& o : outcomes) {
    all_pass &= o.verdict == Verdict::kPass;
    all_fail &= o.verdict == Verdict::kFail;
  }
  if (all_pass) return outcomes.front();
  if (all_fail) return outcomes.front();
  for (const Outcome& o : outcomes) {
    if (o.verdict == Verdict::kFail) {
      Outcome u = o;
      u.verdict = Verdict::kUnknown;
      u.reason = "depends on condition '" + choice.str() + "': on one branch " + o.reason;
      u.category = "condition";
      return u;
    }
  }
  for (const Outcome& o : outcomes) {
    if (o.verdict == Verdict::kUnknown) return o;
  }
  return Outcome::Unknown("depends on condition '" + choice.str() + "'", "condition", s);
}

Outcome ApplyAt(const Predicate& p, const Subject& s, size_t seg, EvalContext& ctx);

Outcome ForkChoice(const Predicate& p, const Subject& s, size_t seg, EvalContext& ctx) {
  const Value& choice = *s.value;
  ctx.forks += choice.items().size();
  if (ctx.forks > ctx.max_forks) {
    return Outcome::Unknown("more than " + std::to_string(ctx.max_forks) +
                                " condition combinations to consider",
                            "condition", s);
  }
  std::vector<Outcome> outcomes;
  for (const Value& alt : choice.items()) {
    Subject branch = s;
    branch.value = &alt;
    outcomes.push_back(ApplyAt(p, branch, seg, ctx));
  }
  if (outcomes.empty()) return Outcome::Unknown("empty condition", "condition", s);
  return CombineChoice(choice, std::move(outcomes), s);
}

// Follows the predicate's path from the subject one segment at a time.
Outcome ApplyAt(const Predicate& p, const Subject& s, size_t seg, EvalContext& ctx) {
  if (s.value && s.value->is(Value::Kind::kChoice)) return ForkChoice(p, s, seg, ctx);
  if (seg == p.path.size()) {
    if (s.value && s.value->IsNull()) {
      Subject absent = s;
      absent.value = nullptr;
      return FindOperator(p.op)->fn(p, absent, ctx);
    }
    return FindOperator(p.op)->fn(p, s, ctx);
  }
  const std::string& name = p.path[seg];
  Subject next = s;
  next.path = Join(s.path, name);
  next.value = nullptr;
  if (s.value && s.value->is(Value::Kind::kUnknown)) {
    if (p.op == "exists") return FindOperator(p.op)->fn(p, s, ctx);
    return Outcome::Unknown(s.value->str(), s.value->category(), s);
  }
  if (s.value && s.value->is(Value::Kind::kMap)) {
    if (const Value::Member* m = s.value->FindMember(name)) {
      next.value = &m->value;
      next.anchor = m->key_loc;
    }
  } else if (s.value && s.value->is(Value::Kind::kList) && IsIndex(name)) {
    const size_t i = std::stoul(name);
    if (i < s.value->items().size()) {
      next.value = &s.value->items()[i];
      next.anchor = next.value->loc();
    }
  }
  return ApplyAt(p, next, seg + 1, ctx);
}

}  // namespace

Outcome Outcome::Fail(std::string reason, const Subject& at) {
  Outcome o;
  o.verdict = Verdict::kFail;
  o.reason = std::move(reason);
  o.where = AnchorOf(at);
  o.resource = at.resource;
  o.path = at.path;
  return o;
}

Outcome Outcome::Unknown(std::string reason, std::string category, const Subject& at) {
  Outcome o = Fail(std::move(reason), at);
  o.verdict = Verdict::kUnknown;
  o.category = std::move(category);
  return o;
}

Subject ResourceSubject(const Resource& r) {
  Subject s;
  s.value = &r.properties;
  s.resource = &r;
  s.anchor = r.loc;
  return s;
}

Outcome Evaluate(const Predicate& p, const Subject& subject, EvalContext& ctx) {
  Outcome o = ApplyAt(p, subject, 0, ctx);
  if (o.verdict == Verdict::kPass && !p.evidence.empty()) o.evidence = p.evidence;
  if (o.verdict == Verdict::kFail && !p.explain.empty()) {
    o.reason = FormatMessage(p.explain, o, subject.resource, ctx);
  }
  return o;
}

const Value& ArgValue(const Value& arg, const EvalContext& ctx) {
  if (arg.is(Value::Kind::kString) && !arg.str().empty() && arg.str()[0] == '$') {
    auto it = ctx.params.find(arg.str().substr(1));
    if (it != ctx.params.end()) return it->second;
  }
  return arg;
}

std::vector<const Resource*> ResolveTargets(const Value& v, const std::vector<std::string>& types,
                                            const EvalContext& ctx, std::string* unknown) {
  std::vector<const Resource*> out;
  auto accept = [&](const Resource* r) {
    if (!r) return;
    if (!types.empty()) {
      bool ok = false;
      for (const auto& t : types) ok |= (r->type == t);
      if (!ok) return;
    }
    for (const Resource* seen : out) {
      if (seen == r) return;
    }
    out.push_back(r);
  };
  switch (v.kind()) {
    case Value::Kind::kRef:
      accept(ctx.model.FindByKey(v.str()));
      return out;
    case Value::Kind::kString: {
      if (v.has(Value::kInterpolated)) {
        for (const Value& r : v.items()) accept(ctx.model.FindByKey(r.str()));
        if (!out.empty()) return out;
      }
      for (const auto& type : types) {
        for (const Resource* r : ctx.model.FindByName(type, v.str())) accept(r);
        if (const TypeInfo* info = ctx.model.type_info(type)) {
          const std::string name = NameFromArn(*info, v.str());
          if (!name.empty()) {
            for (const Resource* r : ctx.model.FindByName(type, name)) accept(r);
          }
        }
      }
      if (out.empty() && unknown) {
        *unknown = "'" + v.str() + "' does not name a resource declared in the analysed files";
      }
      return out;
    }
    case Value::Kind::kList:
      for (const Value& item : v.items()) {
        for (const Resource* r : ResolveTargets(item, types, ctx, unknown)) accept(r);
      }
      return out;
    case Value::Kind::kUnknown:
      if (unknown) *unknown = v.str();
      return out;
    default:
      if (unknown) *unknown = "the value is not a reference: " + v.Render(60);
      return out;
  }
}

std::string Describe(const Predicate& p, const EvalContext& ctx) {
  const std::string path = p.PathText().empty() ? "the value" : p.PathText();
  const std::string arg = ArgValue(p.arg, ctx).Render(60);
  if (p.op == "exists") return path + (ArgValue(p.arg, ctx).AsBool().value_or(true) ? " is set" : " is not set");
  if (p.op == "equals" || p.op == "iequals") return path + " = " + arg;
  if (p.op == "not_equals") return path + " != " + arg;
  if (p.op == "gte") return path + " >= " + arg;
  if (p.op == "gt") return path + " > " + arg;
  if (p.op == "lte") return path + " <= " + arg;
  if (p.op == "lt") return path + " < " + arg;
  if (p.op == "in") return path + " in " + arg;
  if (p.op == "arn_like" || p.op == "like") return path + " like " + arg;
  if (p.op == "non_empty") return path + " is not empty";
  if (p.op == "not" && !p.children.empty()) return "not (" + Describe(p.children[0], ctx) + ")";
  if ((p.op == "some" || p.op == "every") && !p.children.empty()) {
    return (p.op == "some" ? "some element of " : "every element of ") + path + " has " +
           Describe(p.children[0], ctx);
  }
  if (p.op == "all" || p.op == "any") {
    std::string out;
    for (const Predicate& c : p.children) {
      if (!out.empty()) out += (p.op == "all" ? " and " : " or ");
      out += Describe(c, ctx);
    }
    return out;
  }
  return p.op + " " + path;
}

std::string FormatMessage(const std::string& tmpl, const Outcome& outcome,
                          const Resource* resource, const EvalContext& ctx) {
  std::string out;
  size_t pos = 0;
  while (pos < tmpl.size()) {
    const size_t open = tmpl.find('{', pos);
    const size_t close = open == std::string::npos ? open : tmpl.find('}', open);
    if (open == std::string::npos || close == std::string::npos) {
      out += tmpl.substr(pos);
      break;
    }
    out += tmpl.substr(pos, open - pos);
    const std::string key = tmpl.substr(open + 1, close - open - 1);
    pos = close + 1;
    if (key == "resource") {
      out += resource ? resource->id : (outcome.resource ? outcome.resource->id : "");
    } else if (key == "target") {
      out += outcome.target ? outcome.target->id
                            : (outcome.resource ? outcome.resource->id : "(undeclared)");
    } else if (key == "reason") {
      out += outcome.reason;
    } else if (key == "type") {
      out += resource ? resource->type : "";
    } else if (auto it = ctx.params.find(key); it != ctx.params.end()) {
      out += it->second.AsText().value_or(it->second.Render(40));
    } else {
      out += "{" + key + "}";
    }
  }
  return out;
}

}  // namespace iaclint
