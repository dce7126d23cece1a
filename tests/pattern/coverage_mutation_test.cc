// Peer tools compare strings or regexes and get these wrong in one direction or the other
// (research/controls.md 2.2). Event-set coverage must get each one right.
#include <gtest/gtest.h>

#include "pattern_test_util.h"

namespace iaclint {
namespace {

using testing::Coverage;
using testing::EventNamePattern;

const std::vector<std::string> kTrailNames = {"CreateTrail", "UpdateTrail", "DeleteTrail",
                                              "StartLogging", "StopLogging"};
constexpr const char* kRoot =
    R"p({ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" })p";

TEST(CoverageMutation, ReorderedPatternCovers) {
  EXPECT_TRUE(Coverage("IAC0912", EventNamePattern({"StopLogging", "DeleteTrail", "CreateTrail",
                                                    "StartLogging", "UpdateTrail"}))
                  .covered);
  EXPECT_TRUE(
      Coverage(
          "IAC0901",
          R"p({ $.eventType != AwsServiceEvent && $.userIdentity.invokedBy NOT EXISTS && $.userIdentity.type = Root })p")
          .covered);
  EXPECT_TRUE(
      Coverage("IAC0917",
               R"p({($.errorCode="AccessDenied*") || ($.errorCode="*UnauthorizedOperation")})p")
          .covered);
}

TEST(CoverageMutation, ReparenthesisedAndRequotedPatternCovers) {
  EXPECT_TRUE(
      Coverage(
          "IAC0912",
          R"p({ ((($.eventName = "CreateTrail") || ($.eventName = "UpdateTrail")) || $.eventName = "DeleteTrail") || ($.eventName = "StartLogging" || ($.eventName = "StopLogging")) })p")
          .covered);
  EXPECT_TRUE(
      Coverage("IAC0914",
               "{\n  $.eventSource = \"s3.amazonaws.com\" &&\n  ($.eventName = PutBucketAcl || "
               "$.eventName = PutBucketPolicy || $.eventName = PutBucketCors ||\n   $.eventName = "
               "PutBucketLifecycle || $.eventName = PutBucketReplication || $.eventName = "
               "DeleteBucketPolicy ||\n   $.eventName = DeleteBucketCors || $.eventName = "
               "DeleteBucketLifecycle || $.eventName = DeleteBucketReplication)\n}")
          .covered);
}

TEST(CoverageMutation, SupersetPatternCovers) {
  std::vector<std::string> names = kTrailNames;
  names.push_back("DeleteEventDataStore");
  names.push_back("PutEventSelectors");
  EXPECT_TRUE(Coverage("IAC0912", EventNamePattern(names)).covered);
  // Both IAM policy and IAM role items are covered by one broad filter.
  const std::string iam =
      R"p({ ($.eventSource = iam.amazonaws.com) && (($.eventName = Put*) || ($.eventName = Delete*) || ($.eventName = Attach*) || ($.eventName = Detach*) || ($.eventName = Create*) || ($.eventName = Update*)) })p";
  EXPECT_TRUE(Coverage("IAC0908", iam).covered);
  EXPECT_TRUE(Coverage("IAC0909", iam).covered);
}

TEST(CoverageMutation, AndWhereOrBelongsFails) {
  std::string pattern = EventNamePattern(kTrailNames);
  for (size_t at; (at = pattern.find("||")) != std::string::npos;) pattern.replace(at, 2, "&&");
  const CoverageResult r = Coverage("IAC0912", pattern);
  EXPECT_FALSE(r.covered);
  EXPECT_EQ(r.missed_events.size(), 5u);
  EXPECT_EQ(r.explanation,
            "misses CloudTrail configuration changes because no filter matches a CreateTrail "
            "call, an UpdateTrail call, a DeleteTrail call or 2 more events");
  // Root usage with || instead of && also matches AWS service events for root.
  const CoverageResult root = Coverage(
      "IAC0901",
      R"p({ $.userIdentity.type = "Root" || $.userIdentity.invokedBy NOT EXISTS || $.eventType != "AwsServiceEvent" })p");
  EXPECT_FALSE(root.covered);
  ASSERT_EQ(root.rejected.size(), 1u);
  EXPECT_EQ(root.rejected[0].event_name, "AWS service events on behalf of root");
}

