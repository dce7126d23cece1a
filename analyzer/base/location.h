// A place in an analysed file. Every value of the model carries one.
#ifndef IACLINT_BASE_LOCATION_H_
#define IACLINT_BASE_LOCATION_H_

#include <cstdint>
#include <tuple>

namespace iaclint {

/// Index into Model::files (or a SourceSet); kNoFile when a value was synthesised.
using FileId = uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;

/// 1-based line and column (columns count UTF-8 code points, so they equal UTF-16 units
/// for the BMP). end_* point one past the last character; 0 means "unknown".
struct Location {
  FileId file = kNoFile;
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t end_line = 0;
  uint32_t end_column = 0;

  bool known() const { return file != kNoFile && line > 0; }
  friend bool operator<(const Location& a, const Location& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  }
  friend bool operator==(const Location& a, const Location& b) {
    return std::tie(a.file, a.line, a.column, a.end_line, a.end_column) ==
           std::tie(b.file, b.line, b.column, b.end_line, b.end_column);
  }
};

}  // namespace iaclint

#endif  // IACLINT_BASE_LOCATION_H_
