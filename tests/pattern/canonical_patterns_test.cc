// Every canonical pattern of research/controls.md section 2.1 (Security Hub, CIS 1.2/1.4/3.0,
// CIS 4.0+ unquoted), written here verbatim, must cover its monitoring item.
#include <gtest/gtest.h>

#include "pattern_test_util.h"

namespace iaclint {
namespace {

using testing::Coverage;

struct Canonical {
  const char* item;
  const char* source;
  std::string pattern;
};

const std::string kIamPolicyNames[] = {
    "DeleteGroupPolicy",   "DeleteRolePolicy",    "DeleteUserPolicy",  "PutGroupPolicy",
    "PutRolePolicy",       "PutUserPolicy",       "CreatePolicy",      "DeletePolicy",
    "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy",  "DetachRolePolicy",
    "AttachUserPolicy",    "DetachUserPolicy",    "AttachGroupPolicy", "DetachGroupPolicy"};

const std::string kOrgNames[] = {"AcceptHandshake",
                                 "AttachPolicy",
                                 "CreateAccount",
                                 "CreateOrganizationalUnit",
                                 "CreatePolicy",
                                 "DeclineHandshake",
                                 "DeleteOrganization",
                                 "DeleteOrganizationalUnit",
                                 "DeletePolicy",
                                 "DetachPolicy",
                                 "DisablePolicyType",
                                 "EnablePolicyType",
                                 "InviteAccountToOrganization",
                                 "LeaveOrganization",
                                 "MoveAccount",
                                 "RemoveAccountFromOrganization",
                                 "UpdatePolicy",
                                 "UpdateOrganizationalUnit"};

// "SH: the same 16 terms with ` || ` (spaced) separators".
std::string ShIamPolicy() {
  std::string out = "{";
  for (size_t i = 0; i < std::size(kIamPolicyNames); ++i) {
    out += (i ? " || " : "") + std::string("($.eventName=") + kIamPolicyNames[i] + ")";
  }
  return out + "}";
}

// "CIS 4.0+: same 18 names unquoted".
std::string Cis4Organizations() {
  std::string out = "{ ($.eventSource = organizations.amazonaws.com) && (";
  for (size_t i = 0; i < std::size(kOrgNames); ++i) {
    out += (i ? " || " : "") + std::string("($.eventName = ") + kOrgNames[i] + ")";
  }
  return out + ") }";
}

const std::vector<Canonical>& AllCanonical() {
  static const std::vector<Canonical> all =
      {
          // Root usage (CloudWatch.1).
          {"IAC0901", "SH",
           R"p({$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"})p"},
          {"IAC0901", "CIS 1.4/3.0",
           R"p({ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" })p"},
          {"IAC0901", "CIS 4.0+",
           R"p({ $.userIdentity.type = Root && $.userIdentity.invokedBy NOT EXISTS && $.eventType != AwsServiceEvent })p"},
          // Console auth failures (CloudWatch.6).
          {"IAC0902", "SH",
           R"p({($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")})p"},
          {"IAC0902", "CIS 1.4/3.0",
           R"p({ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") })p"},
          {"IAC0902", "CIS 4.0+",
           R"p({ ($.eventName = ConsoleLogin) && ($.errorMessage = Failed authentication) })p"},
          // Console sign-in without MFA (CloudWatch.3).
          {"IAC0903", "SH",
           R"p({ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") })p"},
          {"IAC0903", "CIS 1.4/3.0",
           R"p({ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") })p"},
          {"IAC0903", "CIS 4.0+",
           R"p({ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) })p"},
          {"IAC0903", "CIS 4.0+ SSO",
           R"p({ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) && ($.userIdentity.type = IAMUser) && ($.responseElements.ConsoleLogin = Success) })p"},
          // Unauthorized API calls (CloudWatch.2); the CIS 1.4/3.0 form is tested separately.
          {"IAC0917", "SH",
           R"p({($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")})p"},
          {"IAC0917", "CIS 4.0-7.0",
           R"p({ ($.errorCode =*UnauthorizedOperation) || ($.errorCode =AccessDenied*) && ($.sourceIPAddress!=delivery.logs.amazonaws.com) && ($.eventName!=HeadBucket) })p"},
          // IAM policy changes (CloudWatch.4).
          {"IAC0908", "CIS",
           R"p({($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)})p"},
          {"IAC0908", "SH", ShIamPolicy()},
          // CloudTrail configuration changes (CloudWatch.5).
          {"IAC0912", "SH",
           R"p({($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)})p"},
          {"IAC0912", "CIS",
           R"p({ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) })p"},
          // S3 bucket policy changes (CloudWatch.8).
          {"IAC0914", "SH",
           R"p({($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))})p"},
          {"IAC0914",
           "CIS", R"p({ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) })p"},
          // KMS disable / scheduled deletion (CloudWatch.7).
          {"IAC0915", "SH",
           R"p({($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))})p"},
          {"IAC0915", "CIS",
           R"p({($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) })p"},
          // NACL changes (CloudWatch.11).
          {"IAC0904", "SH",
           R"p({($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)})p"},
          {"IAC0904", "CIS",
           R"p({ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) })p"},
          // Network gateway changes (CloudWatch.12).
          {"IAC0906", "SH",
           R"p({($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)})p"},
          {"IAC0906", "CIS",
           R"p({ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) })p"},
          // Route table changes (CloudWatch.13), including the CIS audit text with its precedence
          // slip.
          {"IAC0918", "SH",
           R"p({($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)})p"},
          {"IAC0918", "CIS remediation",
           R"p({ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) })p"},
          {"IAC0918", "CIS audit 3.0+",
           R"p({($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) })p"},
          // VPC changes (CloudWatch.14).
          {"IAC0905", "SH",
           R"p({($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)})p"},
          {"IAC0905", "CIS",
           R"p({ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) })p"},
          // Security group changes (CloudWatch.10).
          {"IAC0907", "SH",
           R"p({($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)})p"},
          {"IAC0907", "CIS 1.4-4.0",
           R"p({ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) })p"},
          {"IAC0907", "CIS 5.0+",
           R"p({ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) || ($.eventName = ModifySecurityGroupRules) })p"},
          // AWS Config changes (CloudWatch.9).
          {"IAC0919", "SH",
           R"p({($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))})p"},
          {"IAC0919", "CIS",
           R"p({ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) })p"},
          // Organizations changes (CIS 4.15).
          {"IAC0920", "CIS 1.4/3.0",
           R"p({ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) })p"},
          {"IAC0920", "CIS 4.0+", Cis4Organizations()},
      };
  return all;
}

