// One comparison of a field's text with a pattern value: wildcards, numbers, regexes.
#include <charconv>

#include "pattern/pattern_eval.h"

namespace iaclint {

namespace {

// Matching is linear (CwRegex), but bounded all the same: no CloudTrail field or record comes
// near this size.
constexpr size_t kMaxRegexInput = 256 * 1024;

// A leading and a trailing '*' are wildcards; an inner '*' is literal (see pattern_eval.h).
bool WildcardEquals(std::string_view text, std::string_view pattern) {
  const bool any_prefix = !pattern.empty() && pattern.front() == '*';
  if (any_prefix) pattern.remove_prefix(1);
  const bool any_suffix = !pattern.empty() && pattern.back() == '*';
  if (any_suffix) pattern.remove_suffix(1);
  if (any_prefix && any_suffix) return text.find(pattern) != std::string_view::npos;
  if (any_prefix) return text.ends_with(pattern);
  if (any_suffix) return text.starts_with(pattern);
  return text == pattern;
}

std::optional<double> ParseNumber(std::string_view text) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  double out = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return out;
}

bool Equal(std::string_view text, bool is_number, const PatternValue& value) {
  switch (value.kind) {
    case PatternValue::Kind::kRegex:
      return text.size() <= kMaxRegexInput && value.regex->Search(text);
    case PatternValue::Kind::kNumber:
      if (is_number) {
        const auto n = ParseNumber(text);
        return n && *n == value.number;
      }
      return text == value.text;
    case PatternValue::Kind::kString:
      return WildcardEquals(text, value.text);
  }
  return false;
}

}  // namespace

bool CompareText(std::string_view text, bool is_number, CompareOp op, const PatternValue& value) {
  if (op == CompareOp::kEq) return Equal(text, is_number, value);
  if (op == CompareOp::kNe) return !Equal(text, is_number, value);
  if (!is_number || value.kind != PatternValue::Kind::kNumber) return false;
  const auto n = ParseNumber(text);
  if (!n) return false;
  switch (op) {
    case CompareOp::kLt:
      return *n < value.number;
    case CompareOp::kLe:
      return *n <= value.number;
    case CompareOp::kGt:
      return *n > value.number;
    case CompareOp::kGe:
      return *n >= value.number;
    default:
      return false;
  }
}

}  // namespace iaclint
