#include "cfn/foreach.h"

namespace iaclint {

namespace {

constexpr std::string_view kPrefix = "Fn::ForEach::";
constexpr size_t kMaxDepth = 16;  // CloudFormation allows 5 nested loops

bool IsLoopKey(const std::string& key) { return key.rfind(kPrefix, 0) == 0; }

std::string AlphaNumeric(const std::string& s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

// What the identifier becomes in one iteration: its text, or (collection unknown) nothing.
struct Binding {
  std::string id;
  std::optional<std::string> item;
  std::string loop;
};

std::string SubstituteText(std::string s, const Binding& b) {
  if (!b.item) return s;
  ReplaceAll(s, "${" + b.id + "}", *b.item);
  ReplaceAll(s, "&{" + b.id + "}", AlphaNumeric(*b.item));
  return s;
}

bool IsRefTo(const Value& v, const std::string& id) {
  if (v.tag() == "!Ref") return v.is(Value::Kind::kString) && v.str() == id;
  if (!v.is(Value::Kind::kMap) || v.members().size() != 1) return false;
  const auto& m = v.members()[0];
  return m.key == "Ref" && m.value.is(Value::Kind::kString) && m.value.str() == id;
}

Value Substitute(const Value& v, const Binding& b) {
  if (IsRefTo(v, b.id)) {
    if (!b.item) {
      Value u = Value::Unknown("the collection of " + b.loop + " is not known offline", v.loc());
      u.set_tag("for-each");
      return u;
    }
    return Value::String(*b.item, v.loc());
  }
  Value out = v;
  if (v.is(Value::Kind::kString)) {
    Value s = Value::String(SubstituteText(v.str(), b), v.loc());
    s.set_tag(v.tag());
    if (v.has(Value::kQuoted)) s.set(Value::kQuoted);
    return s;
  }
  for (Value& item : out.items()) item = Substitute(item, b);
  for (auto& m : out.members()) {
    m.key = SubstituteText(m.key, b);
    m.value = Substitute(m.value, b);
  }
  return out;
}

class Expander {
 public:
  Expander(const ForEachCollection& collection, std::vector<std::string>& uncertain,
           std::vector<ForEachProblem>& problems)
      : collection_(collection), uncertain_(uncertain), problems_(problems) {}

  // Appends the section's entries to `out`, loops expanded.
  void Section(const Value& section, Value& out, bool in_unknown_loop, size_t depth) {
    for (const auto& m : section.members()) {
      if (!IsLoopKey(m.key)) {
        out.Set(m.key, m.value, m.key_loc);
        if (in_unknown_loop) uncertain_.push_back(m.key);
        continue;
      }
      Loop(m, out, in_unknown_loop, depth);
    }
  }

 private:
  void Loop(const Value::Member& m, Value& out, bool in_unknown_loop, size_t depth) {
    const Value& args = m.value;
    if (depth >= kMaxDepth) {
      problems_.push_back({m.key + ": Fn::ForEach loops nested too deeply", m.key_loc});
      return;
    }
    if (!args.is(Value::Kind::kList) || args.items().size() != 3 ||
        !args.items()[0].is(Value::Kind::kString) || !args.items()[2].is(Value::Kind::kMap)) {
      problems_.push_back({m.key + " needs [identifier, collection, {OutputKey: OutputValue}]",
                           m.key_loc});
      return;
    }
    const std::string id = args.items()[0].str();
    const Value& fragment = args.items()[2];
    auto items = collection_(args.items()[1]);
    if (!items) {
      Binding unknown{id, std::nullopt, m.key};
      Section(Substitute(fragment, unknown), out, true, depth + 1);
      return;
    }
    for (const std::string& item : *items) {
      Binding b{id, item, m.key};
      Section(Substitute(fragment, b), out, in_unknown_loop, depth + 1);
    }
  }

  const ForEachCollection& collection_;
  std::vector<std::string>& uncertain_;
  std::vector<ForEachProblem>& problems_;
};

}  // namespace

bool HasForEach(const Value& section) {
  for (const auto& m : section.members()) {
    if (IsLoopKey(m.key)) return true;
  }
  return false;
}

Value ExpandForEach(const Value& section, const ForEachCollection& collection,
                    std::vector<std::string>& uncertain, std::vector<ForEachProblem>& problems) {
  Value out = Value::Map(section.loc());
  Expander(collection, uncertain, problems).Section(section, out, false, 0);
  return out;
}

}  // namespace iaclint
