#include "model/json_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

namespace iaclint {

namespace {

void AppendString(const std::string& s, const JsonTextStyle& style, std::string& out) {
  static const char* kHex = "0123456789abcdef";
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || (style.escape_html && (c == '<' || c == '>' || c == '&'))) {
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

void Append(const Value& v, const JsonTextStyle& style, std::string& out) {
  switch (v.kind()) {
    case Value::Kind::kBool:
      out += v.boolean() ? "true" : "false";
      return;
    case Value::Kind::kNumber: {
      const auto d = style.normalise_numbers ? v.AsNumber() : std::nullopt;
      out += d ? FormatNumber(*d) : v.str();
      return;
    }
    case Value::Kind::kString:
      AppendString(v.str(), style, out);
      return;
    case Value::Kind::kList:
      out += '[';
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i) out += ',';
        Append(v.items()[i], style, out);
      }
      out += ']';
      return;
    case Value::Kind::kMap: {
      std::vector<const Value::Member*> members;
      for (const auto& m : v.members()) members.push_back(&m);
      if (style.sort_keys) {
        std::stable_sort(members.begin(), members.end(),
                         [](auto* a, auto* b) { return a->key < b->key; });
      }
      out += '{';
      for (size_t i = 0; i < members.size(); ++i) {
        if (i) out += ',';
        AppendString(members[i]->key, style, out);
        out += ':';
        Append(members[i]->value, style, out);
      }
      out += '}';
      return;
    }
    default:
      out += "null";
  }
}

}  // namespace

std::string ToJsonText(const Value& v, const JsonTextStyle& style) {
  std::string out;
  Append(v, style, out);
  return out;
}

std::string FormatNumber(double d) {
  if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.007199254740992e15) {
    return std::to_string(static_cast<long long>(d));
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

}  // namespace iaclint
