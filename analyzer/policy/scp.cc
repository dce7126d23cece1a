#include "policy/scp.h"

#include <algorithm>
#include <optional>

#include "parse/json_reader.h"
#include "policy/conditions.h"
#include "policy/root_match.h"

namespace iaclint {

namespace {

bool Deferred(const Value& v) {
  return v.is(Value::Kind::kUnknown) || v.is(Value::Kind::kRef) || v.is(Value::Kind::kChoice) ||
         v.has(Value::kInterpolated);
}

}  // namespace

std::vector<const Value*> PolicyStatements(const Value& doc) {
  std::vector<const Value*> out;
  const Value* st = doc.FindLoose("Statement");
  if (!st) return out;
  if (st->is(Value::Kind::kList)) {
    for (const Value& item : st->items()) out.push_back(&item);
  } else {
    out.push_back(st);
  }
  return out;
}

namespace {

std::string NameOf(const Value& st, size_t index) {
  if (const Value* sid = st.FindLoose("Sid")) {
    if (auto t = sid->AsText(); t && !t->empty()) return "'" + *t + "'";
  }
  return "#" + std::to_string(index + 1);
}

// Texts of a string-or-list element; nullopt when one of them is not known offline.
std::optional<std::vector<std::string>> TextsOf(const Value& v) {
  std::vector<std::string> out;
  auto one = [&](const Value& item) {
    if (Deferred(item)) return false;
    if (auto t = item.AsText()) out.push_back(*t);
    return true;
  };
  if (v.is(Value::Kind::kList)) {
    for (const Value& item : v.items()) {
      if (!one(item)) return std::nullopt;
    }
  } else if (!one(v)) {
    return std::nullopt;
  }
  return out;
}

std::string JoinTexts(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

struct Actions {
  enum Kind { kAll, kAllExcept, kSome, kUnknown } kind = kSome;
  std::vector<std::string> list;
};

Actions ActionsOf(const Value& st) {
  const bool has_action = st.FindLoose("Action") != nullptr;
  const Value* v = has_action ? st.FindLoose("Action") : st.FindLoose("NotAction");
  if (!v) return {};
  auto texts = TextsOf(*v);
  if (!texts) return {Actions::kUnknown, {}};
  const bool star = std::any_of(texts->begin(), texts->end(),
                                [](const std::string& a) { return a == "*" || a == "*:*"; });
  if (has_action) return star ? Actions{Actions::kAll, {}} : Actions{Actions::kSome, *texts};
  if (star) return {};  // NotAction "*": denies nothing
  return {Actions::kAllExcept, *texts};
}

// "" when the statement covers every resource, else what it is limited to.
std::optional<std::string> ResourceLimit(const Value& st) {
  if (const Value* nr = st.FindLoose("NotResource")) return "except on " + nr->Render(60);
  const Value* r = st.FindLoose("Resource");
  if (!r) return std::string();
  auto texts = TextsOf(*r);
  if (!texts) return std::nullopt;
  if (std::find(texts->begin(), texts->end(), "*") != texts->end()) return std::string();
  return "only on " + JoinTexts(*texts);
}

// Whether every condition of a statement holds for the root user.
ConditionTruth Applies(const Value& st) {
  const Value* cond = st.FindLoose("Condition");
  if (!cond) return {};
  if (Deferred(*cond))
    return {ConditionTruth::kUnknown, "its Condition is known only at deployment"};
  ConditionTruth out;
  for (const auto& op : cond->members()) {
    if (Deferred(op.value)) {
      return {ConditionTruth::kUnknown, op.key + " is known only at deployment"};
    }
    for (const auto& key : op.value.members()) {
      ConditionTruth t = EvaluateForRoot(op.key, key.key, key.value);
      if (t.state == ConditionTruth::kFalse) return t;
      if (t.state != ConditionTruth::kTrue && out.state == ConditionTruth::kTrue) out = t;
      if (t.state == ConditionTruth::kUnknown) out = t;
      if (t.state == ConditionTruth::kTrue && !t.note.empty() && out.note.empty())
        out.note = t.note;
    }
  }
  return out;
}

bool IsDeny(const Value& st, bool* unknown) {
  const Value* e = st.FindLoose("Effect");
  if (!e) return false;
  if (Deferred(*e)) {
    *unknown = true;
    return false;
  }
  const std::string t = e->AsText().value_or("");
  return t.size() == 4 && (t[0] == 'D' || t[0] == 'd') && t.substr(1) == "eny";
}

// What the statements found so far say about the root user.
struct Tally {
  std::optional<RootDenial> all;                       ///< a Deny of every action
  std::optional<std::vector<std::string>> exceptions;  ///< NotAction denies, intersected
  Location except_at;
  std::vector<std::string> some;  ///< specific actions denied
  std::string narrow, unknown;
  Location narrow_at, unknown_at;
};

void Intersect(std::vector<std::string>& kept, const std::vector<std::string>& more) {
  std::vector<std::string> out;
  for (const std::string& a : kept) {
    if (std::find(more.begin(), more.end(), a) != more.end()) out.push_back(a);
  }
  kept = std::move(out);
}

void AddStatement(const Value& st, size_t index, Tally& t) {
  bool unknown_effect = false;
  const bool deny = IsDeny(st, &unknown_effect);
  const std::string name = "statement " + NameOf(st, index);
  if (unknown_effect && t.unknown.empty()) {
    t.unknown = "the Effect of " + name + " is known only at deployment";
    t.unknown_at = st.loc();
  }
  if (!deny || st.FindLoose("Principal") || st.FindLoose("NotPrincipal")) return;
  const ConditionTruth applies = Applies(st);
  if (applies.state == ConditionTruth::kFalse) return;
  if (applies.state == ConditionTruth::kUnknown) {
    if (t.unknown.empty()) {
      t.unknown = name + ": " + applies.note;
      t.unknown_at = st.loc();
    }
    return;
  }
  const Actions actions = ActionsOf(st);
  const std::optional<std::string> limit = ResourceLimit(st);
  if (actions.kind == Actions::kUnknown || !limit) {
    if (t.unknown.empty())
      t.unknown = name + " names actions or resources known only at deployment";
    if (t.unknown_at.line == 0) t.unknown_at = st.loc();
    return;
  }
  if (applies.state == ConditionTruth::kNarrow || !limit->empty()) {
    if (t.narrow.empty() && actions.kind != Actions::kSome) {
      t.narrow = name + " denies the root user only conditionally: " +
                 (limit->empty() ? applies.note : *limit);
      t.narrow_at = st.loc();
    }
    return;
  }
  if (actions.kind == Actions::kAll && !t.all) {
    t.all = RootDenial{Verdict::kPass, applies.note, st.loc(), {}};
  } else if (actions.kind == Actions::kAllExcept) {
    if (!t.exceptions) {
      t.exceptions = actions.list;
      t.except_at = st.loc();
    } else {
      Intersect(*t.exceptions, actions.list);
    }
  } else {
    for (const std::string& a : actions.list) t.some.push_back(a);
  }
}

RootDenial Conclude(const Tally& t, const Value& doc) {
  if (t.all) return *t.all;
  if (t.exceptions) {
    // "Deny all but s3:*, ec2:*, ..." is a service allow-list, not a seal: the root user keeps
    // whole services. Only exceptions naming single actions leave it sealed.
    std::vector<std::string> broad;
    for (const std::string& a : *t.exceptions) {
      if (a.find('*') != std::string::npos || a.find('?') != std::string::npos) broad.push_back(a);
    }
    if (!broad.empty()) {
      if (broad.size() > 5) {
        broad.resize(5);
        broad.push_back("...");
      }
      return RootDenial{Verdict::kFail,
                        "its NotAction leaves the root user whole services or action groups (" +
                            JoinTexts(broad) + ")",
                        t.except_at, *t.exceptions};
    }
    RootDenial d{Verdict::kPass, "", t.except_at, *t.exceptions};
    if (!t.exceptions->empty()) d.reason = "every action except " + JoinTexts(*t.exceptions);
    return d;
  }
  if (!t.unknown.empty()) return RootDenial{Verdict::kUnknown, t.unknown, t.unknown_at, {}};
  if (!t.narrow.empty()) return RootDenial{Verdict::kFail, t.narrow, t.narrow_at, {}};
  if (!t.some.empty()) {
    return RootDenial{Verdict::kFail,
                      "it denies only " + JoinTexts(t.some) + " to the root user, not every action",
                      doc.loc(),
                      {}};
  }
  return RootDenial{
      Verdict::kFail,
      std::string("no Deny statement applies to the root user (") + kRootArnExample + ")",
      doc.loc(),
      {}};
}

}  // namespace

bool LooksLikePolicyDocument(const Value& root) {
  return root.is(Value::Kind::kMap) && root.Find("Statement") && root.Find("Version");
}

bool HasPrincipalElement(const Value& document) {
  for (const Value* st : PolicyStatements(document)) {
    if (st->FindLoose("Principal") || st->FindLoose("NotPrincipal")) return true;
  }
  return false;
}

RootDenial EvaluateRootDenial(const Value& document) {
  if (Deferred(document) && !document.is(Value::Kind::kString)) {
    return RootDenial{
        Verdict::kUnknown, "the policy is known only at deployment", document.loc(), {}};
  }
  if (document.is(Value::Kind::kString)) {
    const std::string& text = document.str();
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || text[first] != '{' || document.has(Value::kInterpolated)) {
      return RootDenial{
          Verdict::kUnknown, "the policy text is known only at deployment", document.loc(), {}};
    }
    auto parsed = ParseEmbeddedJson(document);
    if (!parsed.ok()) {
      return RootDenial{Verdict::kFail,
                        "the policy is not valid JSON: " + parsed.error().message,
                        document.loc(),
                        {}};
    }
    return EvaluateRootDenial(*parsed);
  }
  if (!document.is(Value::Kind::kMap)) {
    return RootDenial{Verdict::kFail, "the policy is not a JSON object", document.loc(), {}};
  }
  const std::vector<const Value*> statements = PolicyStatements(document);
  if (statements.empty()) {
    return RootDenial{Verdict::kFail, "the policy has no Statement", document.loc(), {}};
  }
  Tally tally;
  for (size_t i = 0; i < statements.size(); ++i) AddStatement(*statements[i], i, tally);
  return Conclude(tally, document);
}

}  // namespace iaclint
