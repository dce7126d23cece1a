#include "terraform/tf_values.h"

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
  return Value::Unknown(cause.str(), loc);
}

std::string FormatNumber(double d) {
  if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.007199254740992e15) {
    return std::to_string(static_cast<long long>(d));
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

namespace {

void AppendJsonString(std::string& out, const std::string& s) {
  static const char* kHex = "0123456789abcdef";
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        // Go's encoding/json also escapes <, > and & (HTML safety), as jsonencode shows.
        if (c < 0x20 || c == '<' || c == '>' || c == '&') {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void Encode(const Value& v, std::string& out) {
  switch (v.kind()) {
    case Value::Kind::kNull:
      out += "null";
      return;
    case Value::Kind::kBool:
      out += v.boolean() ? "true" : "false";
      return;
    case Value::Kind::kNumber: {
      const auto d = v.AsNumber();
      out += d ? FormatNumber(*d) : v.str();
      return;
    }
    case Value::Kind::kString:
      AppendJsonString(out, v.str());
      return;
    case Value::Kind::kList:
      out += '[';
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i) out += ',';
        Encode(v.items()[i], out);
      }
      out += ']';
      return;
    case Value::Kind::kMap: {
      std::vector<const Value::Member*> sorted;
      for (const auto& m : v.members()) sorted.push_back(&m);
      std::stable_sort(sorted.begin(), sorted.end(),
                       [](auto* a, auto* b) { return a->key < b->key; });
      out += '{';
      for (size_t i = 0; i < sorted.size(); ++i) {
        if (i) out += ',';
        AppendJsonString(out, sorted[i]->key);
        out += ':';
        Encode(sorted[i]->value, out);
      }
      out += '}';
      return;
    }
    default:
      out += "null";  // callers check IsKnown first
  }
}

}  // namespace

std::string JsonEncode(const Value& v) {
  std::string out;
  Encode(v, out);
  return out;
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
