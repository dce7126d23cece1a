#include "parse/yaml_reader.h"

#include <gtest/gtest.h>

#include <string>

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

// Corpus: aws-security-reference-architecture *-main-ssm.yaml (yaml-cpp 0.7 rejected these).
TEST(YamlReader, ReadsTaggedPlainScalarContinuedInBlockSequence) {
  auto doc = ParseYaml("D: !If\n  - c\n  - !Sub a -\n    'b' c\n", 0);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const Value& d = *doc->root.Find("D");
  ASSERT_EQ(d.items().size(), 2u);
  EXPECT_EQ(d.items()[1].str(), "a - 'b' c");
  EXPECT_EQ(d.items()[1].tag(), "!Sub");
  EXPECT_EQ(d.items()[1].loc().line, 3u);
  EXPECT_EQ(d.items()[1].loc().column, 5u);  // the tag starts the value
}

// Corpus: cfn-lint quickstart nist_*.yaml use '<newline><newline>' as a Fn::Join delimiter.
TEST(YamlReader, FoldsQuotedScalarLineBreaksAsTheSpecSays) {
  auto doc = ParseYaml("a: '\n\n  '\nb: \"x\n  y\"\n", 0);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->root.Find("a")->str(), "\n");
  EXPECT_EQ(doc->root.Find("b")->str(), "x y");
}

TEST(YamlReader, RejectsMappingKeyThatIsNotAScalar) {
  auto doc = ParseYaml("a:\n  - [ x ]\n  - {[k]: v}\n", 0);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.error().message.find("key must be a scalar"), std::string::npos);
  EXPECT_EQ(doc.error().where.line, 3u);
  EXPECT_EQ(doc.error().where.column, 6u);
}

// Corpus: cfn-lint bad/core/parse_invalid_map.yaml.
TEST(YamlReader, RejectsTaggedKey) {
  auto doc = ParseYaml("a: [ !ImportValue Fn::Sub: \"x\" ]\n", 0);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.error().message.find("cannot carry a tag (!ImportValue Fn::Sub)"),
            std::string::npos);
  EXPECT_EQ(doc.error().where.column, 6u);
}

TEST(YamlReader, RejectsNullKey) {
  auto doc = ParseYaml("a: 1\n~: 2\n", 0);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().message, "a mapping key must not be null");
  EXPECT_EQ(doc.error().where.line, 2u);
}

TEST(YamlReader, RejectsASecondDocument) {
  auto doc = ParseYaml("a: 1\n---\nb: 2\n", 0);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.error().message.find("single document"), std::string::npos);
  EXPECT_EQ(doc.error().where.line, 2u);
  EXPECT_TRUE(ParseYaml("---\na: 1\n...\n", 0).ok());
}

TEST(YamlReader, MergesListsOfMapsAndLetsWrittenKeysWinWithoutWarning) {
  auto doc = ParseYaml("x: &x {a: 1, b: 1}\ny: &y {b: 2, c: 2}\nz:\n  <<: [*x, *y]\n  c: 3\n", 0);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const Value& z = *doc->root.Find("z");
  EXPECT_EQ(z.Find("a")->str(), "1");
  EXPECT_EQ(z.Find("b")->str(), "1");  // the first merged map wins
  EXPECT_EQ(z.Find("c")->str(), "3");  // a written key wins over merged ones
  EXPECT_EQ(z.members().size(), 3u);
  EXPECT_TRUE(doc->warnings.empty());
  EXPECT_FALSE(ParseYaml("z:\n  <<: 5\n", 0).ok());
}

// Small maps find duplicates by searching their members, big ones with a set: both warn
// once per repeated key, in maps with and without merge keys, and the last value wins.
TEST(YamlReader, DuplicateKeysAreFoundInSmallAndBigMaps) {
  for (int size : {3, 15, 16, 17, 40}) {
    for (bool merge : {false, true}) {
      std::string text = "d: &d {m: 0}\nmap:\n";
      if (merge) text += "  <<: *d\n";
      for (int i = 0; i < size; ++i)
        text += "  k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
      text += "  k1: again\n  m: written\n  k1: thrice\n";
      auto doc = ParseYaml(text, 0);
      ASSERT_TRUE(doc.ok()) << doc.error().message;
      const size_t expected = 2;  // k1 twice more; m is new, or replaces a merged m silently
      ASSERT_EQ(doc->warnings.size(), expected) << size << " " << merge;
      EXPECT_EQ(doc->warnings[0].message, "duplicate key 'k1' (the last one is used)");
      const Value& map = *doc->root.Find("map");
      EXPECT_EQ(map.Find("k1")->str(), "thrice");
      EXPECT_EQ(map.Find("m")->str(), "written");
      EXPECT_EQ(map.Find("k0")->str(), "0");
    }
  }
}

TEST(YamlReader, StandardTagsTypeScalars) {
  auto doc = ParseYaml("a: !!str 12\nb: !!int \"12\"\nc: !!bool 'true'\n", 0);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_TRUE(doc->root.Find("a")->is(Value::Kind::kString));
  EXPECT_TRUE(doc->root.Find("b")->is(Value::Kind::kNumber));
  EXPECT_TRUE(doc->root.Find("c")->is(Value::Kind::kBool));
}

TEST(YamlReader, CountsColumnsInUtf16UnitsAfterAstralCharacters) {
  auto doc = ParseYaml("k: \"\xF0\x9F\x98\x80\"\nm: [x, \xF0\x9F\x98\x80, !Ref y]\n", 0);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->root.Find("k")->loc().end_column, 8u);  // 4 + quote + 2 units + quote
  EXPECT_EQ(doc->root.Find("m")->items()[2].loc().column, 12u);
}

}  // namespace
}  // namespace iaclint
