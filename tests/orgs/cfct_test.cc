// Customizations for Control Tower manifests: templates deployed with the manifest's
// parameters, SCP entries, parameter files, SSM lookups, and the standalone copies dropped.
#include <gtest/gtest.h>

#include <filesystem>

#include "model/tool_findings.h"
#include "orgs_test_util.h"

namespace iaclint {
namespace {

const char* kPasswordTemplate = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  pMinimumPasswordLength:
    Type: String
    Default: "8"
  pMaxPasswordAge:
    Type: String
    Default: "90"
  pRequireSymbols:
    Type: String
    Default: "true"
Resources:
  rIAMPasswordPolicyCustomResource:
    Type: Custom::IAMPasswordPolicy
    Properties:
      ServiceToken: arn:aws:lambda:ap-northeast-1:111122223333:function:password-policy
      MINIMUM_PASSWORD_LENGTH: !Ref pMinimumPasswordLength
      MAX_PASSWORD_AGE: !Ref pMaxPasswordAge
      REQUIRE_SYMBOLS: !Ref pRequireSymbols
      REQUIRE_NUMBERS: "true"
      REQUIRE_UPPERCASE_CHARACTERS: "true"
      REQUIRE_LOWERCASE_CHARACTERS: "true"
      PASSWORD_REUSE_PREVENTION: "24"
)";

TEST(Cfct, StackSetParametersOverrideTemplateDefaults) {
  Tree t({{"manifest.yaml", R"(---
region: ap-northeast-1
version: 2021-03-15
resources:
  - name: password-policy
    resource_file: templates/password-policy.yaml
    parameters:
      - parameter_key: pMinimumPasswordLength
        parameter_value: '14'
      - parameter_key: pRequireSymbols
        parameter_value: $[alfred_ssm_/org/password/require-symbols]
    deploy_method: stack_set
    deployment_targets:
      accounts: [123456789012]
)"},
          {"templates/password-policy.yaml", kPasswordTemplate}});
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  const Model& m = run->model;
  // One instance only: the manifest's; the walk's own reading of the template is dropped.
  std::vector<const Resource*> policies;
  for (const Resource& r : m.resources()) {
    if (r.type == "AWS::IAM::AccountPasswordPolicy") policies.push_back(&r);
  }
  ASSERT_EQ(policies.size(), 1u);
  const Resource& p = *policies[0];
  EXPECT_NE(p.scope.find("manifest.yaml#password-policy"), std::string::npos) << p.scope;
  EXPECT_EQ(p.properties.Find("MinimumPasswordLength")->str(), "14");
  EXPECT_FALSE(p.properties.Find("MinimumPasswordLength")->has(Value::kAssumedDefault));
  EXPECT_TRUE(p.properties.Find("MaxPasswordAge")->has(Value::kAssumedDefault));
  const Value* symbols = p.properties.Find("RequireSymbols");
  ASSERT_TRUE(symbols->is(Value::Kind::kUnknown));
  EXPECT_NE(symbols->str().find("looked up by CfCT at deployment"), std::string::npos);
  for (const SourceFile& f : m.files()) {
    if (f.path.ends_with("password-policy.yaml")) EXPECT_EQ(f.type, "cfn");
    if (f.path.ends_with("manifest.yaml")) EXPECT_EQ(f.type, "cfct");
  }
  // The undecided symbol requirement makes control 11 UNKNOWN, not PASS.
  EXPECT_EQ(Control(*run, "11")->status, "UNKNOWN") << Control(*run, "11")->detail;
}

TEST(Cfct, ParameterFilesAndOldSchema) {
  Tree t(
      {{"manifest.yml", R"(region: ap-northeast-1
version: 2020-01-01
cloudformation_resources:
  - name: password-policy
    template_file: templates/password-policy.yaml
    parameter_file: parameters/password-policy.json
    deploy_method: stack_set
    deploy_to_account: [123456789012]
organization_policies:
  - name: deny-root
    policy_file: policies/deny-root.json
    apply_to_accounts_in_ou: [Workloads]
)"},
       {"templates/password-policy.yaml", kPasswordTemplate},
       {"parameters/password-policy.json",
        R"([{"ParameterKey": "pMinimumPasswordLength", "ParameterValue": "16"}])"},
       {"policies/deny-root.json",
        R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
  "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}}]})"}});
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  const Model& m = run->model;
  const Resource* scp = FindResource(m, "deny-root");
  ASSERT_NE(scp, nullptr);
  EXPECT_EQ(Prop(m, "deny-root", "TargetIds"), "[\"Workloads\"]");
  EXPECT_EQ(Prop(m, "deny-root", "Type"), "\"SERVICE_CONTROL_POLICY\"");
  EXPECT_EQ(Prop(m, "rIAMPasswordPolicyCustomResource", "MinimumPasswordLength"), "\"16\"");
  EXPECT_EQ(Control(*run, "13")->evidence, "enforced (member accounts)");
  for (const Resource& r : m.resources()) EXPECT_NE(r.source_type, "policy document");
}

TEST(Cfct, ScpEntriesRemoteFilesAndOtherMethods) {
  Tree t(
      {{"manifest.yaml", R"(region: ap-northeast-1
version: 2021-03-15
resources:
  - name: remote
    resource_file: s3://bucket/template.yaml
    deploy_method: stack_set
  - name: data-perimeter
    resource_file: policies/rcp.json
    deploy_method: rcp
    deployment_targets: {organizational_units: [Root]}
  - name: deny-root
    resource_file: policies/deny-root.json
    deploy_method: scp
  - name: other
    resource_file: x.yaml
    deploy_method: something_new
)"},
       {"policies/rcp.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
  "Principal": "*", "Action": "s3:*", "Resource": "*"}]})"},
       {"policies/deny-root.json",
        R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
  "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}}]})"}});
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  const Model& m = run->model;
  std::vector<std::string> notes;
  for (const Finding& f : m.diagnostics())
    notes.push_back(f.rule_id + " " + At(m, f.loc) + " " + f.message);
  EXPECT_EQ(notes,
            (std::vector<std::string>{
                "IAC0006 manifest.yaml:5:20 's3://bucket/template.yaml' is not a local file; it is "
                "not analysed",
                "IAC0002 manifest.yaml:14:5 deploy_method 'something_new' is not analysed"}));
  EXPECT_EQ(Prop(m, "data-perimeter", "Type"), "\"RESOURCE_CONTROL_POLICY\"");
  // An SCP entry without organizational units is attached to nothing.
  EXPECT_EQ(Prop(m, "deny-root", "TargetIds"), "[]");
  bool unattached = false;
  for (const Finding& f : run->report.findings)
    unattached |= f.rule_id == "IAC1302" && f.resource == "deny-root";
  EXPECT_TRUE(unattached);
}

