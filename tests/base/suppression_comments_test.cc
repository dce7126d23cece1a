#include "base/suppression_comments.h"

#include <gtest/gtest.h>

namespace iaclint {
namespace {

std::vector<std::string> Ids(const std::vector<Suppression>& list) {
  std::vector<std::string> out;
  for (const Suppression& s : list) out.push_back(s.rule_id + (s.problem.empty() ? "" : "!"));
  return out;
}

using Strings = std::vector<std::string>;

TEST(SuppressionDirective, ReasonAndExpiry) {
  auto s = ParseSuppressionDirective(
      R"(IAC0804 reason="archive bucket is managed \"elsewhere\"" until=2027-03-31)", {0, 3, 5});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].rule_id, "IAC0804");
  EXPECT_EQ(s[0].reason, "archive bucket is managed \"elsewhere\"");
  EXPECT_EQ(s[0].until, "2027-03-31");
  EXPECT_EQ(s[0].problem, "");
  EXPECT_EQ(s[0].where.line, 3u);
}

TEST(SuppressionDirective, SeveralRulesShareReason) {
  auto s = ParseSuppressionDirective("IAC0804,IAC0806 reason='one bucket'", {});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].rule_id, "IAC0806");
  EXPECT_EQ(s[1].reason, "one bucket");
}

TEST(SuppressionDirective, BareWordReasonAndNoReason) {
  EXPECT_EQ(ParseSuppressionDirective("IAC0804 reason=legacy", {})[0].reason, "legacy");
  auto none = ParseSuppressionDirective("IAC0804", {});
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0].reason, "");
  EXPECT_EQ(none[0].problem, "");
}

TEST(SuppressionDirective, MalformedDirectivesSayWhy) {
  EXPECT_NE(ParseSuppressionDirective("", {})[0].problem.find("needs a rule id"),
            std::string::npos);
  EXPECT_NE(ParseSuppressionDirective("cloudtrail reason=x", {})[0].problem.find("not a rule id"),
            std::string::npos);
  EXPECT_NE(ParseSuppressionDirective("IAC0804 until=2027-02-30 reason=x", {})[0].problem.find(
                "not a date"),
            std::string::npos);
  EXPECT_NE(ParseSuppressionDirective("IAC0804 reason=\"open", {})[0].problem.find("closing quote"),
            std::string::npos);
  EXPECT_NE(ParseSuppressionDirective("IAC0804 because=x", {})[0].problem.find("unknown key"),
            std::string::npos);
  EXPECT_NE(ParseSuppressionDirective("IAC0804 reason=x trailing", {})[0].problem.find(
                "unexpected 'trailing'"),
            std::string::npos);
  EXPECT_NE(ParseSuppressionDirective("IAC0804 reason=a reason=b", {})[0].problem.find("twice"),
            std::string::npos);
  // The rule id is kept so the report can name it.
  EXPECT_EQ(ParseSuppressionDirective("IAC0804 because=x", {})[0].rule_id, "IAC0804");
}

TEST(IsoDate, CalendarDatesOnly) {
  EXPECT_TRUE(IsIsoDate("2027-03-31"));
  EXPECT_TRUE(IsIsoDate("2028-02-29"));
  EXPECT_FALSE(IsIsoDate("2027-02-29"));
  EXPECT_FALSE(IsIsoDate("2027-13-01"));
  EXPECT_FALSE(IsIsoDate("2027-3-31"));
  EXPECT_FALSE(IsIsoDate("31/03/2027"));
}

constexpr const char* kTemplate = R"(Resources:
  # iaclint:ignore IAC0804 reason="above the bucket"
  # a second comment line keeps the run unbroken
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      # iaclint:ignore IAC0001 reason="inside the bucket"
      BucketName: logs
    # iaclint:ignore IAC0002 reason="end of the bucket, indented deeper"
  # iaclint:ignore IAC0806 reason="above the log group"
  LogGroup: # iaclint:ignore IAC0807 reason="on the id line"
    Type: AWS::Logs::LogGroup

  # iaclint:ignore IAC0901 reason="a blank line separates this from Trail"

  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      Description: |
        # iaclint:ignore IAC0803 reason="text of a block scalar"
      Name: "# iaclint:ignore IAC0805 reason=quoted"
      Other: '#iaclint:ignore IAC0805'
)";

