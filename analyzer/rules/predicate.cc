#include "rules/predicate.h"

#include "rules/ops.h"

namespace iaclint {

namespace {

Error At(const Value& v, std::string message) { return Error{std::move(message), v.loc()}; }

Result<bool> ParseLink(const Value& arg, Predicate& p) {
  if (!arg.is(Value::Kind::kMap)) return At(arg, "'" + p.op + "' needs a map with 'type'");
  for (const auto& m : arg.members()) {
    if (m.key == "type" || m.key == "types") {
      p.types = m.value.TextItems();
    } else if (m.key == "then" || m.key == "where") {
      auto child = ParsePredicate(m.value);
      if (!child.ok()) return child.error();
      p.children.push_back(std::move(*child));
    } else if (m.key == "path") {
      p.link_path = SplitPath(m.value.AsText().value_or(""));
    } else {
      return Error{"unknown key '" + m.key + "' in '" + p.op +
                       "' (expected type, then, where, "
                       "path)",
                   m.key_loc};
    }
  }
  if (p.types.empty() && p.op != "ref") return At(arg, "'" + p.op + "' needs a 'type'");
  if (p.op == "referenced_by" && p.link_path.empty()) {
    return At(arg, "'referenced_by' needs the 'path' of the referring property");
  }
  return true;
}

}  // namespace

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < path.size()) {
    size_t dot = path.find('.', start);
    if (dot == std::string::npos) dot = path.size();
    if (dot > start) out.push_back(path.substr(start, dot - start));
    start = dot + 1;
  }
  return out;
}

std::string Predicate::PathText() const {
  std::string out;
  for (const auto& seg : path) {
    if (!out.empty()) out += '.';
    out += seg;
  }
  return out;
}

Result<Predicate> ParsePredicate(const Value& v) {
  if (!v.is(Value::Kind::kMap))
    return At(v, "a predicate must be a map such as {path: X, exists: true}");
  Predicate p;
  p.loc = v.loc();
  const Value* op_value = nullptr;
  for (const auto& m : v.members()) {
    if (m.key == "path") {
      p.path = SplitPath(m.value.AsText().value_or(""));
    } else if (m.key == "explain") {
      p.explain = m.value.AsText().value_or("");
    } else if (m.key == "evidence") {
      p.evidence = m.value.AsText().value_or("");
    } else if (FindOperator(m.key)) {
      if (op_value) {
        return Error{"a predicate has one operator; found '" + p.op + "' and '" + m.key +
                         "' (combine them with all/any)",
                     m.key_loc};
      }
      p.op = m.key;
      op_value = &m.value;
    } else {
      return Error{"unknown operator or key '" + m.key + "'", m.key_loc};
    }
  }
  if (!op_value) return At(v, "a predicate needs an operator (exists, equals, all, ...)");
  const OpSpec* spec = FindOperator(p.op);
  switch (spec->arg) {
    case ArgKind::kValue:
      p.arg = *op_value;
      break;
    case ArgKind::kPredicate: {
      auto child = ParsePredicate(*op_value);
      if (!child.ok()) return child.error();
      p.children.push_back(std::move(*child));
      break;
    }
    case ArgKind::kPredicates:
      if (!op_value->is(Value::Kind::kList)) return At(*op_value, "'" + p.op + "' needs a list");
      for (const Value& item : op_value->items()) {
        auto child = ParsePredicate(item);
        if (!child.ok()) return child.error();
        p.children.push_back(std::move(*child));
      }
      break;
    case ArgKind::kLink: {
      auto ok = ParseLink(*op_value, p);
      if (!ok.ok()) return ok.error();
      break;
    }
  }
  return p;
}

}  // namespace iaclint