TEST(CoverageMutation, NarrowingExtraTermFails) {
  const std::string names = EventNamePattern(kTrailNames);  // "{ (...) || ... }"
  const std::string inner = names.substr(2, names.size() - 4);
  const CoverageResult r = Coverage("IAC0912", "{ ($.awsRegion = nowhere-1) && (" + inner + ") }");
  EXPECT_FALSE(r.covered);
  EXPECT_EQ(r.missed_events.size(), 5u);
}

TEST(CoverageMutation, InvertedOperatorFails) {
  const CoverageResult r = Coverage(
      "IAC0903",
      R"p({ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed = "Yes") })p");
  EXPECT_FALSE(r.covered);
  EXPECT_EQ(r.missed_events,
            std::vector<std::string>{"a successful IAM user ConsoleLogin with MFAUsed \"No\""});
}

TEST(CoverageMutation, RootXFails) {
  std::string pattern = kRoot;
  pattern.replace(pattern.find("\"Root\""), 6, "\"RootX\"");
  const CoverageResult r = Coverage("IAC0901", pattern);
  EXPECT_FALSE(r.covered);
  EXPECT_EQ(r.missed_events.size(), 4u);
}

TEST(CoverageMutation, DroppedExclusionIsRejected) {
  const CoverageResult r = Coverage("IAC0901", R"p({ $.userIdentity.type = "Root" })p");
  EXPECT_FALSE(r.covered);
  EXPECT_EQ(r.explanation,
            "misses root user activity because no usable filter matches a root console sign-in, "
            "a root API call from the console, a root CreateAccessKey call or 1 more event; "
            "filter 'F1' would also alarm on AWS service events on behalf of root");
}

TEST(CoverageMutation, OneMissingEventNameFails) {
  const CoverageResult r = Coverage(
      "IAC0912", EventNamePattern({"CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging"}));
  EXPECT_FALSE(r.covered);
  EXPECT_EQ(r.missed_events, std::vector<std::string>{"a StopLogging call"});
  EXPECT_EQ(r.explanation,
            "misses CloudTrail configuration changes because no filter matches a StopLogging call");
}

TEST(CoverageMutation, MisspelledEventNameFails) {
  const CoverageResult r =
      Coverage("IAC0912", EventNamePattern({"CreateTrailX", "UpdateTrail", "DeleteTrail",
                                            "StartLogging", "StopLogging"}));
  EXPECT_FALSE(r.covered);
  EXPECT_EQ(r.missed_events, std::vector<std::string>{"a CreateTrail call"});
}

TEST(CoverageMutation, TrailingWildcardCovers) {
  EXPECT_TRUE(Coverage("IAC0912", EventNamePattern({"CreateTrail", "UpdateTrail", "DeleteTrail",
                                                    "StartLogging", "StopLog*"}))
                  .covered);
}

TEST(CoverageMutation, PrefixNameDoesNotMatchLongerName) {
  // CreateRoute must not be satisfied by a filter for CreateRouteTable, nor the reverse.
  const CoverageResult r =
      Coverage("IAC0918",
               EventNamePattern({"CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation",
                                 "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"}));
  EXPECT_EQ(r.missed_events, std::vector<std::string>{"a CreateRoute call"});
}

TEST(CoverageMutation, SeveralFiltersCoverOneItemTogether) {
  const CoverageResult r = Coverage(
      "IAC0912",
      std::vector<std::string>{EventNamePattern({"CreateTrail", "UpdateTrail", "DeleteTrail"}),
                               "{ $.eventName = StartLogging }", "{ $.eventName = StopLogging }",
                               "{ $.eventName = Unrelated }"});
  EXPECT_TRUE(r.covered);
  EXPECT_EQ(r.used_filters, (std::vector<std::string>{"F1", "F2", "F3"}));
  EXPECT_EQ(r.explanation,
            "covers CloudTrail configuration changes with filters 'F1', 'F2' and 'F3'");
}

TEST(CoverageMutation, MatchAllPatternIsRejectedEverywhere) {
  for (const MonitoringItem& item : testing::ShippedItems()) {
    const CoverageResult r = Coverage(item.id, "");
    EXPECT_FALSE(r.covered) << item.id;
    EXPECT_EQ(r.rejected.size(), 1u) << item.id;
  }
}

