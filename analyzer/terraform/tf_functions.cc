#include "terraform/tf_functions.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "parse/json_reader.h"
#include "terraform/tf_values.h"

namespace iaclint {

namespace {

using Args = std::vector<Value>;
using Fn = std::function<Value(Args&, const Location&)>;

Value Bad(std::string_view fn, std::string why, const Location& loc) {
  return Value::Unknown("function '" + std::string(fn) + "': " + why, loc);
}

const Value* FirstUnknownArg(const Args& args) {
  for (const Value& a : args) {
    if (const Value* u = FirstUnknown(a)) return u;
  }
  return nullptr;
}

std::optional<std::string> Str(const Value& v) { return ToText(v); }

bool IsSeq(const Value& v) { return v.is(Value::Kind::kList); }

Value Num(double d, const Location& loc) { return Value::Number(FormatNumber(d), loc); }

// ---- strings -------------------------------------------------------------------------------

// fmt.Sprintf-like verbs as Terraform's format() has them: %s %d %v %q %t %f %.Nf %%.
Value Format(Args& a, const Location& loc) {
  if (a.empty()) return Bad("format", "needs a format string", loc);
  const auto fmt = Str(a[0]);
  if (!fmt) return Bad("format", "the format is not a string", loc);
  std::string out;
  size_t next = 1;
  for (size_t i = 0; i < fmt->size(); ++i) {
    if ((*fmt)[i] != '%') {
      out += (*fmt)[i];
      continue;
    }
    if (++i >= fmt->size()) return Bad("format", "ends with '%'", loc);
    if ((*fmt)[i] == '%') {
      out += '%';
      continue;
    }
    int precision = -1;
    if ((*fmt)[i] == '.') {
      precision = 0;
      while (++i < fmt->size() && std::isdigit(static_cast<unsigned char>((*fmt)[i]))) {
        precision = precision * 10 + ((*fmt)[i] - '0');
      }
      if (i >= fmt->size()) return Bad("format", "incomplete verb", loc);
    }
    if (next >= a.size()) return Bad("format", "not enough arguments", loc);
    const Value& arg = a[next++];
    const char verb = (*fmt)[i];
    if (verb == 'd' || verb == 'f') {
      const auto d = arg.AsNumber();
      if (!d) return Bad("format", "%" + std::string(1, verb) + " needs a number", loc);
      if (verb == 'd') {
        out += FormatNumber(std::trunc(*d));
      } else {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*f", precision < 0 ? 6 : precision, *d);
        out += buf;
      }
    } else if (verb == 's' || verb == 'v' || verb == 't' || verb == 'q') {
      const auto s = Str(arg);
      if (!s) return Bad("format", "argument is not a string", loc);
      out += verb == 'q' ? JsonEncode(Value::String(*s)) : *s;
    } else {
      return Bad("format", "verb %" + std::string(1, verb) + " is not evaluated", loc);
    }
  }
  return Value::String(std::move(out), loc);
}

Value Join(Args& a, const Location& loc) {
  if (a.size() < 2) return Bad("join", "needs a separator and lists", loc);
  const auto sep = Str(a[0]);
  if (!sep) return Bad("join", "the separator is not a string", loc);
  std::string out;
  bool first = true;
  for (size_t i = 1; i < a.size(); ++i) {
    if (!IsSeq(a[i])) return Bad("join", "argument is not a list", loc);
    for (const Value& item : a[i].items()) {
      const auto s = Str(item);
      if (!s) return Bad("join", "element is not a string", loc);
      if (!first) out += *sep;
      out += *s;
      first = false;
    }
  }
  return Value::String(std::move(out), loc);
}

Value Split(Args& a, const Location& loc) {
  if (a.size() != 2) return Bad("split", "needs 2 arguments", loc);
  const auto sep = Str(a[0]), s = Str(a[1]);
  if (!sep || !s) return Bad("split", "arguments are not strings", loc);
  Value out = Value::List(loc);
  if (sep->empty()) {
    out.Add(Value::String(*s, loc));
    return out;
  }
  size_t pos = 0;
  while (true) {
    const size_t hit = s->find(*sep, pos);
    out.Add(Value::String(s->substr(pos, hit == std::string::npos ? hit : hit - pos), loc));
    if (hit == std::string::npos) break;
    pos = hit + sep->size();
  }
  return out;
}

Value Replace(Args& a, const Location& loc) {
  if (a.size() != 3) return Bad("replace", "needs 3 arguments", loc);
  const auto s = Str(a[0]), from = Str(a[1]), to = Str(a[2]);
  if (!s || !from || !to) return Bad("replace", "arguments are not strings", loc);
  if (from->size() >= 2 && from->front() == '/' && from->back() == '/') {
    return Bad("replace", "regular expressions are not evaluated offline", loc);
  }
  if (from->empty()) return Value::String(*s, loc);
  std::string out;
  size_t pos = 0;
  for (size_t hit; (hit = s->find(*from, pos)) != std::string::npos; pos = hit + from->size()) {
    out += s->substr(pos, hit - pos) + *to;
  }
  out += s->substr(pos);
  return Value::String(std::move(out), loc);
}

Value MapString(Args& a, const Location& loc, std::string_view fn,
                const std::function<std::string(std::string)>& f) {
  if (a.size() != 1) return Bad(fn, "needs 1 argument", loc);
  const auto s = Str(a[0]);
  if (!s) return Bad(fn, "the argument is not a string", loc);
  return Value::String(f(*s), loc);
}

std::string Trimmed(std::string s) {
  const char* ws = " \t\r\n\v\f";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

Value Affix(Args& a, const Location& loc, std::string_view fn, bool prefix, bool test) {
  if (a.size() != 2) return Bad(fn, "needs 2 arguments", loc);
  const auto s = Str(a[0]), p = Str(a[1]);
  if (!s || !p) return Bad(fn, "arguments are not strings", loc);
  const bool has =
      s->size() >= p->size() && (prefix ? s->compare(0, p->size(), *p) == 0
                                        : s->compare(s->size() - p->size(), p->size(), *p) == 0);
  if (test) return Value::Bool(has, loc);
  if (!has) return Value::String(*s, loc);
  return Value::String(prefix ? s->substr(p->size()) : s->substr(0, s->size() - p->size()), loc);
}

// ---- collections ---------------------------------------------------------------------------

Value Concat(Args& a, const Location& loc) {
  Value out = Value::List(loc);
  for (Value& l : a) {
    if (!IsSeq(l))
      return l.is(Value::Kind::kUnknown) ? UnknownFrom(l, loc)
                                         : Bad("concat", "argument is not a list", loc);
    for (Value& item : l.items()) out.Add(std::move(item));
  }
  return out;
}

Value Merge(Args& a, const Location& loc) {
  Value out = Value::Map(loc);
  for (Value& m : a) {
    if (m.IsNull()) continue;
    if (!m.is(Value::Kind::kMap)) {
      return m.is(Value::Kind::kUnknown) ? UnknownFrom(m, loc)
                                         : Bad("merge", "argument is not a map", loc);
    }
    for (auto& member : m.members()) {
      if (Value* existing = out.Find(member.key)) {
        *existing = std::move(member.value);
      } else {
        out.Set(member.key, std::move(member.value), member.key_loc);
      }
    }
  }
  return out;
}

Value Lookup(Args& a, const Location& loc) {
  if (a.size() < 2 || a.size() > 3) return Bad("lookup", "needs 2 or 3 arguments", loc);
  if (a[0].is(Value::Kind::kUnknown)) return UnknownFrom(a[0], loc);
  const auto key = Str(a[1]);
  if (!a[0].is(Value::Kind::kMap) || !key) return Bad("lookup", "needs a map and a key", loc);
  if (const Value* v = a[0].Find(*key)) return *v;
  if (a.size() == 3) return a[2];
  return Bad("lookup", "no key \"" + *key + "\" and no default", loc);
}

Value ToSet(Value list, const Location& loc) {
  std::vector<Value> unique;
  for (Value& item : list.items()) {
    bool dup = false;
    for (const Value& u : unique) dup = dup || ValuesEqual(u, item);
    if (!dup) unique.push_back(std::move(item));
  }
  // Terraform iterates a set of strings in lexical order.
  std::stable_sort(unique.begin(), unique.end(), [](const Value& x, const Value& y) {
    return x.is(Value::Kind::kString) && y.is(Value::Kind::kString) && x.str() < y.str();
  });
  Value out = Value::List(loc);
  for (Value& u : unique) out.Add(std::move(u));
  return out;
}

Value ToList(Args& a, const Location& loc, bool set) {
  if (a.size() != 1) return Bad(set ? "toset" : "tolist", "needs 1 argument", loc);
  if (a[0].is(Value::Kind::kUnknown)) return UnknownFrom(a[0], loc);
  if (!IsSeq(a[0])) return Bad(set ? "toset" : "tolist", "the argument is not a list", loc);
  return set ? ToSet(std::move(a[0]), loc) : At(std::move(a[0]), loc);
}

Value Keys(Args& a, const Location& loc, bool values) {
  if (a.size() != 1 || !a[0].is(Value::Kind::kMap)) {
    return Bad(values ? "values" : "keys", "needs a map", loc);
  }
  std::vector<const Value::Member*> sorted;
  for (const auto& m : a[0].members()) sorted.push_back(&m);
  std::stable_sort(sorted.begin(), sorted.end(), [](auto* x, auto* y) { return x->key < y->key; });
  Value out = Value::List(loc);
  for (auto* m : sorted) out.Add(values ? m->value : Value::String(m->key, m->key_loc));
  return out;
}

Value Length(Args& a, const Location& loc) {
  if (a.size() != 1) return Bad("length", "needs 1 argument", loc);
  if (a[0].is(Value::Kind::kList) || a[0].is(Value::Kind::kMap)) {
    return Num(static_cast<double>(a[0].size()), loc);
  }
  const auto s = Str(a[0]);
  if (!s) return Bad("length", "needs a collection or a string", loc);
  size_t chars = 0;
  for (unsigned char c : *s) chars += (c & 0xC0) != 0x80;
  return Num(static_cast<double>(chars), loc);
}

Value Element(Args& a, const Location& loc) {
  if (a.size() != 2 || !IsSeq(a[0]) || a[0].items().empty()) {
    return Bad("element", "needs a non-empty list and an index", loc);
  }
  const auto i = a[1].AsNumber();
  if (!i || *i < 0) return Bad("element", "the index is not a non-negative number", loc);
  return a[0].items()[static_cast<size_t>(*i) % a[0].items().size()];
}

Value Contains(Args& a, const Location& loc) {
  if (a.size() != 2 || !IsSeq(a[0])) return Bad("contains", "needs a list and a value", loc);
  for (const Value& item : a[0].items()) {
    if (ValuesEqual(item, a[1])) return Value::Bool(true, loc);
  }
  return Value::Bool(false, loc);
}

void FlattenInto(const Value& v, Value& out) {
  for (const Value& item : v.items()) {
    if (IsSeq(item)) {
      FlattenInto(item, out);
    } else {
      out.Add(item);
    }
  }
}

Value Flatten(Args& a, const Location& loc) {
  if (a.size() != 1 || !IsSeq(a[0])) return Bad("flatten", "needs a list", loc);
  Value out = Value::List(loc);
  FlattenInto(a[0], out);
  return out;
}

Value Coalesce(Args& a, const Location& loc) {
  for (Value& v : a) {
    if (v.IsNull()) continue;
    if (v.is(Value::Kind::kString) && v.str().empty()) continue;
    return std::move(v);
  }
  return Bad("coalesce", "no non-null, non-empty argument", loc);
}

Value Compact(Args& a, const Location& loc) {
  if (a.size() != 1 || !IsSeq(a[0])) return Bad("compact", "needs a list", loc);
  Value out = Value::List(loc);
  for (Value& v : a[0].items()) {
    if (!v.IsNull() && !(v.is(Value::Kind::kString) && v.str().empty())) out.Add(std::move(v));
  }
  return out;
}

Value Zipmap(Args& a, const Location& loc) {
  if (a.size() != 2 || !IsSeq(a[0]) || !IsSeq(a[1]) || a[0].size() != a[1].size()) {
    return Bad("zipmap", "needs two lists of the same length", loc);
  }
  Value out = Value::Map(loc);
  for (size_t i = 0; i < a[0].items().size(); ++i) {
    const auto k = Str(a[0].items()[i]);
    if (!k) return Bad("zipmap", "a key is not a string", loc);
    out.Set(*k, a[1].items()[i], a[0].items()[i].loc());
  }
  return out;
}

Value MinMax(Args& a, const Location& loc, bool max) {
  if (a.empty()) return Bad(max ? "max" : "min", "needs numbers", loc);
  double best = max ? -INFINITY : INFINITY;
  for (const Value& v : a) {
    const auto d = v.AsNumber();
    if (!d) return Bad(max ? "max" : "min", "an argument is not a number", loc);
    best = max ? std::max(best, *d) : std::min(best, *d);
  }
  return Num(best, loc);
}

Value Unary(Args& a, const Location& loc, std::string_view fn, double (*f)(double)) {
  const auto d = a.size() == 1 ? a[0].AsNumber() : std::nullopt;
  if (!d) return Bad(fn, "needs a number", loc);
  return Num(f(*d), loc);
}

// ---- conversions ---------------------------------------------------------------------------

Value ToString(Args& a, const Location& loc) {
  if (a.size() != 1) return Bad("tostring", "needs 1 argument", loc);
  if (a[0].IsNull()) return Value::Null(loc);
  const auto s = Str(a[0]);
  if (!s || a[0].is(Value::Kind::kMap) || a[0].is(Value::Kind::kList)) {
    return Bad("tostring", "the argument is not a primitive value", loc);
  }
  return Value::String(*s, loc);
}

Value ToNumber(Args& a, const Location& loc) {
  if (a.size() != 1) return Bad("tonumber", "needs 1 argument", loc);
  if (a[0].IsNull()) return Value::Null(loc);
  const auto d = a[0].AsNumber();
  if (!d) return Bad("tonumber", "the argument is not a number", loc);
  return Num(*d, loc);
}

Value ToBool(Args& a, const Location& loc) {
  if (a.size() != 1) return Bad("tobool", "needs 1 argument", loc);
  if (a[0].IsNull()) return Value::Null(loc);
  const auto b = a[0].AsBool();
  if (!b || (a[0].is(Value::Kind::kString) && a[0].str() != "true" && a[0].str() != "false")) {
    return Bad("tobool", "the argument is not a bool", loc);
  }
  return Value::Bool(*b, loc);
}

Value JsonEncodeFn(Args& a, const Location& loc) {
  if (a.size() != 1) return Bad("jsonencode", "needs 1 argument", loc);
  Value& v = a[0];
  if (v.is(Value::Kind::kMap) || v.is(Value::Kind::kList)) {
    // Kept as a document (flagged) so rules compare it with CloudFormation's JSON; it turns
    // into text when a string is needed.
    v.set(Value::kEmbeddedJson);
    return At(std::move(v), loc);
  }
  if (!IsKnown(v)) return UnknownFrom(*FirstUnknown(v), loc);
  return Value::String(JsonEncode(v), loc);
}

Value JsonDecodeFn(Args& a, const Location& loc) {
  if (a.size() != 1) return Bad("jsondecode", "needs 1 argument", loc);
  if (a[0].has(Value::kEmbeddedJson) && !a[0].is(Value::Kind::kString)) return a[0];
  if (!a[0].is(Value::Kind::kString)) return Bad("jsondecode", "needs a string", loc);
  Value located = At(a[0], loc);
  auto parsed = ParseEmbeddedJson(located);
  if (!parsed.ok()) return Bad("jsondecode", parsed.error().message, loc);
  return std::move(parsed.value());
}

const std::set<std::string_view>& OfflineOnly() {
  // Reading files, the clock, randomness or the network: never evaluated.
  static const std::set<std::string_view> names = {
      "file",     "filebase64",    "fileexists", "fileset",   "templatefile", "filemd5",
      "filesha1", "filesha256",    "filesha512", "timestamp", "uuid",         "uuidv5",
      "bcrypt",   "plantimestamp", "abspath",    "pathexpand"};
  return names;
}

const std::map<std::string_view, Fn>& Table() {
  static const std::map<std::string_view, Fn> table = {
      {"format", Format},
      {"join", Join},
      {"split", Split},
      {"replace", Replace},
      {"upper",
       [](Args& a, const Location& l) {
         return MapString(a, l, "upper", [](std::string s) {
           for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
           return s;
         });
       }},
      {"lower",
       [](Args& a, const Location& l) {
         return MapString(a, l, "lower", [](std::string s) {
           for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
           return s;
         });
       }},
      {"trimspace",
       [](Args& a, const Location& l) { return MapString(a, l, "trimspace", Trimmed); }},
      {"chomp",
       [](Args& a, const Location& l) {
         return MapString(a, l, "chomp", [](std::string s) {
           while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
           return s;
         });
       }},
      {"trimprefix",
       [](Args& a, const Location& l) { return Affix(a, l, "trimprefix", true, false); }},
      {"trimsuffix",
       [](Args& a, const Location& l) { return Affix(a, l, "trimsuffix", false, false); }},
      {"startswith",
       [](Args& a, const Location& l) { return Affix(a, l, "startswith", true, true); }},
      {"endswith", [](Args& a, const Location& l) { return Affix(a, l, "endswith", false, true); }},
      {"concat", Concat},
      {"merge", Merge},
      {"lookup", Lookup},
      {"tolist", [](Args& a, const Location& l) { return ToList(a, l, false); }},
      {"toset", [](Args& a, const Location& l) { return ToList(a, l, true); }},
      {"distinct",
       [](Args& a, const Location& l) {
         return ToList(a, l, false).is(Value::Kind::kList) && a.size() == 1
                    ? ToSet(std::move(a[0]), l)
                    : Bad("distinct", "needs a list", l);
       }},
      {"tomap",
       [](Args& a, const Location& l) {
         return a.size() == 1 && a[0].is(Value::Kind::kMap) ? At(std::move(a[0]), l)
                                                            : Bad("tomap", "needs a map", l);
       }},
      {"keys", [](Args& a, const Location& l) { return Keys(a, l, false); }},
      {"values", [](Args& a, const Location& l) { return Keys(a, l, true); }},
      {"length", Length},
      {"element", Element},
      {"contains", Contains},
      {"flatten", Flatten},
      {"coalesce", Coalesce},
      {"compact", Compact},
      {"zipmap", Zipmap},
      {"min", [](Args& a, const Location& l) { return MinMax(a, l, false); }},
      {"max", [](Args& a, const Location& l) { return MinMax(a, l, true); }},
      {"abs",
       [](Args& a, const Location& l) {
         return Unary(a, l, "abs", [](double d) { return std::fabs(d); });
       }},
      {"ceil",
       [](Args& a, const Location& l) {
         return Unary(a, l, "ceil", [](double d) { return std::ceil(d); });
       }},
      {"floor",
       [](Args& a, const Location& l) {
         return Unary(a, l, "floor", [](double d) { return std::floor(d); });
       }},
      {"tostring", ToString},
      {"tonumber", ToNumber},
      {"tobool", ToBool},
      {"jsonencode", JsonEncodeFn},
      {"jsondecode", JsonDecodeFn},
  };
  return table;
}

// Functions that keep unknown elements in their result instead of becoming unknown.
bool KeepsUnknownElements(std::string_view name) {
  return name == "merge" || name == "concat" || name == "jsonencode" || name == "tolist" ||
         name == "tomap" || name == "lookup" || name == "coalesce" || name == "compact" ||
         name == "element" || name == "flatten" || name == "keys" || name == "length";
}

}  // namespace

Value CallTfFunction(std::string_view name, std::vector<Value> args, const Location& loc) {
  const auto it = Table().find(name);
  if (it == Table().end() || OfflineOnly().count(name) != 0) {
    return Value::Unknown("function '" + std::string(name) + "' is not evaluated offline", loc);
  }
  if (!KeepsUnknownElements(name)) {
    if (const Value* u = FirstUnknownArg(args)) return UnknownFrom(*u, loc);
  } else {
    for (const Value& a : args) {
      if (a.is(Value::Kind::kUnknown) || a.is(Value::Kind::kChoice)) return UnknownFrom(a, loc);
    }
  }
  return it->second(args, loc);
}

}  // namespace iaclint
