#include "parse/json_reader.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace iaclint
