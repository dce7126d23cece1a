// The Landing Zone Accelerator normaliser: every key path it reads, anchors and aliases,
// {{ }} placeholders, policy files and their confinement to the analysed tree.
#include "orgs/lza.h"

#include <gtest/gtest.h>

#include "model/tool_findings.h"
#include "orgs_test_util.h"

namespace iaclint {
namespace {

const char* kReplacements = R"(globalReplacements:
  - key: AcceleratorPrefix
    type: String
    value: AWSAccelerator
  - key: HomeRegion
    type: String
    value: ap-northeast-1
  - key: EnabledRegions
    type: StringList
    value:
      - ap-northeast-1
      - us-east-1
  - key: BudgetsEmail
    type: SSM
    path: /accelerator/replacements/BudgetsEmail
)";

const char* kAccounts = R"(mandatoryAccounts:
  - name: Management
    email: management@example.com
    organizationalUnit: Root
  - name: LogArchive
    email: log-archive@example.com
    organizationalUnit: Security
workloadAccounts: []
)";

TEST(LzaPlaceholders, ResolvedUnresolvedAndLocatedInTheOriginalText) {
  Tree t({{"replacements-config.yaml", kReplacements},
          {"accounts-config.yaml", kAccounts},
          {"global-config.yaml", R"(homeRegion: "{{ HomeRegion }}"
enabledRegions: [ {{ EnabledRegions }} ]
managementAccountAccessRole: AWSControlTowerExecution
reports:
  budgets:
    - name: "{{ AcceleratorPrefix }}-budget"
      type: COST
      deploymentTargets: {accounts: [ {{ Management }} ]}
      notifications:
        - {type: ACTUAL, threshold: 80, subscriptionType: EMAIL, address: "{{ BudgetsEmail }}"}
        - {type: ACTUAL, threshold: 90, subscriptionType: EMAIL, address: "{{Undefined}}"}
        - {type: ACTUAL, threshold: 95, subscriptionType: EMAIL, address: "{{ account 'Audit' }}"}
)"}});
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  const Model& m = run->model;
  const Resource* budget = FindResource(m, "reports.budgets[0]");
  ASSERT_NE(budget, nullptr);
  const Value* name = budget->properties.Find("Budget")->Find("BudgetName");
  EXPECT_EQ(name->str(), "AWSAccelerator-budget");
  // Located in the file as written: the quoted scalar starts at column 13 of line 6 and ends
  // after the closing quote, whatever the replacement's length.
  EXPECT_EQ(At(m, name->loc()), "global-config.yaml:6:13");
  EXPECT_EQ(name->loc().end_column, 45u);
  const Value& n = budget->properties.Find("NotificationsWithSubscribers")->items()[0];
  const Value& ssm =
      n.Find("Subscribers")->items()[0].Find("Address")->kind() == Value::Kind::kUnknown
          ? *n.Find("Subscribers")->items()[0].Find("Address")
          : Value::Null();
  ASSERT_TRUE(ssm.is(Value::Kind::kUnknown));
  EXPECT_EQ(ssm.str(),
            "LZA placeholder {{ BudgetsEmail }} is read from SSM parameter "
            "\"/accelerator/replacements/BudgetsEmail\" at deployment");
  EXPECT_EQ(At(m, ssm.loc()), "global-config.yaml:10:75");
  EXPECT_EQ(Prop(m, "reports.budgets[0]", "NotificationsWithSubscribers[1].Subscribers[0].Address"),
            "unknown(LZA placeholder {{Undefined}} is not defined in replacements-config.yaml)");
  EXPECT_EQ(Prop(m, "reports.budgets[0]", "NotificationsWithSubscribers[2].Subscribers[0].Address"),
            "unknown(LZA placeholder {{ account 'Audit' }} is resolved only at deployment)");
  // No parse error: the StringList and the account-name placeholder became plain YAML.
  for (const Finding& f : m.diagnostics()) ADD_FAILURE() << f.rule_id << " " << f.message;
}

TEST(LzaPlaceholders, ParseErrorsPointAtTheOriginalColumn) {
  Tree t({{"replacements-config.yaml", kReplacements},
          {"global-config.yaml", "homeRegion: {{ HomeRegion }}\nreports: {budgets: [}\n"}});
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  ASSERT_EQ(run->model.diagnostics().size(), 1u);
  const Finding& f = run->model.diagnostics()[0];
  EXPECT_EQ(f.rule_id, kParseError);
  EXPECT_EQ(At(run->model, f.loc).substr(0, 21), "global-config.yaml:2:");
}

TEST(Lza, AnchorsAliasesAndMergeKeys) {
  Tree t({{"global-config.yaml", R"(homeRegion: &HOME_REGION ap-northeast-1
enabledRegions:
  - *HOME_REGION
defaults: &notify
  type: ACTUAL
  thresholdType: PERCENTAGE
  comparisonOperator: GREATER_THAN
  subscriptionType: EMAIL
  recipients: [billing@example.com]
reports:
  budgets:
    - name: monthly
      notifications:
        - <<: *notify
          threshold: 80
        - <<: *notify
          threshold: 100
          recipients: [cfo@example.com]
)"}});
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  const Model& m = run->model;
  EXPECT_EQ(Prop(m, "reports.budgets[0]", "NotificationsWithSubscribers[0].Notification"),
            "{NotificationType: \"ACTUAL\", ComparisonOperator: \"GREATER_THAN\", Threshold: 80, "
            "ThresholdType: \"PERCENTAGE\"}");
  EXPECT_EQ(Prop(m, "reports.budgets[0]", "NotificationsWithSubscribers[0].Subscribers[0].Address"),
            "\"billing@example.com\"");
  EXPECT_EQ(Prop(m, "reports.budgets[1]", "Budget"), "<no resource reports.budgets[1]>");
  EXPECT_EQ(Prop(m, "reports.budgets[0]", "NotificationsWithSubscribers[1].Subscribers[0].Address"),
            "\"cfo@example.com\"");
}

TEST(Lza, CloudTrailBucketAndLogGroup) {
  Tree t({{"global-config.yaml", R"(homeRegion: ap-northeast-1
cloudwatchLogRetentionInDays: 400
logging:
  account: LogArchive
  cloudtrail:
    enable: true
    organizationTrail: true
    accountTrails:
      - name: Audit
        regions: [ap-northeast-1]
        deploymentTargets: {organizationalUnits: [Root]}
        settings: {multiRegionTrail: true, sendToCloudWatchLogs: false}
)"}});
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  const Model& m = run->model;
  const std::string org = "logging.cloudtrail.organizationTrail";
  // Without organizationTrailSettings LZA's defaults apply: multi-region, global events, CWL.
  EXPECT_EQ(Prop(m, org, "IsMultiRegionTrail"), "true");
  EXPECT_EQ(Prop(m, org, "IncludeGlobalServiceEvents"), "true");
  EXPECT_EQ(Prop(m, org, "EnableLogFileValidation"), "true");
  EXPECT_EQ(Prop(m, org, "TrailName"), "\"AWSAccelerator-Organizations-CloudTrail\"");
  const Resource* trail = FindResource(m, org);
  EXPECT_EQ(At(m, trail->loc), "global-config.yaml:7:5");
  EXPECT_EQ(Prop(m, org + ".logGroup", "RetentionInDays"), "400");
  EXPECT_EQ(Prop(m, org + ".logGroup", "LogGroupName"), "\"aws-accelerator-cloudtrail-logs\"");
  // No lifecycleRules: LZA's default rule (expire after 1825 days) applies.
  EXPECT_EQ(Prop(m, "logging.centralLogBucket", "LifecycleConfiguration.Rules[0]"),
            "{Status: \"Enabled\", ExpirationInDays: 1825}");
  EXPECT_EQ(FindResource(m, "logging.centralLogBucket")->evidence,
            "declared (LZA default lifecycle)");
  // Account trails default to single-region and no CloudWatch Logs.
  EXPECT_EQ(Prop(m, "logging.cloudtrail.accountTrails[0]", "TrailName"),
            "\"AWSAccelerator-CloudTrail-Audit\"");
  EXPECT_EQ(Prop(m, "logging.cloudtrail.accountTrails[0]", "IncludeGlobalServiceEvents"), "false");
  EXPECT_EQ(Prop(m, "logging.cloudtrail.accountTrails[0]", "CloudWatchLogsLogGroupArn"), "<none>");
  // Every resource of the directory shares one scope, so the Refs resolve.
  EXPECT_EQ(trail->scope, FindResource(m, "logging.centralLogBucket")->scope);
  const Value* bucket_ref = trail->properties.Find("S3BucketName");
  ASSERT_TRUE(bucket_ref->is(Value::Kind::kRef));
  EXPECT_EQ(m.FindByKey(bucket_ref->str()), FindResource(m, "logging.centralLogBucket"));
  EXPECT_EQ(Control(*run, "08")->status, "PASS") << Control(*run, "08")->detail;
}

TEST(Lza, CloudTrailDisabledDeclaresNoTrailButControlTowerDoes) {
  Tree t({{"global-config.yaml", R"(homeRegion: ap-northeast-1
cloudwatchLogRetentionInDays: 365
controlTower:
  enable: true
  landingZone:
    logging: {loggingBucketRetentionDays: 730, organizationTrail: true}
logging:
  cloudtrail: {enable: false, organizationTrail: true}
  centralLogBucket:
    lifecycleRules:
      - {enabled: false, expiration: 30}
)"}});
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  const Model& m = run->model;
  EXPECT_EQ(FindResource(m, "logging.cloudtrail.organizationTrail"), nullptr);
  EXPECT_EQ(FindResource(m, "logging.centralLogBucket"), nullptr);
  const std::string ct = "controlTower.landingZone.logging.organizationTrail";
  EXPECT_EQ(FindResource(m, ct)->evidence, "declared (Control Tower)");
  EXPECT_EQ(Prop(m, ct + ".bucket", "LifecycleConfiguration.Rules[0].ExpirationInDays"), "730");
  EXPECT_EQ(m.FindByKey(FindResource(m, ct)->scope + "#" + ct + ".logGroup")
                ->properties.Find("RetentionInDays")
                ->kind(),
            Value::Kind::kUnknown);
  EXPECT_EQ(Control(*run, "08")->status, "UNKNOWN");
}

TEST(Lza, ExplicitLifecycleRulesKeepTheirStatus) {
  Tree t({{"global-config.yaml", R"(homeRegion: ap-northeast-1
cloudwatchLogRetentionInDays: 365
logging:
  cloudtrail: {enable: true, organizationTrail: true}
  centralLogBucket:
    lifecycleRules:
      - {enabled: false, expiration: 30, id: short}
      - {expiration: 1000, noncurrentVersionExpiration: 1000}
)"}});
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  EXPECT_EQ(Prop(run->model, "logging.centralLogBucket", "LifecycleConfiguration.Rules"),
            "[{Status: \"Disabled\", Id: \"short\", ExpirationInDays: 30}, {Status: \"Enabled\", "
            "ExpirationInDays: 1000, NoncurrentVersionExpirationInDays: 1000}]");
}

TEST(Lza, RootManagementTopicsPasswordPolicyAndConfigRules) {
  Tree t({{"global-config.yaml", R"(homeRegion: ap-northeast-1
centralRootUserManagement:
  enable: true
  capabilities: {rootCredentialsManagement: true, allowRootSessions: false}
snsTopics:
  topics:
    - {name: Security, emailAddresses: [sec@example.com]}
)"},
          {"security-config.yaml", R"(centralSecurityServices:
  delegatedAdminAccount: Audit
  securityHub:
    enable: true
    standards:
      - {name: CIS AWS Foundations Benchmark v1.2.0, enable: true}
      - {name: CIS AWS Foundations Benchmark v3.0.0, enable: false}
      - name: AWS Foundational Security Best Practices v1.0.0
iamPasswordPolicy:
  allowUsersToChangePassword: true
  minimumPasswordLength: 16
  requireSymbols: true
  requireNumbers: true
  requireUppercaseCharacters: true
  requireLowercaseCharacters: true
  maxPasswordAge: 90
  passwordReusePrevention: 24
awsConfig:
  ruleSets:
    - deploymentTargets: {organizationalUnits: [Root]}
      rules:
        - {name: root-mfa, identifier: ROOT_ACCOUNT_MFA_ENABLED}
        - name: custom
          customRule: {lambda: {sourceFilePath: rule.zip}}
cloudWatch:
  metricSets:
    - metrics:
        - filterName: RootUsage
          logGroupName: aws-accelerator-cloudtrail-logs
          filterPattern: '{$.userIdentity.type="Root"}'
          metricNamespace: LogMetrics
          metricName: RootUsage
          metricValue: "1"
  alarmSets:
    - alarms:
        - {alarmName: RootUsage, metricName: RootUsage, namespace: LogMetrics, snsTopicName: Security,
           comparisonOperator: GreaterThanOrEqualToThreshold, threshold: 1, period: 300,
           evaluationPeriods: 1, statistic: Sum}
  logGroups:
    - {logGroupName: /app/logs, logRetentionInDays: 30}
)"}});
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  const Model& m = run->model;
  EXPECT_EQ(Prop(m, "centralRootUserManagement", "EnabledFeatures"),
            "[\"RootCredentialsManagement\"]");
  EXPECT_EQ(Prop(m, "snsTopics.topics[0]", "TopicName"), "\"aws-accelerator-Security\"");
  EXPECT_EQ(Prop(m, "iamPasswordPolicy", "MinimumPasswordLength"), "16");
  EXPECT_EQ(Prop(m, "iamPasswordPolicy", "AllowUsersToChangePassword"), "true");
  EXPECT_EQ(At(m, FindResource(m, "iamPasswordPolicy")->loc), "security-config.yaml:9:1");
  EXPECT_EQ(Prop(m, "awsConfig.ruleSets[0].rules[0]", "Source"),
            "{Owner: \"AWS\", SourceIdentifier: \"ROOT_ACCOUNT_MFA_ENABLED\"}");
  EXPECT_EQ(Prop(m, "awsConfig.ruleSets[0].rules[1]", "Source"), "{Owner: \"CUSTOM_LAMBDA\"}");
  EXPECT_EQ(Prop(m, "cloudWatch.metricSets[0].metrics[0]", "MetricTransformations[0].MetricName"),
            "\"RootUsage\"");
  EXPECT_EQ(Prop(m, "cloudWatch.metricSets[0].metrics[0]", "FilterPattern"),
            "\"{$.userIdentity.type=\\\"Root\\\"}\"");
  EXPECT_EQ(Prop(m, "cloudWatch.alarmSets[0].alarms[0]", "AlarmActions"),
            "[\"arn:aws:sns:*:*:aws-accelerator-Security\"]");
  // The alarm's action names the global-config topic (linked by name, across files).
  EXPECT_EQ(m.FindByName("AWS::SNS::Topic", "aws-accelerator-Security").size(), 1u);
  EXPECT_EQ(Prop(m, "cloudWatch.logGroups[0]", "RetentionInDays"), "30");
  EXPECT_EQ(Prop(m, "centralSecurityServices.securityHub.standards[0]", "StandardsArn"),
            "\"arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0\"");
  EXPECT_EQ(FindResource(m, "centralSecurityServices.securityHub.standards[1]"), nullptr);
  EXPECT_EQ(
      Prop(m, "centralSecurityServices.securityHub.standards[2]", "StandardsArn"),
      "\"arn:aws:securityhub:*::standards/aws-foundational-security-best-practices/v/1.0.0\"");
  EXPECT_EQ(Control(*run, "01")->evidence, "declared (member accounts)");
  EXPECT_EQ(Control(*run, "11")->status, "PASS");
}

TEST(Lza, GroupsUsersPoliciesAndIdentityCenter) {
  Tree t({{"iam-config.yaml", R"(policySets:
  - deploymentTargets: {accounts: [Management]}
    policies:
      - {name: RequireMfa, policy: iam-policies/require-mfa.json}
groupSets:
  - deploymentTargets: {accounts: [Management]}
    groups:
      - name: Administrators
        policies:
          awsManaged: [AdministratorAccess, arn:aws:iam::aws:policy/ReadOnlyAccess]
          customerManaged: [RequireMfa]
userSets:
  - deploymentTargets: {accounts: [Management]}
    users:
      - {username: alice, group: Administrators}
identityCenter:
  identityCenterPermissionSets:
    - name: Admin
      policies: {awsManaged: [AdministratorAccess]}
  identityCenterAssignments:
    - {name: a, permissionSetName: Admin, principals: [{type: GROUP, name: Admins}],
       deploymentTargets: {organizationalUnits: [Root]}}
)"},
          {"iam-policies/require-mfa.json",
           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "iam:*",
  "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]})"}});
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  const Model& m = run->model;
  EXPECT_EQ(Prop(m, "groupSets[0].groups[0]", "ManagedPolicyArns"),
            "[\"arn:aws:iam::aws:policy/AdministratorAccess\", "
            "\"arn:aws:iam::aws:policy/ReadOnlyAccess\", "
            "\"arn:aws:iam::*:policy/RequireMfa\"]");
  EXPECT_EQ(Prop(m, "userSets[0].users[0]", "Groups"), "[\"Administrators\"]");
  EXPECT_EQ(Prop(m, "policySets[0].policies[0]", "Groups"), "[\"Administrators\"]");
  const Resource* policy = FindResource(m, "policySets[0].policies[0]");
  EXPECT_EQ(At(m, policy->properties.Find("PolicyDocument")->loc()), "require-mfa.json:1:1");
  // The policy file is listed once (the walk found it too), and only as the policy set's.
  size_t listed = 0;
  for (const SourceFile& f : m.files()) listed += f.path.ends_with("require-mfa.json");
  EXPECT_EQ(listed, 1u);
  for (const Resource& r : m.resources()) EXPECT_NE(r.source_type, "policy document") << r.id;
  EXPECT_EQ(Prop(m, "identityCenter.identityCenterPermissionSets[0]", "ManagedPolicies"),
            "[\"arn:aws:iam::aws:policy/AdministratorAccess\"]");
  EXPECT_EQ(Prop(m, "identityCenter.identityCenterAssignments[0]", "PermissionSetArn"),
            "\"Admin\"");
  EXPECT_EQ(Control(*run, "12")->status, "PASS") << Control(*run, "12")->detail;
  EXPECT_EQ(Control(*run, "12")->evidence, "declared");
}

TEST(Lza, ServiceControlPoliciesFromTheirFiles) {
  Tree t({{"organization-config.yaml", R"(enable: true
quarantineNewAccounts: {enable: true, scpPolicyName: Quarantine}
serviceControlPolicies:
  - name: DenyRoot
    policy: service-control-policies/deny-root.json
    type: customerManaged
    deploymentTargets:
      organizationalUnits: [Security, Workloads]
      accounts: [Audit]
  - name: FullAWSAccess
    policy: FullAWSAccess
    type: awsManaged
    deploymentTargets: {organizationalUnits: [Root]}
  - name: Quarantine
    policy: service-control-policies/deny-root.json
    deploymentTargets: {organizationalUnits: []}
)"},
          {"service-control-policies/deny-root.json",
           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*",
  "Resource": "*", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}}]})"}});
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  const Model& m = run->model;
  EXPECT_EQ(Prop(m, "serviceControlPolicies[0]", "TargetIds"),
            "[\"Security\", \"Workloads\", \"Audit\"]");
  EXPECT_EQ(Prop(m, "serviceControlPolicies[0]", "Type"), "\"SERVICE_CONTROL_POLICY\"");
  EXPECT_EQ(At(m, FindResource(m, "serviceControlPolicies[0]")->properties.Find("Content")->loc()),
            "deny-root.json:1:1");
  EXPECT_EQ(Prop(m, "serviceControlPolicies[1]", "Content"), "<none>");
  EXPECT_EQ(Prop(m, "serviceControlPolicies[2]", "Quarantine"), "true");
  // The standalone reading of deny-root.json was dropped: it is attached through the config.
  for (const Resource& r : m.resources()) EXPECT_NE(r.source_type, "policy document");
  for (const SourceFile& f : m.files()) {
    if (f.path.ends_with("deny-root.json")) EXPECT_EQ(f.type, "scp");
  }
  EXPECT_EQ(Control(*run, "13")->status, "PASS");
  EXPECT_EQ(Control(*run, "13")->evidence, "enforced (member accounts)");
  EXPECT_NE(Control(*run, "13")->detail.find("never bind the management account"),
            std::string::npos);
  for (const Finding& f : run->report.findings) EXPECT_NE(f.rule_id, "IAC1302") << f.message;
}

TEST(Lza, PolicyPathsOutsideTheTreeAreRefused) {
  Tree outside(
      {{"secret.json", R"({"Version": "2012-10-17", "Statement": [], "Secret": "s3cr3t-token"})"}});
  Tree t({{"organization-config.yaml",
           "serviceControlPolicies:\n  - name: Escape\n    policy: ../" +
               std::filesystem::path(outside.path()).filename().string() +
               "/secret.json\n    deploymentTargets: {organizationalUnits: [Root]}\n"
               "  - name: Absolute\n    policy: " +
               outside.path("secret.json") + "\n"}});
  auto run = Check({t.path()});
  ASSERT_TRUE(run);
  const Model& m = run->model;
  std::vector<std::string> refused;
  for (const Finding& f : m.diagnostics()) {
    if (f.rule_id == kUnresolvedReference && f.message.starts_with("policy file '") &&
        f.message.ends_with("; not read")) {
      refused.push_back(At(m, f.loc) + " " + f.message.substr(f.message.rfind("' ") + 2));
    }
  }
  EXPECT_EQ(refused, (std::vector<std::string>{
                         "organization-config.yaml:3:13 is outside the analysed tree; not read",
                         "organization-config.yaml:6:13 is an absolute path; not read"}));
  EXPECT_EQ(Prop(m, "serviceControlPolicies[0]", "Content"),
            "unknown(policy file: '../" +
                std::filesystem::path(outside.path()).filename().string() +
                "/secret.json' is outside the analysed tree)");
  for (const SourceFile& f : m.files()) {
    EXPECT_EQ(f.text.find("s3cr3t-token"), std::string::npos) << f.path;
    EXPECT_FALSE(f.path.ends_with("secret.json"));
  }
}

TEST(Lza, DetectedByNameAndContent) {
  EXPECT_TRUE(IsLzaConfigName("configs/global-config.yaml"));
  EXPECT_FALSE(IsLzaConfigName("configs/global-config.json"));
  EXPECT_FALSE(IsLzaConfigName("configs/network-config.yaml"));
  // A chart's global-config.yaml is not an LZA file unless --type lza says so.
  Tree t({{"global-config.yaml", "image:\n  repository: nginx\n"}});
  auto walked = Check({t.path()});
  ASSERT_TRUE(walked);
  for (const SourceFile& f : walked->model.files()) EXPECT_NE(f.type, "lza") << f.path;
  auto forced = Check({t.path("global-config.yaml")}, "", "lza");
  ASSERT_TRUE(forced);
  EXPECT_EQ(forced->model.files().back().type, "lza");
}

TEST(Lza, AllFilesOfADirectoryShareAScope) {
  EXPECT_EQ(LzaScope("configs/lza/global-config.yaml"), "lza:configs/lza");
  EXPECT_EQ(LzaScope("iam-config.yaml"), "lza:.");
}

}  // namespace
}  // namespace iaclint
