#include "terraform/tf_values.h"

#include "model/json_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

namespace iaclint {

const Value* FirstUnknown(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kUnknown:
    case Value::Kind::kChoice:
      return &v;
    case Value::Kind::kList:
      for (const Value& item : v.items()) {
        if (const Value* u = FirstUnknown(item)) return u;
      }
      return nullptr;
    case Value::Kind::kMap:
      for (const auto& m : v.members()) {
        if (const Value* u = FirstUnknown(m.value)) return u;
      }
      return nullptr;
    default:
      return nullptr;
  }
}

Value UnknownFrom(const Value& cause, const Location& loc) {
  if (cause.is(Value::Kind::kChoice)) {
    return Value::Unknown("depends on the condition " + cause.str(), loc);
  }
  Value u = Value::Unknown(cause.str(), loc);
  if (cause.is(Value::Kind::kUnknown)) u.set_tag(cause.category());
  return u;
}

std::string JsonEncode(const Value& v) {
  return ToJsonText(v, JsonTextStyle{/*sort_keys=*/true, /*escape_html=*/true,
                                     /*normalise_numbers=*/true});
}

std::optional<std::string> ToText(const Value& v) {
  if (v.has(Value::kEmbeddedJson) && (v.is(Value::Kind::kMap) || v.is(Value::Kind::kList))) {
    if (!IsKnown(v)) return std::nullopt;
    return JsonEncode(v);
  }
  if (v.is(Value::Kind::kNumber)) {
    const auto d = v.AsNumber();
    return d ? FormatNumber(*d) : v.str();
  }
  return v.AsText();
}

bool ValuesEqual(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::kNull:
      return true;
    case Value::Kind::kBool:
      return a.boolean() == b.boolean();
    case Value::Kind::kNumber:
      return a.AsNumber() == b.AsNumber();
    case Value::Kind::kString:
      return a.str() == b.str();
    case Value::Kind::kList:
      if (a.items().size() != b.items().size()) return false;
      for (size_t i = 0; i < a.items().size(); ++i) {
        if (!ValuesEqual(a.items()[i], b.items()[i])) return false;
      }
      return true;
    case Value::Kind::kMap:
      if (a.members().size() != b.members().size()) return false;
      for (const auto& m : a.members()) {
        const Value* other = b.Find(m.key);
        if (other == nullptr || !ValuesEqual(m.value, *other)) return false;
      }
      return true;
    default:
      return false;
  }
}

Value At(Value v, const Location& loc) {
  v.set_loc(loc);
  return v;
}

}  // namespace iaclint
