#include "terraform/tf_policy_document.h"

#include <algorithm>
#include <string>

#include "parse/json_reader.h"
#include "terraform/tf_values.h"

namespace iaclint {

namespace {

// policyDecodeConfigStringList: one value stays a string, several are sorted in reverse.
Value StringList(const Value& v, const Location& loc) {
  if (!v.is(Value::Kind::kList)) return v;
  if (v.items().size() == 1) return v.items()[0];
  Value out = v;
  if (IsKnown(v)) {
    std::stable_sort(out.items().begin(), out.items().end(), [](const Value& a, const Value& b) {
      return a.AsText().value_or("") > b.AsText().value_or("");
    });
  }
  out.set_loc(v.loc().known() ? v.loc() : loc);
  return out;
}

bool Empty(const Value* v) {
  return v == nullptr || v->IsNull() || (v->is(Value::Kind::kList) && v->items().empty());
}

Value Principals(const Value& blocks, const Location& loc) {
  if (!blocks.is(Value::Kind::kList)) return blocks;
  if (blocks.items().size() == 1) {
    const Value* type = blocks.items()[0].Find("type");
    const Value* ids = blocks.items()[0].Find("identifiers");
    if (type && type->AsText() == "*" && ids) {
      const Value single = StringList(*ids, loc);
      if (single.AsText() == "*") return Value::String("*", blocks.loc());
    }
  }
  Value out = Value::Map(blocks.loc());
  for (const Value& p : blocks.items()) {
    const Value* type = p.Find("type");
    const Value* ids = p.Find("identifiers");
    if (type == nullptr || ids == nullptr) continue;
    const auto t = type->AsText();
    if (!t) return Value::Unknown("a principal type is unknown", p.loc());
    Value* slot = out.Find(*t);
    if (slot == nullptr) {
      out.Set(*t, StringList(*ids, loc), type->loc());
      continue;
    }
    Value merged = slot->is(Value::Kind::kList) ? *slot : Value::List(slot->loc());
    if (!slot->is(Value::Kind::kList)) merged.Add(*slot);
    if (ids->is(Value::Kind::kList)) {
      for (const Value& i : ids->items()) merged.Add(i);
    }
    *slot = StringList(merged, loc);
  }
  return out;
}

Value Conditions(const Value& blocks) {
  if (!blocks.is(Value::Kind::kList)) return blocks;
  Value out = Value::Map(blocks.loc());
  for (const Value& c : blocks.items()) {
    const Value* test = c.Find("test");
    const Value* var = c.Find("variable");
    const Value* values = c.Find("values");
    if (!test || !var || !values) continue;
    const auto t = test->AsText(), v = var->AsText();
    if (!t || !v) return Value::Unknown("a condition operator or key is unknown", c.loc());
    Value* by_test = out.Find(*t);
    if (by_test == nullptr) by_test = &out.Set(*t, Value::Map(c.loc()), test->loc());
    by_test->Set(*v, StringList(*values, c.loc()), var->loc());
  }
  return out;
}

Value Statement(const Value& s) {
  Value out = Value::Map(s.loc());
  const Value* sid = s.Find("sid");
  if (sid && !sid->IsNull() && sid->AsText() != "") out.Set("Sid", *sid);
  const Value* effect = s.Find("effect");
  out.Set("Effect", effect && !effect->IsNull() ? *effect : Value::String("Allow", s.loc()));
  const std::pair<const char*, const char*> lists[] = {{"actions", "Action"},
                                                       {"not_actions", "NotAction"},
                                                       {"resources", "Resource"},
                                                       {"not_resources", "NotResource"}};
  for (const auto& [arg, key] : lists) {
    const Value* v = s.Find(arg);
    if (!Empty(v)) out.Set(key, StringList(*v, s.loc()), v->loc());
  }
  if (const Value* p = s.Find("principals"); !Empty(p))
    out.Set("Principal", Principals(*p, s.loc()));
  if (const Value* p = s.Find("not_principals"); !Empty(p)) {
    out.Set("NotPrincipal", Principals(*p, s.loc()));
  }
  if (const Value* c = s.Find("condition"); !Empty(c)) out.Set("Condition", Conditions(*c));
  return out;
}

// Statements of a JSON document given as an argument (a string or an encoded document).
std::vector<Value> DocumentStatements(const Value& doc) {
  Value parsed = doc;
  if (doc.is(Value::Kind::kString)) {
    auto r = ParseEmbeddedJson(doc);
    if (!r.ok()) return {Value::Unknown("a source policy document is not JSON", doc.loc())};
    parsed = std::move(r.value());
  }
  if (!parsed.is(Value::Kind::kMap)) {
    return {Value::Unknown("a source policy document is unknown", doc.loc())};
  }
  const Value* st = parsed.Find("Statement");
  if (st == nullptr) return {};
  if (st->is(Value::Kind::kList)) return st->items();
  return {*st};
}

std::string SidOf(const Value& statement) {
  const Value* sid = statement.Find("Sid");
  return sid ? sid->AsText().value_or("") : "";
}

// A statement with a Sid already present replaces it; others are appended.
void MergeStatements(std::vector<Value>& into, std::vector<Value> add) {
  for (Value& s : add) {
    const std::string sid = SidOf(s);
    auto same = std::find_if(into.begin(), into.end(),
                             [&](const Value& x) { return !sid.empty() && SidOf(x) == sid; });
    if (same != into.end()) {
      *same = std::move(s);
    } else {
      into.push_back(std::move(s));
    }
  }
}

void AddDocuments(const Value* docs, std::vector<Value>& statements) {
  if (docs == nullptr || !docs->is(Value::Kind::kList)) return;
  for (const Value& d : docs->items()) MergeStatements(statements, DocumentStatements(d));
}

}  // namespace

Value RenderPolicyDocument(const Value& args, const Location& loc) {
  Value doc = Value::Map(loc);
  const Value* version = args.Find("version");
  doc.Set("Version", version && !version->IsNull() ? *version : Value::String("2012-10-17", loc));
  if (const Value* id = args.Find("policy_id"); id && !id->IsNull()) doc.Set("Id", *id);
  std::vector<Value> statements;
  AddDocuments(args.Find("source_policy_documents"), statements);
  std::vector<Value> own;
  if (const Value* st = args.Find("statement")) {
    if (st->is(Value::Kind::kUnknown)) {
      own.push_back(*st);
    } else {
      for (const Value& s : st->items()) own.push_back(Statement(s));
    }
  }
  MergeStatements(statements, std::move(own));
  AddDocuments(args.Find("override_policy_documents"), statements);
  Value list = Value::List(loc);
  for (Value& s : statements) list.Add(std::move(s));
  doc.Set("Statement", std::move(list));
  doc.set(Value::kEmbeddedJson);
  return doc;
}

}  // namespace iaclint
