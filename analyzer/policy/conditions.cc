#include "policy/conditions.h"

#include <vector>

#include "policy/root_match.h"

namespace iaclint {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

struct Operator {
  std::string base;  ///< lower case, without set prefix and IfExists: "arnlike", "null"
  bool if_exists = false;
  bool negated = false;
};

Operator ParseOperator(const std::string& name) {
  Operator op;
  std::string s = Lower(name);
  for (const char* prefix : {"foranyvalue:", "forallvalues:"}) {
    if (s.rfind(prefix, 0) == 0) s.erase(0, std::string(prefix).size());
  }
  if (s.size() > 8 && s.compare(s.size() - 8, 8, "ifexists") == 0) {
    op.if_exists = true;
    s.resize(s.size() - 8);
  }
  op.negated = s.find("not") != std::string::npos;
  op.base = s;
  return op;
}

// The texts of a condition's values; false when one cannot be known offline.
bool Texts(const Value& values, std::vector<std::string>& out) {
  auto one = [&](const Value& v) {
    if (v.is(Value::Kind::kUnknown) || v.is(Value::Kind::kRef) || v.has(Value::kInterpolated)) {
      return false;
    }
    if (auto t = v.AsText()) out.push_back(*t);
    return true;
  };
  if (values.is(Value::Kind::kList)) {
    for (const Value& item : values.items()) {
      if (!one(item)) return false;
    }
    return true;
  }
  return one(values);
}

ConditionTruth Truth(ConditionTruth::State s, std::string note = "") {
  return ConditionTruth{s, std::move(note)};
}

// A key the root user's request does not carry (aws:AssumedRoot for root credentials).
ConditionTruth AbsentKey(const Operator& op, const std::vector<std::string>& texts) {
  if (op.base == "null") {
    for (const std::string& t : texts) {
      if (Lower(t) == "true") return Truth(ConditionTruth::kTrue);
    }
    return Truth(ConditionTruth::kFalse);
  }
  if (op.if_exists || op.negated) return Truth(ConditionTruth::kTrue);
  return Truth(ConditionTruth::kFalse);
}

MatchStyle StyleOf(const std::string& base, bool* ok) {
  *ok = true;
  if (base == "arnlike" || base == "arnequals" || base == "arnnotlike" || base == "arnnotequals") {
    return MatchStyle::kArn;
  }
  if (base == "stringlike" || base == "stringnotlike") return MatchStyle::kGlob;
  if (base == "stringequals" || base == "stringnotequals") return MatchStyle::kLiteral;
  if (base == "stringequalsignorecase" || base == "stringnotequalsignorecase") {
    return MatchStyle::kLiteralNoCase;
  }
  *ok = false;
  return MatchStyle::kLiteral;
}

ConditionTruth PrincipalArn(const Operator& op, const std::vector<std::string>& texts,
                            const std::string& shown) {
  bool ok = false;
  const MatchStyle style = StyleOf(op.base, &ok);
  if (!ok) return Truth(ConditionTruth::kNarrow, "also requires " + shown);
  RootMatch best = RootMatch::kNone;
  for (const std::string& t : texts) {
    const RootMatch m = MatchRootArn(t, style);
    if (static_cast<int>(m) > static_cast<int>(best)) best = m;
  }
  if (!op.negated) {
    if (best == RootMatch::kAll) return Truth(ConditionTruth::kTrue);
    if (best == RootMatch::kSome) {
      return Truth(ConditionTruth::kTrue, "only for the root users of the accounts it names");
    }
    return Truth(ConditionTruth::kFalse);
  }
  if (best == RootMatch::kAll) return Truth(ConditionTruth::kFalse);
  if (best == RootMatch::kSome) {
    return Truth(ConditionTruth::kTrue, "except for the root users of the accounts it names");
  }
  return Truth(ConditionTruth::kTrue);
}

ConditionTruth PrincipalType(const Operator& op, const std::vector<std::string>& texts,
                             const std::string& shown) {
  bool ok = false;
  const MatchStyle style = StyleOf(op.base, &ok);
  if (!ok) return Truth(ConditionTruth::kNarrow, "also requires " + shown);
  bool any = false;
  for (const std::string& t : texts) {
    if (style == MatchStyle::kGlob) {
      any |= WildcardMatch(t, "Account");
    } else if (style == MatchStyle::kLiteralNoCase) {
      any |= Lower(t) == "account";
    } else {
      any |= t == "Account";
    }
  }
  return Truth(any != op.negated ? ConditionTruth::kTrue : ConditionTruth::kFalse);
}

}  // namespace

ConditionTruth EvaluateForRoot(const std::string& op_name, const std::string& key,
                               const Value& values) {
  const Operator op = ParseOperator(op_name);
  const std::string k = Lower(key);
  const std::string shown = op_name + " " + key + " " + values.Render(80);
  std::vector<std::string> texts;
  if (!Texts(values, texts)) {
    return Truth(ConditionTruth::kUnknown, shown + " holds values known only at deployment");
  }
  if (k == "aws:assumedroot" || k == "aws:username") return AbsentKey(op, texts);
  if (op.base == "null") {
    // A key every request carries (aws:PrincipalArn, ...): Null false holds, Null true never.
    const bool want_absent = !texts.empty() && Lower(texts.front()) == "true";
    if (k == "aws:principalarn" || k == "aws:principaltype" || k == "aws:userid" ||
        k == "aws:principalaccount") {
      return Truth(want_absent ? ConditionTruth::kFalse : ConditionTruth::kTrue);
    }
    return Truth(ConditionTruth::kNarrow, "also requires " + shown);
  }
  if (k == "aws:principalarn") return PrincipalArn(op, texts, shown);
  if (k == "aws:principaltype") return PrincipalType(op, texts, shown);
  return Truth(ConditionTruth::kNarrow, "also requires " + shown);
}

}  // namespace iaclint
