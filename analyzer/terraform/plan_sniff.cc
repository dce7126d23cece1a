// Recognising plan JSON from its raw text, before anything is parsed.
#include <cstring>

#include "terraform/plan_reader.h"

namespace iaclint {

namespace {

// Skips a JSON string starting at text[i] == '"'; returns the offset past its closing quote.
size_t SkipString(std::string_view text, size_t i) {
  ++i;
  while (i < text.size()) {
    const void* hit = std::memchr(text.data() + i, '"', text.size() - i);
    if (!hit) return text.size();
    size_t q = static_cast<const char*>(hit) - text.data();
    size_t backslashes = 0;
    while (q - backslashes > i && text[q - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return q + 1;
    i = q + 1;
  }
  return text.size();
}

}  // namespace

bool LooksLikeTerraformPlan(std::string_view text) {
  size_t i = text.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos || text[i] != '{') return false;
  if (text.find("\"terraform_version\"") == std::string_view::npos &&
      text.find("\"resource_changes\"") == std::string_view::npos &&
      text.find("\"planned_values\"") == std::string_view::npos) {
    return false;
  }
  // Walk the top level only; nested containers are skipped by depth.
  bool format = false, version = false;
  int depth = 0;
  bool expect_key = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const size_t end = SkipString(text, i);
      if (depth == 1 && expect_key) {
        const std::string_view key = text.substr(i + 1, end - i - 2);
        format |= key == "format_version";
        version |= key == "terraform_version";
        // A plan trimmed by hand may lack the versions; its sections are unmistakable.
        if ((format && version) || key == "resource_changes" || key == "planned_values") {
          return true;
        }
      }
      expect_key = false;
      i = end - 1;
    } else if (c == '{' || c == '[') {
      ++depth;
      expect_key = depth == 1 && c == '{';
    } else if (c == '}' || c == ']') {
      if (--depth <= 0) return false;
    } else if (c == ',') {
      expect_key = depth == 1;
    }
  }
  return false;
}

}  // namespace iaclint
