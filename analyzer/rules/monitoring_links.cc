#include "rules/monitoring_links.h"

#include "model/mappings.h"

namespace iaclint {

namespace {

Link UnknownValue(const Value& v, const std::string& what) {
  return Link::Unknown(what + " cannot be known offline: " + v.str(),
                       v.category().empty() ? "unknown" : v.category(), v.loc());
}

Link ConditionValue(const Value& v, const std::string& what) {
  return Link::Unknown(what + " depends on condition '" + v.str() + "'", "condition", v.loc());
}

// The name part of a log group ARN ("arn:aws:logs:r:a:log-group:NAME:*"). Uses the ARN
// patterns of rulesets/mappings/types.yaml when loaded, else the documented shape.
std::string LogGroupNameFromArn(const std::string& arn, const EvalContext& ctx) {
  if (const TypeInfo* info = ctx.model.type_info(kLogGroupType)) {
    std::string name = NameFromArn(*info, arn);
    if (!name.empty()) return name;
  }
  const std::string marker = ":log-group:";
  const size_t at = arn.find(marker);
  if (at == std::string::npos) return "";
  std::string name = arn.substr(at + marker.size());
  if (name.size() >= 2 && name.compare(name.size() - 2, 2, ":*") == 0) name.resize(name.size() - 2);
  return name;
}

// The literal name of a declared log group: kYes with the name, kNo when CloudFormation
// generates it, kUnknown when it comes from an unknown value.
Tri DeclaredName(const Resource& r, std::string* name) {
  const Value* v = r.properties.Find("LogGroupName");
  if (!v || v->IsNull()) return Tri::kNo;
  if (auto text = v->AsText(); text && !v->has(Value::kInterpolated)) {
    *name = *text;
    return Tri::kYes;
  }
  return Tri::kUnknown;
}

}  // namespace

std::string Quoted(const std::string& text) { return "'" + text + "'"; }

Link Link::No(std::string reason, Location where) {
  Link l;
  l.state = Tri::kNo;
  l.reason = std::move(reason);
  l.where = where;
  return l;
}

Link Link::Unknown(std::string reason, std::string category, Location where) {
  Link l;
  l.state = Tri::kUnknown;
  l.reason = std::move(reason);
  l.category = std::move(category);
  l.where = where;
  return l;
}

Link Both(const Link& a, const Link& b) {
  if (a.state == Tri::kNo) return a;
  if (b.state == Tri::kNo) return b;
  if (a.state == Tri::kUnknown) return a;
  return b;
}

Tri BoolTri(const Value* v, bool want, Tri absent) {
  if (!v || v->IsNull()) return absent;
  if (v->is(Value::Kind::kUnknown)) return Tri::kUnknown;
  if (v->is(Value::Kind::kChoice)) {
    bool yes = false, no = false;
    for (const Value& alt : v->items()) {
      const Tri t = BoolTri(&alt, want, absent);
      if (t == Tri::kUnknown) return Tri::kUnknown;
      (t == Tri::kYes ? yes : no) = true;
    }
    return yes && no ? Tri::kUnknown : (yes ? Tri::kYes : Tri::kNo);
  }
  auto b = v->AsBool();
  return b && *b == want ? Tri::kYes : Tri::kNo;
}

Link ExistsLink(const Resource& r, const std::string& what) {
  if (auto b = r.exists.AsBool()) {
    if (*b) return Link::Yes();
    const Location at = r.exists.loc().known() ? r.exists.loc() : r.loc;
    if (r.exists.has(Value::kAssumedDefault)) {
      return Link::No(
          what + " is not created with the parameter defaults (" + r.exists.tag() + " is false)",
          at);
    }
    return Link::No(what + " is never created" +
                        (r.exists.tag().empty() ? "" : " (" + r.exists.tag() + " is false)"),
                    at);
  }
  return Link::Unknown(what + " exists only if condition '" + r.exists.str() + "' holds",
                       "condition", r.loc);
}

Link BoolLink(const Value* v, bool want, Tri absent, const std::string& what,
              const std::string& no_reason) {
  const Location where = v ? v->loc() : Location{};
  switch (BoolTri(v, want, absent)) {
    case Tri::kYes:
      return Link::Yes();
    case Tri::kNo:
      return Link::No(no_reason, where);
    case Tri::kUnknown:
      break;
  }
  if (v->is(Value::Kind::kChoice)) return ConditionValue(*v, what);
  if (v->is(Value::Kind::kUnknown)) return UnknownValue(*v, what);
  return Link::Unknown(what + " is " + v->Render(40), "unknown", where);
}

ScalarText TextOf(const Value* v, const std::string& what) {
  ScalarText out;
  if (!v || v->IsNull()) {
    out.link = Link::No(what + " is not set");
    return out;
  }
  if (v->is(Value::Kind::kUnknown)) {
    out.link = UnknownValue(*v, what);
    return out;
  }
  if (v->is(Value::Kind::kChoice)) {
    // Equal branches do not depend on the condition.
    std::optional<std::string> same;
    for (const Value& alt : v->items()) {
      ScalarText t = TextOf(&alt, what);
      if (t.link.state != Tri::kYes || (same && *same != t.text)) {
        out.link = ConditionValue(*v, what);
        return out;
      }
      same = t.text;
      out.symbolic |= t.symbolic;
    }
    out.text = same.value_or("");
    return out;
  }
  if (v->is(Value::Kind::kRef)) {
    out.link = Link::Unknown(
        what + " is an attribute of resource '" + v->str() + "', known only at deployment",
        "deploy-time", v->loc());
    return out;
  }
  auto text = v->AsText();
  if (!text) {
    out.link = Link::Unknown(what + " is not a text: " + v->Render(40), "invalid", v->loc());
    return out;
  }
  out.text = *text;
  out.symbolic = v->has(Value::kSymbolic) || v->has(Value::kInterpolated);
  return out;
}

std::string LogGroupRef::Shown() const {
  if (!name.empty()) return Quoted(name);
  return resource ? Quoted(resource->id) : "(unknown)";
}

LogGroupRef ResolveLogGroup(const Value* v, const std::string& what, const EvalContext& ctx) {
  LogGroupRef out;
  if (!v || v->IsNull()) {
    out.link = Link::No(what + " is not set");
    return out;
  }
  if (v->is(Value::Kind::kUnknown)) {
    out.link = UnknownValue(*v, what);
    return out;
  }
  if (v->is(Value::Kind::kChoice)) {
    out.link = ConditionValue(*v, what);
    return out;
  }
  const std::vector<const Resource*> targets = ResolveTargets(*v, {kLogGroupType}, ctx, nullptr);
  if (!targets.empty()) {
    out.resource = targets.front();
    DeclaredName(*out.resource, &out.name);
    return out;
  }
  if (v->is(Value::Kind::kRef) || v->has(Value::kInterpolated)) {
    out.link = Link::Unknown(what + " refers to " + v->Render(60) +
                                 ", which is not a log group declared in the analysed files",
                             "unresolved-reference", v->loc());
    return out;
  }
  auto text = v->AsText();
  if (!text) {
    out.link =
        Link::Unknown(what + " is not a log group name: " + v->Render(40), "invalid", v->loc());
    return out;
  }
  out.name = text->rfind("arn:", 0) == 0 ? LogGroupNameFromArn(*text, ctx) : *text;
  if (out.name.empty()) {
    out.link = Link::Unknown(what + " '" + *text + "' is not a log group ARN", "invalid", v->loc());
  }
  return out;
}

Tri LogGroupName(const LogGroupRef& g, std::string* name) {
  *name = g.name;
  // A declared group without LogGroupName gets a generated name that no literal can know.
  return g.resource ? DeclaredName(*g.resource, name) : Tri::kYes;
}

Tri SameLogGroup(const LogGroupRef& a, const LogGroupRef& b) {
  if (a.resource && a.resource == b.resource) return Tri::kYes;
  std::string na, nb;
  const Tri ka = LogGroupName(a, &na);
  const Tri kb = LogGroupName(b, &nb);
  if (ka == Tri::kNo || kb == Tri::kNo) return Tri::kNo;
  if (ka == Tri::kUnknown || kb == Tri::kUnknown) return Tri::kUnknown;
  return na == nb ? Tri::kYes : Tri::kNo;
}

MetricId MetricOf(const Value* name, const Value* ns, const Resource& r, const std::string& owner) {
  MetricId m;
  m.scope = r.scope;
  m.where = name && name->loc().known() ? name->loc() : r.loc;
  const bool own = owner == "its";
  ScalarText n = TextOf(name, own ? "its metric name" : "the metric name of " + owner);
  ScalarText s = TextOf(ns, own ? "its metric namespace" : "the metric namespace of " + owner);
  m.name = n.text;
  m.ns = s.text;
  m.known = Both(n.link, s.link);
  m.symbolic = n.symbolic || s.symbolic;
  return m;
}

Tri SameMetric(const MetricId& a, const MetricId& b) {
  if (a.known.state == Tri::kNo || b.known.state == Tri::kNo) return Tri::kNo;
  if (a.known.state == Tri::kUnknown || b.known.state == Tri::kUnknown) return Tri::kUnknown;
  if (a.name != b.name || a.ns != b.ns) return Tri::kNo;
  // ${AWS::StackName} is one stack's name: equal texts from two templates may differ.
  if ((a.symbolic || b.symbolic) && a.scope != b.scope) return Tri::kUnknown;
  return Tri::kYes;
}

}  // namespace iaclint
