#include "base/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace iaclint {
namespace {

// Columns on very long lines come from checkpoints; they must equal a plain count.
TEST(LineIndex, LongLinesMatchAPlainCount) {
  std::string text = "x\n";
  for (int i = 0; i < 5000; ++i)
    text += (i % 7 == 0) ? "\xC3\xA9" : (i % 11 == 0) ? "\xF0\x9F\x98\x80" : "a";
  text += "\nend";
  const LineIndex index(text, 0);
  uint32_t column = 1;
  size_t i = 2;
  while (i < text.size() && text[i] != '\n') {
    const Location l = index.At(i);
    ASSERT_EQ(l.line, 2u);
    ASSERT_EQ(l.column, column) << "offset " << i;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    column += len == 4 ? 2 : 1;
    i += len;
  }
  EXPECT_EQ(index.At(text.size() - 1).line, 3u);
  EXPECT_EQ(index.At(text.size() - 1).column, 3u);
}

// The cursor answers exactly as At() does, for offsets in order, repeated, skipping ahead
// over lines and long stretches, and going back.
TEST(LineIndex, CursorAgreesWithAt) {
  std::string text = "a: 1\r\nb: \xC3\xA9\xF0\x9F\x98\x80 x\rc\n\n";
  for (int i = 0; i < 3000; ++i) text += (i % 13 == 0) ? "\xE2\x82\xAC" : "y";
  text += "\nlast line";
  const LineIndex index(text, 3);
  auto expect_same = [&](LineIndex::Cursor& cursor, size_t offset) {
    const Location want = index.At(offset), got = cursor.At(offset);
    ASSERT_EQ(got.file, want.file) << offset;
    ASSERT_EQ(got.line, want.line) << offset;
    ASSERT_EQ(got.column, want.column) << offset;
    ASSERT_EQ(got.end_column, want.end_column) << offset;
  };
  std::vector<size_t> boundaries;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      boundaries.push_back(i);
    }
  }
  for (size_t step : {1, 2, 7, 300, 1000}) {
    LineIndex::Cursor cursor(index);
    for (size_t k = 0; k < boundaries.size(); k += step) {
      expect_same(cursor, boundaries[k]);
      expect_same(cursor, boundaries[k]);  // the same offset twice
    }
    expect_same(cursor, text.size() + 5);  // past the end: clamped
    expect_same(cursor, 3);                // backwards
    expect_same(cursor, 40);
  }
}

}  // namespace
}  // namespace iaclint
