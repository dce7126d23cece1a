#include "parse/json_reader.h"

#include <chrono>

#include <gtest/gtest.h>

#include "base/text.h"

namespace iaclint {
namespace {

TEST(JsonReader, KeepsOneBasedPositions) {
  auto doc = ParseJson("{\n  \"a\": [1, \"x\"],\n  \"b\": true\n}", 3);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const Value* a = doc->root.Find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->loc().file, 3u);
  EXPECT_EQ(a->loc().line, 2u);
  EXPECT_EQ(a->loc().column, 8u);
  EXPECT_EQ(a->items()[1].loc().column, 12u);
  EXPECT_EQ(a->items()[1].loc().end_column, 15u);
  EXPECT_EQ(doc->root.FindMember("b")->key_loc.line, 3u);
  EXPECT_EQ(doc->root.FindMember("b")->key_loc.column, 3u);
}

TEST(JsonReader, ReportsErrorPlace) {
  auto doc = ParseJson("{\n  \"a\": [1,\n  \"b\": 2\n}", 0);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().where.line, 3u);
  EXPECT_EQ(doc.error().where.column, 6u);
  EXPECT_EQ(doc.error().message, "expected ',' or ']' after an array element");
}

TEST(JsonReader, RejectsDeepNestingWithoutCrashing) {
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  auto doc = ParseJson(deep, 0);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.error().message.find("nesting deeper"), std::string::npos);
}

TEST(JsonReader, DecodesEscapesAndSurrogates) {
  auto doc = ParseJson(R"(["a\nb", "\u00e9", "\ud83d\ude00"])", 0);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->root.items()[0].str(), "a\nb");
  EXPECT_EQ(doc->root.items()[1].str(), "\xC3\xA9");
  EXPECT_EQ(doc->root.items()[2].str(), "\xF0\x9F\x98\x80");
}

TEST(JsonReader, WarnsOnDuplicateKeys) {
  auto doc = ParseJson(R"({"a": 1, "a": 2})", 0);
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->warnings.size(), 1u);
  EXPECT_EQ(doc->root.Find("a")->str(), "2");
}

TEST(JsonReader, RejectsInvalidUtf8) {
  auto doc = ParseJson("{\"a\": \"\xff\"}", 0);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().where.column, 8u);
}

// Corpus: terraform-json testdata schemas.json is 2.5 MB on one line; locating each value by
// rescanning the line from its start took minutes.
TEST(JsonReader, MinifiedDocumentOnOneLineParsesInLinearTime) {
  std::string text = "[";
  for (int i = 0; i < 300000; ++i) text += i ? ",\"x\"" : "\"x\"";
  text += "]";
  const auto start = std::chrono::steady_clock::now();
  auto doc = ParseJson(text, 0);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->root.items().back().loc().column, text.size() - 3);
  EXPECT_LT(seconds, 5.0);
}

TEST(LineIndex, ColumnsStayRightWhenLookupsGoBackwards) {
  const std::string text = "ab" "\xF0\x9F\x98\x80" "cd\nxy";
  LineIndex lines(text, 0);
  EXPECT_EQ(lines.At(7).column, 6u);  // 'd': a=1, b=2, the emoji 3-4 (two UTF-16 units), c=5
  EXPECT_EQ(lines.At(0).column, 1u);
  EXPECT_EQ(lines.At(2).column, 3u);
  EXPECT_EQ(lines.At(10).line, 2u);
  EXPECT_EQ(lines.At(7).column, 6u);
  const std::string long_line = "\xF0\x9F\x98\x80" + std::string(20000, 'x') + "\n";
  LineIndex far(long_line, 0);
  for (size_t offset : {19000u, 9000u, 4u, 12001u, 5u, 20003u}) {
    EXPECT_EQ(far.At(offset).column, offset - 1) << offset;  // the emoji: 4 bytes, 2 units
  }
}

}  // namespace
}  // namespace iaclint
