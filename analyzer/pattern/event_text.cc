// The raw text of a JSON event as CloudWatch Logs receives it from CloudTrail.
#include <cstdio>

#include "pattern/pattern_eval.h"

namespace iaclint {

namespace {

void AppendString(std::string_view text, std::string& out) {
  out += '"';
  for (char ch : text) {
    switch (ch) {
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
        if (static_cast<unsigned char>(ch) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(ch));
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void AppendValue(const Value& v, std::string& out) {
  switch (v.kind()) {
    case Value::Kind::kBool:
      out += v.boolean() ? "true" : "false";
      return;
    case Value::Kind::kNumber:
      out += v.str();
      return;
    case Value::Kind::kString:
      AppendString(v.str(), out);
      return;
    case Value::Kind::kList:
      out += '[';
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i > 0) out += ',';
        AppendValue(v.items()[i], out);
      }
      out += ']';
      return;
    case Value::Kind::kMap:
      out += '{';
      for (size_t i = 0; i < v.members().size(); ++i) {
        if (i > 0) out += ',';
        AppendString(v.members()[i].key, out);
        out += ':';
        AppendValue(v.members()[i].value, out);
      }
      out += '}';
      return;
    default:
      out += "null";
      return;  // null, and model-only kinds that events never hold
  }
}

}  // namespace

std::string EventText(const Value& event) {
  std::string out;
  AppendValue(event, out);
  return out;
}

}  // namespace iaclint
