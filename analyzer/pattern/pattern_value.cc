// Values on the right of a comparison: "quoted", %regex%, unquoted strings and numbers.
#include <charconv>

#include "pattern/pattern_cursor.h"

namespace iaclint {

namespace {

// CloudWatch's number syntax: optional sign, digits, optional fraction, optional exponent.
bool LooksNumeric(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const size_t digits_start = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == digits_start) return false;
  if (i < s.size() && s[i] == '.') {
    const size_t frac = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == frac) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const size_t exp = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == exp) return false;
  }
  return i == s.size();
}

double ToNumber(std::string_view s) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  double out = 0;
  std::from_chars(s.data(), s.data() + s.size(), out);
  return out;
}

// Where an unquoted value ends: before these tokens (and, for delimited fields, a space).
bool AtValueEnd(const PatternCursor& c, ValueContext context) {
  const char ch = c.Peek();
  if (c.AtEnd() || ch == ')' || c.LookingAt("&&") || c.LookingAt("||")) return true;
  if (context == ValueContext::kJson) return ch == '}';
  return ch == ',' || ch == ']' || IsSpaceChar(ch);
}

// The guide: "Strings that have unicode and other characters such as '@', '$', '\' etc.
// must be enclosed in double quotes". Quotes, brackets and operator characters inside an
// unquoted value are typos (`==`, a missing `)`), so they are refused as well.
bool ForbiddenUnquoted(char c) {
  if (static_cast<unsigned char>(c) >= 0x80) return true;
  switch (c) {
    case '@':
    case '$':
    case '\\':
    case '"':
    case '(':
    case '{':
    case '[':
    case ']':
    case '=':
    case '<':
    case '>':
    case '!':
    case '%':
    case '&':
    case '|':
      return true;
    default:
      return false;
  }
}

Result<PatternValue> ParseUnquoted(PatternCursor& c, ValueContext context) {
  const size_t start = c.pos();
  while (!AtValueEnd(c, context)) {
    if (c.Peek() == '&' || c.Peek() == '|') {
      return c.ErrorHere(std::string("'") + c.Peek() + "' is not an operator; use '" +
                         std::string(2, c.Peek()) + "'");
    }
    if (ForbiddenUnquoted(c.Peek())) {
      if (static_cast<unsigned char>(c.Peek()) >= 0x80) {
        return c.ErrorHere(
            "non-ASCII character in an unquoted value; put the value in double quotes");
      }
      return c.ErrorHere("unexpected " + DescribeChar(c) +
                         " in an unquoted value; put values with special characters in double "
                         "quotes");
    }
    c.Advance();
  }
  std::string_view raw = c.text().substr(start, c.pos() - start);
  while (!raw.empty() && IsSpaceChar(raw.back())) raw.remove_suffix(1);
  if (raw.empty()) return c.ErrorAt(start, "expected a value, found " + DescribeChar(c));
  PatternValue value;
  value.text = std::string(raw);
  if (LooksNumeric(raw)) {
    value.kind = PatternValue::Kind::kNumber;
    value.number = ToNumber(raw);
  }
  return value;
}

}  // namespace

Result<PatternValue> ParseQuoted(PatternCursor& c) {
  const size_t start = c.pos();
  c.Advance();  // opening quote
  PatternValue value;
  value.quoted = true;
  while (!c.AtEnd() && c.Peek() != '"') {
    if (c.Peek() == '\\' && c.Peek(1) != '\0') c.Advance();  // \" and \\ stand for the char
    value.text += c.Peek();
    c.Advance();
  }
  if (c.AtEnd()) return c.ErrorAt(start, "unterminated quoted string");
  c.Advance();  // closing quote
  return value;
}

Result<PatternValue> ParseRegex(PatternCursor& c) {
  const size_t start = c.pos();
  c.Advance();  // opening %
  const size_t body = c.pos();
  while (!c.AtEnd() && c.Peek() != '%') {
    if (c.Peek() == '(' || c.Peek() == ')') {
      return c.ErrorHere("CloudWatch regular expressions do not support '(' and ')'");
    }
    c.Advance();
  }
  if (c.AtEnd()) return c.ErrorAt(start, "unterminated regular expression (missing closing '%')");
  PatternValue value;
  value.kind = PatternValue::Kind::kRegex;
  value.text = std::string(c.text().substr(body, c.pos() - body));
  c.Advance();  // closing %
  if (++c.regex_count > kMaxPatternRegexes) {
    return c.ErrorAt(start, "more than 2 regular expressions in one pattern");
  }
  if (value.text.empty()) return c.ErrorAt(start, "empty regular expression");
  auto compiled = CwRegex::Compile(value.text);
  if (!compiled.ok()) {
    // The error's column is 1-based inside the expression, which starts after the '%'; its
    // offset inside the expression gives way to the offset in the pattern.
    const Error& e = compiled.error();
    std::string message = e.message;
    if (const size_t at = message.rfind(" at offset "); at != std::string::npos) message.resize(at);
    return c.ErrorAt(body + e.where.column - 1, "invalid regular expression: " + message);
  }
  value.regex = std::make_shared<const CwRegex>(std::move(*compiled));
  return value;
}

Result<PatternValue> ParseValue(PatternCursor& c, ValueContext context) {
  c.SkipSpace();
  if (c.Peek() == '"') return ParseQuoted(c);
  if (c.Peek() == '%') return ParseRegex(c);
  return ParseUnquoted(c, context);
}

}  // namespace iaclint
