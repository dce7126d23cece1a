#include "base/text.h"

#include <algorithm>
#include <cstring>
#include <iterator>

namespace iaclint {

namespace {

// Length of the UTF-8 sequence starting with lead byte c, or 0 if c cannot start one.
int SequenceLength(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

constexpr size_t kCheckpointStride = 256;

// Moves `i` past the character at it and `column` past its UTF-16 units (an invalid byte counts
// as one character): the one walk behind every column.
void StepCharacter(std::string_view text, size_t& i, uint32_t& column) {
  const int len = SequenceLength(static_cast<unsigned char>(text[i]));
  column += (len == 4) ? 2 : 1;
  i += (len == 0) ? 1 : static_cast<size_t>(len);
}

}  // namespace

LineIndex::LineIndex(std::string_view text, FileId file) : text_(text), file_(file) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      starts_.push_back(i + 1);
    } else if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) {
      starts_.push_back(i + 1);  // a lone CR ends a line too
    }
  }
  for (size_t k = 0; k < starts_.size(); ++k) {
    const size_t end = (k + 1 < starts_.size()) ? starts_[k + 1] : text.size();
    if (end - starts_[k] > kCheckpointStride) AddCheckpoints(starts_[k], end);
  }
}

// Walks a long line exactly as Column() does and remembers where it stood every stride.
void LineIndex::AddCheckpoints(size_t line_start, size_t line_end) {
  uint32_t column = 1;
  size_t i = line_start;
  size_t next = line_start + kCheckpointStride;
  while (i < line_end) {
    if (i >= next) {
      checkpoints_.emplace_back(i, column);
      next = i + kCheckpointStride;
    }
    StepCharacter(text_, i, column);
  }
}

uint32_t LineIndex::Column(size_t line_start, size_t offset) const {
  uint32_t column = 1;
  size_t i = line_start;
  auto cp = std::upper_bound(checkpoints_.begin(), checkpoints_.end(),
                             std::make_pair(offset, UINT32_MAX));
  if (cp != checkpoints_.begin() && std::prev(cp)->first > line_start) {
    i = std::prev(cp)->first;
    column = std::prev(cp)->second;
  }
  while (i < offset && i < text_.size()) {
    StepCharacter(text_, i, column);
  }
  return column;
}

Location LineIndex::At(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const size_t line = static_cast<size_t>(it - starts_.begin());  // 1-based
  Location loc;
  loc.file = file_;
  loc.line = static_cast<uint32_t>(line);
  loc.column = Column(starts_[line - 1], offset);
  loc.end_line = loc.line;
  loc.end_column = loc.column;
  return loc;
}

Location LineIndex::Cursor::At(size_t offset) {
  const LineIndex& x = index_;
  offset = std::min(offset, x.text_.size());
  if (offset < offset_) return x.At(offset);
  if (line_ < x.starts_.size() && x.starts_[line_] <= offset) {  // on a later line
    line_ =
        static_cast<size_t>(std::upper_bound(x.starts_.begin() + static_cast<std::ptrdiff_t>(line_),
                                             x.starts_.end(), offset) -
                            x.starts_.begin());
    offset_ = x.starts_[line_ - 1];
    column_ = 1;
  }
  if (offset - offset_ > kCheckpointStride) {  // far along a long line: use its checkpoints
    column_ = x.Column(x.starts_[line_ - 1], offset);
    offset_ = offset;
  }
  while (offset_ < offset) {  // the walk Column() makes, continued
    StepCharacter(x.text_, offset_, column_);
  }
  Location loc;
  loc.file = x.file_;
  loc.line = static_cast<uint32_t>(line_);
  loc.column = column_;
  loc.end_line = loc.line;
  loc.end_column = loc.column;
  return loc;
}

Location LineIndex::Span(size_t begin, size_t end) const {
  Location loc = At(begin);
  const Location last = At(std::max(begin, end));
  loc.end_line = last.line;
  loc.end_column = last.column;
  return loc;
}

std::string_view LineIndex::Line(uint32_t line) const {
  if (line == 0 || line > starts_.size()) return {};
  const size_t begin = starts_[line - 1];
  size_t end = (line < starts_.size()) ? starts_[line] : text_.size();
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return text_.substr(begin, end - begin);
}

std::optional<size_t> FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const int len = SequenceLength(c);
    if (len == 0 || i + static_cast<size_t>(len) > text.size()) return i;
    for (int k = 1; k < len; ++k) {
      if (!IsContinuation(static_cast<unsigned char>(text[i + k]))) return i;
    }
    const auto c1 = static_cast<unsigned char>(text[i + 1]);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 > 0x8F)) {
      return i;  // overlong, surrogate or beyond U+10FFFF
    }
    i += static_cast<size_t>(len);
  }
  return std::nullopt;
}

std::optional<std::string> UnsupportedEncoding(std::string_view text) {
  auto starts = [&](std::string_view p) { return text.substr(0, p.size()) == p; };
  if (starts(std::string_view("\x00\x00\xFE\xFF", 4)) ||
      starts(std::string_view("\xFF\xFE\x00\x00", 4))) {
    return "the file is UTF-32 encoded; iaclint reads UTF-8";
  }
  if (starts("\xFE\xFF") || starts("\xFF\xFE")) {
    return "the file is UTF-16 encoded; iaclint reads UTF-8";
  }
  if (text.find('\0') != std::string_view::npos) return "the file contains NUL bytes";
  return std::nullopt;
}

std::string_view StripUtf8Bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

std::optional<char> JsonShortEscape(char letter) {
  switch (letter) {
    case '"':
    case '\\':
    case '/':
      return letter;
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    default:
      return std::nullopt;
  }
}

std::optional<uint32_t> ParseHex(std::string_view digits) {
  uint32_t v = 0;
  for (char c : digits) {
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
  }
  return v;
}

uint32_t Utf16Length(std::string_view text) {
  uint32_t n = 0;
  size_t i = 0;
  while (i < text.size()) {
    // Eight ASCII bytes at a time: a minified plan is one line of 100 MB.
    if (uint64_t word; i + 8 <= text.size() && (std::memcpy(&word, text.data() + i, 8),
                                                (word & 0x8080808080808080u) == 0)) {
      n += 8;
      i += 8;
      continue;
    }
    const int len = SequenceLength(static_cast<unsigned char>(text[i]));
    n += (len == 4) ? 2 : 1;
    i += (len == 0) ? 1 : static_cast<size_t>(len);
  }
  return n;
}

std::string PrintableText(std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  auto hex2 = [](unsigned c) { return std::string{kHex[c >> 4], kHex[c & 15]}; };
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      out += "\\x" + hex2(c);
      ++i;
      continue;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const std::optional<size_t> bad = FindInvalidUtf8(text.substr(i, 4));
    const int len = SequenceLength(c);
    if (len == 0 || (bad && *bad == 0) || i + static_cast<size_t>(len) > text.size()) {
      out += "\\x" + hex2(c);
      ++i;
      continue;
    }
    if (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {  // C1 controls
      out += "\\u00" + hex2(static_cast<unsigned char>(text[i + 1]));
    } else {
      out.append(text.substr(i, static_cast<size_t>(len)));
    }
    i += static_cast<size_t>(len);
  }
  return out;
}

std::string_view Utf8Prefix(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && IsContinuation(static_cast<unsigned char>(text[end]))) --end;
  return text.substr(0, end);
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace iaclint
