// Byte offsets to 1-based line/column, and UTF-8 checks shared by the parsers.
#ifndef IACLINT_BASE_TEXT_H_
#define IACLINT_BASE_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/location.h"

namespace iaclint {

/// Maps byte offsets of one text to 1-based lines and columns. Columns count UTF-16 code
/// units (what SARIF's utf16CodeUnits and editors expect); a tab counts as one.
class LineIndex {
 public:
  LineIndex(std::string_view text, FileId file);

  /// Answers At() for offsets that mostly grow, as a parser's events do, in amortised
  /// constant time: it walks on from its previous answer instead of searching the lines and
  /// walking the line from its start. An offset behind the previous one is looked up anew.
  class Cursor {
   public:
    explicit Cursor(const LineIndex& index) : index_(index) {}
    Location At(size_t offset);

   private:
    const LineIndex& index_;
    size_t line_ = 1;      ///< 1-based line of offset_
    size_t offset_ = 0;    ///< where the walk stands (a character boundary)
    uint32_t column_ = 1;  ///< the column at offset_
  };

  Location At(size_t offset) const;
  /// A range from begin to end (end exclusive), both byte offsets.
  Location Span(size_t begin, size_t end) const;
  uint32_t line_count() const { return static_cast<uint32_t>(starts_.size()); }
  /// The text of a 1-based line without its line break.
  std::string_view Line(uint32_t line) const;

 private:
  uint32_t Column(size_t line_start, size_t offset) const;
  void AddCheckpoints(size_t line_start, size_t line_end);

  std::string_view text_;
  FileId file_;
  std::vector<size_t> starts_;
  /// (offset, column) at character boundaries every few hundred bytes of long lines, so a
  /// column costs O(log n) plus a short walk even in a multi-megabyte one-line file.
  std::vector<std::pair<size_t, uint32_t>> checkpoints_;
};

/// The byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

/// Describes encodings iaclint refuses (UTF-16/32 byte-order marks, NUL bytes) or nullopt.
/// A UTF-8 byte-order mark is fine: parsers skip it.
std::optional<std::string> UnsupportedEncoding(std::string_view text);

/// The text without a leading UTF-8 byte-order mark.
std::string_view StripUtf8Bom(std::string_view text);

/// Appends the UTF-8 encoding of the code point `cp` (JSON and HCL escapes decode through it).
void AppendUtf8(std::string& out, uint32_t cp);

/// The character a JSON one-letter escape stands for (`n` in "\\n" is '\\n'); nullopt for `u`
/// and for letters JSON does not define.
std::optional<char> JsonShortEscape(char letter);

/// The value of a run of hexadecimal digits (the XXXX of a \uXXXX escape); nullopt when one is
/// not a hexadecimal digit.
std::optional<uint32_t> ParseHex(std::string_view digits);

/// Number of UTF-16 code units in a UTF-8 string (invalid bytes count one each).
uint32_t Utf16Length(std::string_view text);

/// Text from an input made safe to print in any output: valid UTF-8 is kept, but invalid bytes
/// and control characters (C0, DEL, C1: line breaks, terminal escapes) become \xHH or \uHHHH,
/// so a hostile file name or key can neither forge an output line nor drive a terminal.
std::string PrintableText(std::string_view text);

/// `text` cut to at most `max_bytes` without splitting a UTF-8 sequence.
std::string_view Utf8Prefix(std::string_view text, size_t max_bytes);

}  // namespace iaclint

#endif  // IACLINT_BASE_TEXT_H_
