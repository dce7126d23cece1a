// Text substitution of LZA {{ }} placeholders and the mapping back to the file as written.
#include "orgs/lza_placeholders.h"

#include <gtest/gtest.h>

#include "parse/yaml_reader.h"

namespace iaclint {
namespace {

Replacements Values() {
  Replacements r;
  r.values["Prefix"] = "AWSAccelerator";
  r.values["Regions"] = "ap-northeast-1,us-east-1";
  r.unknown["Email"] = "read from SSM at deployment";
  return r;
}

TEST(Placeholders, SubstitutesAndRecordsColumns) {
  const Substitution s = SubstitutePlaceholders("a: {{ Prefix }}-x-{{Prefix}}\nb: c\n", Values());
  EXPECT_EQ(s.text, "a: AWSAccelerator-x-AWSAccelerator\nb: c\n");
  ASSERT_EQ(s.edits.size(), 2u);
  EXPECT_EQ(s.edits[0].old_column, 4u);
  EXPECT_EQ(s.edits[0].old_length, 12u);
  EXPECT_EQ(s.edits[0].new_length, 14u);
  EXPECT_EQ(s.edits[1].old_column, 19u);
  EXPECT_EQ(s.edits[1].new_column, 21u);
}

TEST(Placeholders, MapsColumnsBackIncludingAfterMultiByteText) {
  // "日本" counts one UTF-16 unit per character, as every column does.
  const std::string text = "name: \"日本-{{ Prefix }}\" # {{ Prefix }}\nnext: {{ Regions }}\n";
  const Substitution s = SubstitutePlaceholders(text, Values());
  auto doc = ParseYaml(s.text, 0);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  Value root = std::move(doc->root);
  RestoreOriginal(root, s);
  const Value::Member* next = root.FindMember("next");
  EXPECT_EQ(next->key_loc.line, 2u);
  EXPECT_EQ(next->key_loc.column, 1u);
  EXPECT_EQ(next->value.loc().column, 7u);  // the placeholder itself
  EXPECT_EQ(next->value.str(), "ap-northeast-1,us-east-1");
  const Value* name = root.Find("name");
  EXPECT_EQ(name->str(), "日本-AWSAccelerator");
  EXPECT_EQ(name->loc().column, 7u);
  EXPECT_EQ(name->loc().end_column, 24u);  // one past the closing quote of the original
}

TEST(Placeholders, UnresolvedBecomeUnknownWithTheirReason) {
  const Substitution s = SubstitutePlaceholders(
      "a: {{ Email }}\nb: \"x {{ Nope }} y\"\nc: {{ account 'Audit' }}\n", Values());
  ASSERT_EQ(s.unresolved.size(), 3u);
  auto doc = ParseYaml(s.text, 0);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  Value root = std::move(doc->root);
  RestoreOriginal(root, s);
  EXPECT_EQ(root.Find("a")->kind(), Value::Kind::kUnknown);
  EXPECT_EQ(root.Find("a")->str(), "read from SSM at deployment");
  EXPECT_EQ(root.Find("a")->category(), "lza-placeholder");
  EXPECT_EQ(root.Find("b")->str(),
            "LZA placeholder {{ Nope }} is not defined in replacements-config.yaml");
  EXPECT_EQ(root.Find("b")->loc().column, 4u);
  EXPECT_EQ(root.Find("c")->str(),
            "LZA placeholder {{ account 'Audit' }} is resolved only at deployment");
}

TEST(Placeholders, UnclosedBracesAndCrLfAreLeftAlone) {
  const Substitution s = SubstitutePlaceholders("a: {{ Prefix\r\nb: {{ Prefix }}\r\n", Values());
  EXPECT_EQ(s.text, "a: {{ Prefix\r\nb: AWSAccelerator\r\n");
  EXPECT_EQ(s.edits.size(), 1u);
  EXPECT_EQ(s.edits[0].line, 2u);
}

TEST(Placeholders, ReplacementsAndAccountNames) {
  auto rep = ParseYaml(R"(globalReplacements:
  - {key: Prefix, type: String, value: AWSAccelerator}
  - {key: Cidrs, type: StringList, value: [10.0.0.0/8, 172.16.0.0/12]}
  - {key: Email, path: /accelerator/email}
)",
                       kNoFile);
  auto accounts = ParseYaml(
      "mandatoryAccounts:\n  - {name: Management}\nworkloadAccounts:\n  - {name: Dev}\n", kNoFile);
  ASSERT_TRUE(rep.ok() && accounts.ok());
  const Replacements r = ReadReplacements(&rep->root, &accounts->root);
  EXPECT_EQ(r.values.at("Prefix"), "AWSAccelerator");
  EXPECT_EQ(r.values.at("Cidrs"), "10.0.0.0/8,172.16.0.0/12");
  EXPECT_EQ(r.values.at("Management"), "Management");
  EXPECT_EQ(r.values.at("Dev"), "Dev");
  EXPECT_EQ(r.values.count("Email"), 0u);
  EXPECT_NE(r.unknown.at("Email").find("SSM parameter \"/accelerator/email\""), std::string::npos);
}

}  // namespace
}  // namespace iaclint