class CanonicalPatternTest : public ::testing::TestWithParam<size_t> {};

TEST_P(CanonicalPatternTest, CoversItsItem) {
  const Canonical& c = AllCanonical()[GetParam()];
  const CoverageResult r = Coverage(c.item, c.pattern);
  EXPECT_TRUE(r.covered) << c.item << " " << c.source << ": " << r.explanation;
  EXPECT_TRUE(r.rejected.empty()) << r.explanation;
  EXPECT_EQ(r.used_filters, std::vector<std::string>{"F1"});
}

INSTANTIATE_TEST_SUITE_P(Section21, CanonicalPatternTest,
                         ::testing::Range<size_t>(0, AllCanonical().size()), [](const auto& info) {
                           const Canonical& c = AllCanonical()[info.param];
                           std::string name = std::string(c.item) + "_" + c.source;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name + "_" + std::to_string(info.param);
                         });

TEST(CanonicalPatterns, QuotedAndUnquotedFormsRenderAlike) {
  // SH, CIS 1.4 and CIS 4.0 root patterns differ only in quoting and spacing.
  std::vector<std::string> rendered;
  for (size_t i = 0; i < 3; ++i) {
    auto p = ParseFilterPattern(AllCanonical()[i].pattern);
    ASSERT_TRUE(p.ok());
    rendered.push_back(RenderFilterPattern(*p));
  }
  EXPECT_EQ(rendered[0], rendered[1]);
  EXPECT_EQ(rendered[1], rendered[2]);
  EXPECT_EQ(
      rendered[0],
      R"p({ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" })p");
}

// Decision (documented in rulesets/events/IAC0917.yaml): the CIS 1.4/3.0 remediation
// pattern ORs its != clauses, so it matches ordinary successful calls and would alarm on
// all activity. It is rejected instead of counted as coverage.
TEST(CanonicalPatterns, Cis14UnauthorizedPatternIsRejectedAsTooBroad) {
  const CoverageResult r = Coverage(
      "IAC0917",
      R"p({ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket") })p");
  EXPECT_FALSE(r.covered);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].event_name, "ordinary successful API calls");
  EXPECT_EQ(r.explanation,
            "misses unauthorized API calls because no usable filter matches an EC2 call that "
            "failed with Client.UnauthorizedOperation, an IAM call that failed with AccessDenied, "
            "an S3 call that failed with AccessDenied or 1 more event; filter 'F1' would also "
            "alarm on ordinary successful API calls");
}

TEST(CanonicalPatterns, RouteTableAuditTextIsExplained) {
  auto p = ParseFilterPattern(AllCanonical()[26].pattern);
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->notes.size(), 1u);
  EXPECT_EQ(
      p->notes[0].rfind("mixes && and || without parentheses; && binds tighter, so "
                        "CloudWatch reads it as ($.eventSource = \"ec2.amazonaws.com\" && "
                        "$.eventName = \"CreateRoute\") || $.eventName = \"CreateRouteTable\"",
                        0),
      0u)
      << p->notes[0];
  const CoverageResult r = Coverage("IAC0918", AllCanonical()[26].pattern);
  EXPECT_TRUE(r.covered);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0].rfind("filter 'F1' mixes && and || without parentheses", 0), 0u);
  // The CIS 4.0 unauthorized pattern gets the same note: A || (B && C && D).
  auto unauthorized = ParseFilterPattern(AllCanonical()[11].pattern);
  ASSERT_TRUE(unauthorized.ok());
  EXPECT_EQ(unauthorized->notes.size(), 1u);
}

}  // namespace
}  // namespace iaclint
