// The SCP evaluator on policy documents written the ways real SCPs are written.
#include "policy/scp.h"

#include <gtest/gtest.h>

#include "parse/json_reader.h"
#include "policy/conditions.h"
#include "policy/root_match.h"

namespace iaclint {
namespace {

RootDenial Eval(const std::string& json) {
  auto doc = ParseJson(json, 0);
  EXPECT_TRUE(doc.ok()) << doc.error().message;
  return EvaluateRootDenial(doc->root);
}

std::string Doc(const std::string& statement) {
  return R"({"Version": "2012-10-17", "Statement": [)" + statement + "]}";
}

TEST(ScpEvaluator, DenyAllWithArnLikeRootPasses) {
  const RootDenial d = Eval(Doc(R"({"Effect": "Deny", "Action": "*", "Resource": "*",
      "Condition": {"ArnLike": {"aws:PrincipalArn": ["arn:aws:iam::*:root"]}}})"));
  EXPECT_EQ(d.verdict, Verdict::kPass) << d.reason;
  EXPECT_TRUE(d.exceptions.empty());
}

TEST(ScpEvaluator, StringLikeAndAnyKeyCasePass) {
  for (const char* cond : {R"({"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}})",
                           R"({"StringLike": {"AWS:PRINCIPALARN": "arn:aws:iam::*:root"}})",
                           R"({"ArnLike": {"aws:PrincipalARN": "arn:*:iam::*:root"}})",
                           R"({"ArnEquals": {"aws:principalarn": "arn:aws:iam::*:root"}})",
                           R"({"ArnLikeIfExists": {"aws:PrincipalArn": "arn:aws:iam::*:root"}})",
                           R"({"ForAnyValue:StringLike": {"aws:PrincipalArn": ["*:root"]}})"}) {
    const RootDenial d = Eval(Doc(std::string(R"({"Effect": "Deny", "Action": ["*"],
        "Resource": "*", "Condition": )") +
                                  cond + "}"));
    EXPECT_EQ(d.verdict, Verdict::kPass) << cond << ": " << d.reason;
  }
}

TEST(ScpEvaluator, StringEqualsTakesTheWildcardLiterally) {
  const RootDenial d = Eval(Doc(R"({"Effect": "Deny", "Action": "*", "Resource": "*",
      "Condition": {"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}})"));
  EXPECT_EQ(d.verdict, Verdict::kFail);
  EXPECT_NE(d.reason.find("no Deny statement applies to the root user"), std::string::npos);
}

TEST(ScpEvaluator, NotActionExceptionsAreListed) {
  const RootDenial d = Eval(Doc(R"({"Effect": "Deny",
      "NotAction": ["s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"],
      "Resource": "*", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}})"));
  EXPECT_EQ(d.verdict, Verdict::kPass);
  EXPECT_EQ(d.exceptions.size(), 3u);
  EXPECT_EQ(d.reason,
            "every action except s3:GetBucketPolicy, s3:PutBucketPolicy, s3:DeleteBucketPolicy");
}

TEST(ScpEvaluator, AServiceAllowListIsNotASeal) {
  // LZA's HIPAA-eligible-services SCP: everyone, root included, keeps whole services.
  const RootDenial d = Eval(Doc(R"({"Sid": "HIPAAEligibleServices", "Effect": "Deny",
      "NotAction": ["acm:*", "athena:*", "s3:*", "ec2:Describe*"], "Resource": "*"})"));
  EXPECT_EQ(d.verdict, Verdict::kFail);
  EXPECT_EQ(d.reason,
            "its NotAction leaves the root user whole services or action groups (acm:*, "
            "athena:*, s3:*, ec2:Describe*)");
}

TEST(ScpEvaluator, NotActionStarDeniesNothing) {
  const RootDenial d = Eval(Doc(R"({"Effect": "Deny", "NotAction": "*", "Resource": "*",
      "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}})"));
  EXPECT_EQ(d.verdict, Verdict::kFail);
}

TEST(ScpEvaluator, AllowStatementsDoNotCount) {
  const RootDenial d = Eval(Doc(R"({"Effect": "Allow", "Action": "*", "Resource": "*",
      "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}})"));
  EXPECT_EQ(d.verdict, Verdict::kFail);
}

