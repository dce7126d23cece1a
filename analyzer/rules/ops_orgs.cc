#include "rules/ops_orgs.h"

#include <optional>

#include "policy/scp.h"

namespace iaclint {

namespace {

std::string PathOf(const Predicate& p) {
  return p.PathText().empty() ? std::string("the value") : p.PathText();
}

// The weaker of two evidence levels ("" is the rule's own level, taken as declared).
std::string Weaker(const std::string& a, const std::string& b) {
  static const char* kOrder[] = {"declared", "enforced", "monitored", "attested"};
  auto rank = [](const std::string& e) {
    for (int i = 3; i >= 0; --i) {
      if (e.rfind(kOrder[i], 0) == 0) return i;
    }
    return 0;
  };
  return rank(b) > rank(a) ? b : a;
}

const Value* RuleIdentifier(const Value& props) {
  if (const Value* source = props.Find("Source")) {
    if (const Value* id = source->Find("SourceIdentifier")) return id;
  }
  if (const Value* meta = props.Find("OrganizationManagedRuleMetadata")) {
    if (const Value* id = meta->Find("RuleIdentifier")) return id;
  }
  return nullptr;
}

}  // namespace

Outcome OpDeniesRootActions(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const bool want = ArgValue(p.arg, ctx).AsBool().value_or(true);
  if (!s.value) {
    Outcome no = Outcome::Fail(PathOf(p) + " is not set", s);
    return want ? no : Outcome::Pass();
  }
  const RootDenial d = EvaluateRootDenial(*s.value);
  if (d.verdict == Verdict::kUnknown) return Outcome::Unknown(d.reason, "deploy-time", s);
  const bool denies = d.verdict == Verdict::kPass;
  if (denies == want) return Outcome::Pass();
  Outcome f = Outcome::Fail(want ? d.reason
                                 : "it denies every action to the root user" +
                                       (d.reason.empty() ? std::string() : " (" + d.reason + ")"),
                            s);
  if (d.where.known()) f.where = d.where;
  return f;
}

Outcome OpConfigRuleIn(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const Value& want = ArgValue(p.arg, ctx);
  const Value* id = s.value ? RuleIdentifier(*s.value) : nullptr;
  if (!id) return Outcome::Fail("no managed rule identifier", s);
  if (id->is(Value::Kind::kUnknown)) {
    return Outcome::Unknown("the rule identifier cannot be known offline: " + id->str(),
                            id->category(), s);
  }
  const std::string text = id->AsText().value_or("");
  for (const Value& option : want.items()) {
    if (option.AsText() && *option.AsText() == text) return Outcome::Pass();
  }
  if (auto single = want.AsText(); single && *single == text) return Outcome::Pass();
  return Outcome::Fail("the managed rule is " + id->Render(60) + ", not one of " + want.Render(80),
                       s);
}

Outcome OpNamesUser(const Predicate& p, const Subject& s, EvalContext& ctx) {
  const std::string want = ArgValue(p.arg, ctx).AsText().value_or("");
  if (!s.value) return Outcome::Fail(PathOf(p) + " is not set", s);
  const Value* name = s.value;
  if (name->is(Value::Kind::kRef)) {
    const Resource* user = ctx.model.FindByKey(name->str());
    if (!user || user->type != "AWS::IAM::User") {
      return Outcome::Unknown(PathOf(p) + " refers to something other than a declared IAM user",
                              "unresolved-reference", s);
    }
    name = user->properties.Find("UserName");
    if (!name) return Outcome::Fail("the user it refers to has no UserName", s);
  }
  if (name->is(Value::Kind::kUnknown) || name->has(Value::kInterpolated)) {
    return Outcome::Unknown(PathOf(p) + " is known only at deployment", "deploy-time", s);
  }
  const std::string text = name->AsText().value_or("");
  if (LooseKey(text) == LooseKey(want) && text.size() == want.size()) return Outcome::Pass();
  return Outcome::Fail(PathOf(p) + " names user " + name->Render(60) + ", not " + want, s);
}

Outcome OpEach(const Predicate& p, const Subject& s, EvalContext& ctx) {
  Outcome pass = Outcome::Pass();
  std::optional<Outcome> fail, unknown;
  std::string reasons;
  for (const Predicate& child : p.children) {
    Outcome o = Evaluate(child, s, ctx);
    if (o.verdict == Verdict::kFail) {
      if (!fail) fail = o;
      reasons += (reasons.empty() ? "" : "; ") + o.reason;
    } else if (o.verdict == Verdict::kUnknown) {
      if (!unknown) unknown = o;
    } else {
      for (const Resource* w : o.witnesses) pass.witnesses.push_back(w);
      if (!o.evidence.empty()) pass.evidence = Weaker(pass.evidence, o.evidence);
    }
  }
  if (fail) {
    fail->reason = reasons;
    return *fail;
  }
  return unknown ? *unknown : pass;
}

}  // namespace iaclint
