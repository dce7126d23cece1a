#include "pattern/pattern_cursor.h"

#include <cctype>

#include "base/text.h"

namespace iaclint {

char PatternCursor::Peek(size_t ahead) const {
  const size_t at = pos_ + ahead;
  return at < text_.size() ? text_[at] : '\0';
}

void PatternCursor::SkipSpace() {
  while (!AtEnd() && IsSpaceChar(text_[pos_])) ++pos_;
}

bool PatternCursor::Consume(std::string_view token) {
  if (!LookingAt(token)) return false;
  pos_ += token.size();
  return true;
}

bool PatternCursor::ConsumeKeyword(std::string_view word) {
  if (text_.size() - pos_ < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    const auto a = static_cast<unsigned char>(text_[pos_ + i]);
    if (std::toupper(a) != static_cast<unsigned char>(word[i])) return false;
  }
  const size_t after = pos_ + word.size();
  if (after < text_.size() && IsWordChar(text_[after])) return false;
  pos_ = after;
  return true;
}

Error PatternCursor::ErrorAt(size_t offset, std::string_view message) const {
  const LineIndex index(text_, kNoFile);
  Location where = index.At(offset);
  where.file = kNoFile;
  std::string text(message);
  text += " at offset " + std::to_string(offset) + " (";
  if (index.line_count() > 1) text += "line " + std::to_string(where.line) + ", ";
  text += "column " + std::to_string(where.column) + ")";
  return Error{std::move(text), where};
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

bool IsSpaceChar(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string DescribeChar(const PatternCursor& c) {
  if (c.AtEnd()) return "end of pattern";
  return "'" + std::string(1, c.Peek()) + "'";
}

}  // namespace iaclint