TEST(ScpEvaluator, NullAssumedRootStillDeniesRootCredentials) {
  // The centralized-root-access form: root sessions assumed from the management account are
  // exempt, direct root sign-in is denied.
  const RootDenial d = Eval(Doc(R"({"Effect": "Deny", "Action": "*", "Resource": "*",
      "Condition": {"ArnLike": {"aws:PrincipalArn": ["arn:aws:iam::*:root"]},
                    "Null": {"aws:AssumedRoot": "true"}}})"));
  EXPECT_EQ(d.verdict, Verdict::kPass) << d.reason;
  const RootDenial only_assumed = Eval(Doc(R"({"Effect": "Deny", "Action": "*", "Resource": "*",
      "Condition": {"ArnLike": {"aws:PrincipalArn": ["arn:aws:iam::*:root"]},
                    "Null": {"aws:AssumedRoot": "false"}}})"));
  EXPECT_EQ(only_assumed.verdict, Verdict::kFail);
}

TEST(ScpEvaluator, DenyAllExceptRolesCoversRoot) {
  // LZA's quarantine SCP: everyone but the accelerator's roles, hence root too.
  const RootDenial d = Eval(Doc(R"({"Effect": "Deny", "Action": "*", "Resource": "*",
      "Condition": {"ArnNotLike": {"aws:PrincipalArn": [
        "arn:${PARTITION}:iam::*:role/${ACCELERATOR_PREFIX}*"]}}})"));
  EXPECT_EQ(d.verdict, Verdict::kPass) << d.reason;
}

TEST(ScpEvaluator, ArnNotLikeRootExcludesRoot) {
  const RootDenial d = Eval(Doc(R"({"Effect": "Deny", "Action": "*", "Resource": "*",
      "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}})"));
  EXPECT_EQ(d.verdict, Verdict::kFail);
}

TEST(ScpEvaluator, PartitionPlaceholderMatchesEveryPartition) {
  const RootDenial d = Eval(Doc(R"({"Sid": "GRRU", "Effect": "Deny", "Action": "*", "Resource": "*",
      "Condition": {"ArnLike": {"aws:PrincipalArn": ["arn:${PARTITION}:iam::*:root"]}}})"));
  EXPECT_EQ(d.verdict, Verdict::kPass);
}

TEST(ScpEvaluator, SpecificActionsAreNotASeal) {
  const RootDenial d = Eval(Doc(R"({"Effect": "Deny", "Action": ["iam:CreateAccessKey"],
      "Resource": ["arn:aws:iam::*:root"]})"));
  EXPECT_EQ(d.verdict, Verdict::kFail);
  const RootDenial by_principal = Eval(Doc(R"({"Effect": "Deny", "Action": "iam:CreateAccessKey",
      "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}})"));
  EXPECT_EQ(by_principal.verdict, Verdict::kFail);
  EXPECT_NE(by_principal.reason.find("denies only iam:CreateAccessKey"), std::string::npos);
}

TEST(ScpEvaluator, AnUnrelatedConditionNarrowsTheDeny) {
  const RootDenial d = Eval(Doc(R"({"Sid": "RegionOnly", "Effect": "Deny", "Action": "*",
      "Resource": "*", "Condition": {
        "ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"},
        "StringNotEquals": {"aws:RequestedRegion": ["ap-northeast-1"]}}})"));
  EXPECT_EQ(d.verdict, Verdict::kFail);
  EXPECT_NE(d.reason.find("statement 'RegionOnly' denies the root user only conditionally"),
            std::string::npos)
      << d.reason;
  EXPECT_EQ(d.where.line, 1u);
}

TEST(ScpEvaluator, SpecificAccountsStillDeny) {
  const RootDenial d = Eval(Doc(R"({"Effect": "Deny", "Action": "*", "Resource": "*",
      "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:root"}}})"));
  EXPECT_EQ(d.verdict, Verdict::kPass);
  EXPECT_EQ(d.reason, "only for the root users of the accounts it names");
}

TEST(ScpEvaluator, ResourcePoliciesAndRestrictedResourcesDoNotCount) {
  const RootDenial principal = Eval(Doc(R"({"Effect": "Deny", "Principal": "*", "Action": "*",
      "Resource": "*", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}})"));
  EXPECT_EQ(principal.verdict, Verdict::kFail);
  const RootDenial bucket = Eval(Doc(R"({"Effect": "Deny", "Action": "*",
      "Resource": "arn:aws:s3:::logs/*",
      "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}})"));
  EXPECT_EQ(bucket.verdict, Verdict::kFail);
  EXPECT_NE(bucket.reason.find("only on arn:aws:s3:::logs/*"), std::string::npos) << bucket.reason;
}

