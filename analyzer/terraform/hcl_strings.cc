#include "terraform/hcl_strings.h"

#include <cstdint>

#include "base/text.h"

namespace iaclint {

namespace {

// $${ and %%{ stand for a literal ${ and %{ in both string kinds.
bool TemplateEscape(std::string_view raw, size_t& i, std::string& out) {
  if (i + 2 < raw.size() && (raw[i] == '$' || raw[i] == '%') && raw[i + 1] == raw[i] &&
      raw[i + 2] == '{') {
    out += raw[i];
    out += '{';
    i += 3;
    return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> UnescapeQuoted(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    if (TemplateEscape(raw, i, out)) continue;
    if (raw[i] != '\\') {
      out += raw[i++];
      continue;
    }
    if (i + 1 >= raw.size()) return std::nullopt;
    const char c = raw[i + 1];
    i += 2;
    switch (c) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 'u':
      case 'U': {
        const size_t n = (c == 'u') ? 4 : 8;
        if (i + n > raw.size()) return std::nullopt;
        const auto cp = ParseHex(raw.substr(i, n));
        if (!cp || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) return std::nullopt;
        AppendUtf8(out, *cp);
        i += n;
        break;
      }
      default:
        return std::nullopt;
    }
  }
  return out;
}

std::string UnescapeHeredoc(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    if (!TemplateEscape(raw, i, out)) out += raw[i++];
  }
  return out;
}

size_t CommonIndent(std::string_view body) {
  size_t best = SIZE_MAX;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    size_t n = 0;
    while (pos + n < end && (body[pos + n] == ' ' || body[pos + n] == '\t')) ++n;
    const bool blank = (pos + n == end) || (pos + n + 1 == end && body[pos + n] == '\r');
    if (!blank && n < best) best = n;
    pos = end + 1;
  }
  return best == SIZE_MAX ? 0 : best;
}

std::string StripIndent(std::string_view chunk, size_t indent, bool at_line_start) {
  std::string out;
  out.reserve(chunk.size());
  bool line_start = at_line_start;
  size_t i = 0;
  while (i < chunk.size()) {
    if (line_start) {
      size_t n = 0;
      while (n < indent && i < chunk.size() && (chunk[i] == ' ' || chunk[i] == '\t')) ++i, ++n;
      line_start = false;
      continue;
    }
    out += chunk[i];
    line_start = chunk[i] == '\n';
    ++i;
  }
  return out;
}

}  // namespace iaclint