TEST(CoverageMutation, SsoExclusionOnMissingFieldMatchesNothing) {
  // From the corpus: `!=` on a field IAM-user sign-ins lack is false in CloudWatch
  // (DataBiosphere/azul#5884), so this filter never fires for IAM users.
  const CoverageResult r = Coverage(
      "IAC0903",
      R"p({($.eventName="ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.sessionContext.sessionIssuer.arn != "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*")})p");
  EXPECT_FALSE(r.covered);
}

// The seed's extra items with the reference patterns of spec/baseline-controls.md.
TEST(SeedItems, ReferencePatternsCover) {
  EXPECT_TRUE(Coverage("IAC0909",
                       EventNamePattern({"CreateRole", "DeleteRole", "UpdateRole",
                                         "UpdateAssumeRolePolicy", "AttachRolePolicy",
                                         "DetachRolePolicy", "PutRolePolicy", "DeleteRolePolicy"}))
                  .covered);
  EXPECT_TRUE(
      Coverage("IAC0910", "{ ($.eventName = CreateUser) || ($.eventName = CreateLoginProfile) }")
          .covered);
  EXPECT_TRUE(Coverage("IAC0911", "{ $.eventName = CreateAccessKey }").covered);
  EXPECT_TRUE(Coverage("IAC0913",
                       "{ ($.eventSource = signin.amazonaws.com) && ($.eventName = SwitchRole) && "
                       "($.responseElements.SwitchRole = Failure) }")
                  .covered);
  EXPECT_TRUE(
      Coverage("IAC0916",
               R"p({ ($.eventSource = kms.amazonaws.com) && ($.errorCode = "*Exception") })p")
          .covered);
  EXPECT_TRUE(
      Coverage("IAC0916",
               "{ ($.eventSource = kms.amazonaws.com) && (($.errorCode = DisabledException) || "
               "($.errorCode = KMSInvalidStateException) || ($.errorCode = NotFoundException)) }")
          .covered);
}

TEST(SeedItems, ResearchReferenceFormsCover) {
  // research/controls.md 2.4 spellings (BLEA, hands-on document).
  EXPECT_TRUE(Coverage("IAC0911", "{($.eventName=CreateAccessKey)}").covered);
  EXPECT_TRUE(
      Coverage("IAC0910", "{($.eventName=CreateUser)||($.eventName=CreateLoginProfile)}").covered);
  EXPECT_TRUE(
      Coverage(
          "IAC0913",
          R"p({ $.eventSource = "signin.amazonaws.com" && $.eventName = "SwitchRole" && $.responseElements.SwitchRole= "Failure" })p")
          .covered);
  EXPECT_TRUE(Coverage("IAC0916",
                       R"p({ $.eventSource = kms.amazonaws.com && $.errorCode = "*Exception" })p")
                  .covered);
  EXPECT_TRUE(
      Coverage(
          "IAC0917",
          R"p({($.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*") && ($.eventName != "Decrypt" || $.userIdentity.invokedBy != "config.amazonaws.com" )})p")
          .covered);
}

TEST(SeedItems, SuccessfulSwitchRoleIsRejected) {
  const CoverageResult r = Coverage("IAC0913", "{ $.eventName = SwitchRole }");
  EXPECT_FALSE(r.covered);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].event_name, "successful SwitchRole sign-ins");
}

TEST(SeedItems, OneFilterServesSeveralItems) {
  const std::vector<CandidateFilter> filters = [] {
    auto p = ParseFilterPattern(
        "{ ($.eventName = CreateUser) || ($.eventName = CreateLoginProfile) || ($.eventName = "
        "CreateAccessKey) }");
    return std::vector<CandidateFilter>{{"UserAndKeys", std::make_shared<FilterPattern>(*p)}};
  }();
  const auto results = EvaluateAllCoverage(testing::ShippedItems(), filters);
  std::vector<std::string> covered;
  for (const CoverageResult& r : results) {
    if (r.covered) covered.push_back(r.item_id);
  }
  EXPECT_EQ(covered, (std::vector<std::string>{"IAC0910", "IAC0911"}));
}

}  // namespace
}  // namespace iaclint