TEST(ScpEvaluator, UnknownValuesAreUndecided) {
  Value doc = Value::Map();
  Value statement = Value::Map();
  statement.Set("Effect", Value::String("Deny"));
  statement.Set("Action", Value::String("*"));
  statement.Set("Resource", Value::String("*"));
  Value cond = Value::Map();
  Value like = Value::Map();
  like.Set("aws:PrincipalArn", Value::Unknown("var.root_arn is known at apply"));
  cond.Set("ArnLike", like);
  statement.Set("Condition", cond);
  Value list = Value::List();
  list.Add(statement);
  doc.Set("Version", Value::String("2012-10-17"));
  doc.Set("Statement", list);
  EXPECT_EQ(EvaluateRootDenial(doc).verdict, Verdict::kUnknown);
  EXPECT_EQ(EvaluateRootDenial(Value::Unknown("content from a data source")).verdict,
            Verdict::kUnknown);
}

TEST(ScpEvaluator, JsonStringsAreParsed) {
  Value s = Value::String(Doc(R"({"Effect": "Deny", "Action": "*", "Resource": "*",
      "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}})"),
                          Location{0, 3, 5, 3, 9});
  EXPECT_EQ(EvaluateRootDenial(s).verdict, Verdict::kPass);
  EXPECT_EQ(EvaluateRootDenial(Value::String("{not json", Location{0, 1, 1, 1, 2})).verdict,
            Verdict::kFail);
}

TEST(ScpEvaluator, ThePolicyDocumentShape) {
  auto doc = ParseJson(Doc(R"({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:*",
      "Resource": "*"})"),
                       0);
  ASSERT_TRUE(doc.ok());
  EXPECT_TRUE(LooksLikePolicyDocument(doc->root));
  EXPECT_TRUE(HasPrincipalElement(doc->root));
  auto tagged = ParseJson(R"({"tags": {"CostCenter": {}}})", 0);
  EXPECT_FALSE(LooksLikePolicyDocument(tagged->root));
}

TEST(RootMatch, SamplesEveryAccountOfAPartition) {
  EXPECT_EQ(MatchRootArn("arn:aws:iam::*:root", MatchStyle::kArn), RootMatch::kAll);
  EXPECT_EQ(MatchRootArn("*", MatchStyle::kArn), RootMatch::kAll);
  EXPECT_EQ(MatchRootArn("arn:aws-us-gov:iam::*:root", MatchStyle::kArn), RootMatch::kAll);
  EXPECT_EQ(MatchRootArn("arn:aws:iam::111122223333:root", MatchStyle::kArn), RootMatch::kSome);
  EXPECT_EQ(MatchRootArn("arn:aws:iam::${ManagementAccountId}:root", MatchStyle::kArn),
            RootMatch::kSome);
  EXPECT_EQ(MatchRootArn("arn:aws:iam::*:role/*", MatchStyle::kArn), RootMatch::kNone);
  EXPECT_EQ(MatchRootArn("arn:aws:iam::*:ROOT", MatchStyle::kArn), RootMatch::kNone);
  EXPECT_EQ(MatchRootArn("ARN:AWS:IAM::111122223333:ROOT", MatchStyle::kLiteralNoCase),
            RootMatch::kSome);
  EXPECT_EQ(MatchRootArn("arn:aws:iam::*:root", MatchStyle::kLiteral), RootMatch::kNone);
}

TEST(RootMatch, WildcardsAreLinearAndExact) {
  EXPECT_TRUE(WildcardMatch("a*b?d", "axxxbcd"));
  EXPECT_FALSE(WildcardMatch("a*b?d", "axxxbd"));
  EXPECT_TRUE(WildcardMatch("***", ""));
  const std::string many(5000, 'a');
  EXPECT_FALSE(WildcardMatch("*a*a*a*a*a*b", many));
}

TEST(Conditions, PrincipalTypeAndOtherKeys) {
  EXPECT_EQ(EvaluateForRoot("StringEquals", "aws:PrincipalType", Value::String("Account")).state,
            ConditionTruth::kTrue);
  EXPECT_EQ(EvaluateForRoot("StringNotEquals", "aws:PrincipalType", Value::String("Account")).state,
            ConditionTruth::kFalse);
  EXPECT_EQ(EvaluateForRoot("StringEquals", "aws:PrincipalOrgID", Value::String("o-1")).state,
            ConditionTruth::kNarrow);
  EXPECT_EQ(EvaluateForRoot("BoolIfExists", "aws:AssumedRoot", Value::String("true")).state,
            ConditionTruth::kTrue);
  EXPECT_EQ(EvaluateForRoot("Bool", "aws:AssumedRoot", Value::String("true")).state,
            ConditionTruth::kFalse);
}

}  // namespace
}  // namespace iaclint