TEST(Cfct, ResourceFilesOutsideTheTreeAreRefusedUnread) {
  Tree outside({{"template.yaml",
                 "Resources:\n  Secret:\n    Type: AWS::S3::Bucket\n"
                 "    Properties: {BucketName: s3cr3t-bucket}\n"}});
  const std::string escape =
      "../" + std::filesystem::path(outside.path()).filename().string() + "/template.yaml";
  Tree t({{"manifest.yaml",
           "region: ap-northeast-1\nversion: 2021-03-15\nresources:\n"
           "  - name: escape\n    resource_file: " +
               escape +
               "\n    deploy_method: stack_set\n"
               "  - name: linked\n    resource_file: link.yaml\n"
               "    deploy_method: stack_set\n"}});
  std::filesystem::create_symlink(outside.path("template.yaml"), t.path("link.yaml"));
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  const Model& m = run->model;
  std::vector<std::string> refused;
  for (const Finding& f : m.diagnostics()) {
    if (f.rule_id == kUnresolvedReference) refused.push_back(At(m, f.loc) + " " + f.message);
  }
  EXPECT_EQ(refused,
            (std::vector<std::string>{
                "manifest.yaml:5:20 resource_file '" + escape +
                    "' is outside the analysed tree; not read",
                "manifest.yaml:8:20 resource_file 'link.yaml' resolves, through a symbolic link, "
                "outside the analysed tree; not read"}));
  for (const SourceFile& f : m.files()) {
    EXPECT_EQ(f.text.find("s3cr3t-bucket"), std::string::npos) << f.path;
  }
  for (const Resource& r : m.resources()) EXPECT_NE(r.type, "AWS::S3::Bucket") << r.id;
}

// Attestation evidence is resolved like every path taken from an input: a symbolic link out of
// the configuration's directory is refused, and the file it points at is never read.
TEST(Attestation, EvidenceThroughASymbolicLinkOutOfTheTreeIsRefused) {
  Tree outside({{"summary.json", R"({"SummaryMap": {"AccountMFAEnabled": 1, "s3cr3t": 1}})"}});
  Tree t({{".iaclint.yaml",
           "attestations:\n  - control: \"01\"\n    status: done\n    date: 2026-03-02\n"
           "    by: alice@example.com\n    evidence: [summary.json]\n"},
          {"template.yaml", "Resources: {}\n"}});
  std::filesystem::create_symlink(outside.path("summary.json"), t.path("summary.json"));
  auto run = Check({t.path("template.yaml")}, t.path(".iaclint.yaml"));
  ASSERT_TRUE(run);
  std::vector<std::string> refused;
  for (const Finding& f : run->report.findings) {
    if (f.rule_id == "IAC0005" && f.message.starts_with("evidence file"))
      refused.push_back(At(run->model, f.loc) + " " + f.message);
  }
  EXPECT_EQ(refused, (std::vector<std::string>{
                         ".iaclint.yaml:6:16 evidence file 'summary.json' resolves, through a "
                         "symbolic link, outside the analysed tree (the directory of the "
                         "configuration); it is not read"}));
  for (const SourceFile& f : run->model.files()) {
    EXPECT_EQ(f.text.find("s3cr3t"), std::string::npos) << f.path;
  }
}

}  // namespace
}  // namespace iaclint
