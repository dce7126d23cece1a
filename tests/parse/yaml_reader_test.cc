#include "parse/yaml_reader.h"

#include <gtest/gtest.h>

namespace iaclint {
namespace {

TEST(YamlReader, TypesScalarsAndKeepsTags) {
  auto doc = ParseYaml("a: !Ref Foo\nb: \"true\"\nc: true\nd: 12\ne: ~\nf: !GetAtt [X, Arn]\n", 1);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const Value& r = doc->root;
  EXPECT_EQ(r.Find("a")->tag(), "!Ref");
  EXPECT_EQ(r.Find("a")->str(), "Foo");
  EXPECT_TRUE(r.Find("b")->is(Value::Kind::kString));
  EXPECT_TRUE(r.Find("b")->has(Value::kQuoted));
  EXPECT_TRUE(r.Find("c")->is(Value::Kind::kBool));
  EXPECT_TRUE(r.Find("d")->is(Value::Kind::kNumber));
  EXPECT_TRUE(r.Find("e")->IsNull());
  EXPECT_EQ(r.Find("f")->tag(), "!GetAtt");
  EXPECT_EQ(r.Find("f")->items().size(), 2u);
}

TEST(YamlReader, PositionsAreOneBasedAndCountCharacters) {
  auto doc = ParseYaml("x:\n  k: \"日本\"\n  m: v\n", 0);
  ASSERT_TRUE(doc.ok());
  const Value* x = doc->root.Find("x");
  const Value::Member* k = x->FindMember("k");
  EXPECT_EQ(k->key_loc.line, 2u);
  EXPECT_EQ(k->key_loc.column, 3u);
  EXPECT_EQ(k->value.loc().column, 6u);
  EXPECT_EQ(k->value.loc().end_column, 10u);
}

TEST(YamlReader, ExpandsAliasesAndMergeKeys) {
  auto doc = ParseYaml("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n", 0);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const Value* c = doc->root.Find("c");
  EXPECT_EQ(c->Find("x")->str(), "1");
  EXPECT_EQ(c->Find("y")->str(), "3");
}

TEST(YamlReader, StopsAliasBombs) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'k'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = c;
  }
  auto doc = ParseYaml(bomb, 0);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.error().message.find("alias"), std::string::npos);
}

TEST(YamlReader, ReportsSyntaxErrorPlace) {
  auto doc = ParseYaml("a: [1, 2\nb: 3\n", 0);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().where.line, 2u);
}

TEST(YamlReader, RejectsDeepNesting) {
  auto doc = ParseYaml("a: " + std::string(100000, '[') + std::string(100000, ']'), 0);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.error().message.find("nesting"), std::string::npos);
}

}  // namespace
}  // namespace iaclint
