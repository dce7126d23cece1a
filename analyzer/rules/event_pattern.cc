#include "rules/event_pattern.h"

#include "model/mappings.h"

namespace iaclint {

namespace {

EventMatch And(EventMatch a, EventMatch b) {
  if (a == EventMatch::kNo || b == EventMatch::kNo) return EventMatch::kNo;
  if (a == EventMatch::kUnknown || b == EventMatch::kUnknown) return EventMatch::kUnknown;
  return EventMatch::kYes;
}

EventMatch Or(EventMatch a, EventMatch b) {
  if (a == EventMatch::kYes || b == EventMatch::kYes) return EventMatch::kYes;
  if (a == EventMatch::kUnknown || b == EventMatch::kUnknown) return EventMatch::kUnknown;
  return EventMatch::kNo;
}

EventMatch FromBool(bool b) { return b ? EventMatch::kYes : EventMatch::kNo; }

bool SameScalar(const Value& a, const Value& b) {
  if (a.is(Value::Kind::kNull) || b.is(Value::Kind::kNull)) return a.kind() == b.kind();
  if (a.is(Value::Kind::kNumber) && b.is(Value::Kind::kNumber)) return a.AsNumber() == b.AsNumber();
  if (a.kind() != b.kind()) return false;
  return a.AsText() == b.AsText();
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

EventMatch MatchScalar(const Value& matcher, const Value* value);

EventMatch NumericMatch(const Value& spec, const Value* value) {
  if (!value) return EventMatch::kNo;
  auto n = value->AsNumber();
  if (!n || !value->is(Value::Kind::kNumber)) return EventMatch::kNo;
  const auto& items = spec.items();
  for (size_t i = 0; i + 1 < items.size(); i += 2) {
    const std::string op = items[i].AsText().value_or("");
    auto limit = items[i + 1].AsNumber();
    if (!limit) return EventMatch::kUnknown;
    bool ok = (op == ">" && *n > *limit) || (op == ">=" && *n >= *limit) ||
              (op == "<" && *n < *limit) || (op == "<=" && *n <= *limit) ||
              (op == "=" && *n == *limit);
    if (!ok) return EventMatch::kNo;
  }
  return EventMatch::kYes;
}

// One element of a pattern array: a literal or a content filter object.
EventMatch MatchScalar(const Value& matcher, const Value* value) {
  if (matcher.is(Value::Kind::kUnknown) || matcher.is(Value::Kind::kRef) ||
      matcher.has(Value::kInterpolated)) {
    return EventMatch::kUnknown;
  }
  if (!matcher.is(Value::Kind::kMap)) return FromBool(value && SameScalar(matcher, *value));
  if (matcher.members().empty()) return EventMatch::kNo;
  const auto& filter = matcher.members()[0];
  const std::string text = value ? value->AsText().value_or("") : "";
  const bool is_string = value && value->is(Value::Kind::kString);
  if (filter.key == "exists") {
    const bool want = filter.value.AsBool().value_or(true);
    return FromBool((value != nullptr) == want);
  }
  if (!value) return EventMatch::kNo;
  if (filter.key == "prefix") {
    if (filter.value.is(Value::Kind::kMap)) {  // {"prefix": {"equals-ignore-case": "x"}}
      const std::string p = filter.value.members().empty()
                                ? ""
                                : filter.value.members()[0].value.AsText().value_or("");
      return FromBool(is_string && LooseKey(text.substr(0, p.size())) == LooseKey(p));
    }
    return FromBool(is_string && text.rfind(filter.value.AsText().value_or(""), 0) == 0);
  }
  if (filter.key == "suffix") return FromBool(is_string && EndsWith(text, filter.value.AsText().value_or("")));
  if (filter.key == "equals-ignore-case") {
    const std::string want = filter.value.AsText().value_or("");
    return FromBool(is_string && LooseKey(text) == LooseKey(want) && text.size() == want.size());
  }
  if (filter.key == "wildcard") return FromBool(is_string && GlobMatch(filter.value.AsText().value_or(""), text));
  if (filter.key == "numeric") return NumericMatch(filter.value, value);
  if (filter.key == "anything-but") {
    const Value& but = filter.value;
    EventMatch m = EventMatch::kNo;
    if (but.is(Value::Kind::kList)) {
      for (const Value& b : but.items()) m = Or(m, MatchScalar(b, value));
    } else {
      m = MatchScalar(but, value);
    }
    if (m == EventMatch::kUnknown) return m;
    return FromBool(m == EventMatch::kNo);
  }
  return EventMatch::kUnknown;  // cidr and future filters
}

// A pattern array matches when any element matches the value (or any element of an array).
EventMatch MatchArray(const Value& options, const Value* value) {
  if (value && value->is(Value::Kind::kList)) {
    EventMatch m = EventMatch::kNo;
    for (const Value& item : value->items()) m = Or(m, MatchArray(options, &item));
    return m;
  }
  EventMatch m = EventMatch::kNo;
  for (const Value& option : options.items()) m = Or(m, MatchScalar(option, value));
  return m;
}

EventMatch MatchObject(const Value& pattern, const Value* event) {
  EventMatch result = EventMatch::kYes;
  for (const auto& m : pattern.members()) {
    if (m.key == "$or") {
      EventMatch any = EventMatch::kNo;
      for (const Value& alt : m.value.items()) any = Or(any, MatchObject(alt, event));
      result = And(result, any);
      continue;
    }
    const Value* field = (event && event->is(Value::Kind::kMap)) ? event->Find(m.key) : nullptr;
    if (m.value.is(Value::Kind::kMap)) {
      result = And(result, field ? MatchObject(m.value, field) : EventMatch::kNo);
    } else if (m.value.is(Value::Kind::kList)) {
      result = And(result, MatchArray(m.value, field));
    } else if (m.value.is(Value::Kind::kUnknown)) {
      result = And(result, EventMatch::kUnknown);
    } else {
      result = And(result, MatchScalar(m.value, field));  // not valid EventBridge, but lenient
    }
    if (result == EventMatch::kNo) return result;
  }
  return result;
}

}  // namespace

EventMatch MatchEventPattern(const Value& pattern, const Value& event) {
  if (pattern.is(Value::Kind::kUnknown)) return EventMatch::kUnknown;
  if (!pattern.is(Value::Kind::kMap)) return EventMatch::kNo;
  return MatchObject(pattern, &event);
}

}  // namespace iaclint