TEST(SuppressionComments, YamlBindsToTheResourceBlock) {
  SuppressionComments c(kTemplate, 0, CommentSyntax::kYaml);
  EXPECT_EQ(Ids(c.ForBlock(4, 10)), (Strings{"IAC0804", "IAC0001", "IAC0002"}));
  EXPECT_EQ(Ids(c.ForBlock(11, 15)), (Strings{"IAC0806", "IAC0807"}));
  EXPECT_EQ(Ids(c.ForBlock(16, 22)), Strings{});
}

TEST(SuppressionComments, DirectiveLocationIsTheComment) {
  auto s = ScanSuppressionComments(kTemplate, 7, 11, 15, CommentSyntax::kYaml);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].where.file, 7u);
  EXPECT_EQ(s[1].where.line, 11u);
  EXPECT_EQ(s[1].where.column, 13u);
  EXPECT_EQ(s[1].reason, "on the id line");
}

TEST(SuppressionComments, EditsAboveDoNotMatter) {
  const std::string edited = std::string("# new header\n\n\n") + kTemplate;
  SuppressionComments c(edited, 0, CommentSyntax::kYaml);
  EXPECT_EQ(Ids(c.ForBlock(7, 13)), (Strings{"IAC0804", "IAC0001", "IAC0002"}));
}

TEST(SuppressionComments, FilesWithoutTheMarkerAreNotScanned) {
  SuppressionComments c("Resources:\n  A:\n    Type: X\n", 0, CommentSyntax::kYaml);
  EXPECT_TRUE(c.empty());
  EXPECT_TRUE(c.ForBlock(2, 3).empty());
}

TEST(SuppressionComments, RangesPastTheEndAreClamped) {
  SuppressionComments c("A: 1 # iaclint:ignore IAC0804 reason=x\n", 0, CommentSyntax::kYaml);
  EXPECT_EQ(Ids(c.ForBlock(1, 99)), Strings{"IAC0804"});
  EXPECT_TRUE(c.ForBlock(5, 9).empty());
  EXPECT_TRUE(c.ForBlock(0, 9).empty());
}

constexpr const char* kHcl = R"(# iaclint:ignore IAC0806 reason="above"
resource "aws_cloudwatch_log_group" "trail" {
  name = "trail # iaclint:ignore IAC0801 reason=string"
  // iaclint:ignore IAC0807 reason="double slash"
  policy = <<-EOF
    # iaclint:ignore IAC0802 reason=heredoc
  EOF
  /* iaclint:ignore IAC0803 reason=block-comment */
}

/* a block comment
   # iaclint:ignore IAC0805 reason=inside-block-comment
*/
resource "aws_cloudtrail" "main" { # iaclint:ignore IAC0804 reason="same line"
}
)";

TEST(SuppressionComments, HclLineCommentsOnly) {
  SuppressionComments c(kHcl, 0, CommentSyntax::kHcl);
  EXPECT_EQ(Ids(c.ForBlock(2, 9)), (Strings{"IAC0806", "IAC0807"}));
  EXPECT_EQ(Ids(c.ForBlock(14, 15)), Strings{"IAC0804"});
}

TEST(SuppressionComments, MalformedCommentsAreKeptWithTheirProblem) {
  SuppressionComments c("A:\n  # iaclint:ignore IAC0804 until=soon reason=x\n  B: 1\n", 0,
                        CommentSyntax::kYaml);
  auto s = c.ForBlock(1, 3);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_NE(s[0].problem.find("until=soon"), std::string::npos);
}

}  // namespace
}  // namespace iaclint
