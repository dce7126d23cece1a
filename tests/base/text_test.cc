#include "base/text.h"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace iaclint
