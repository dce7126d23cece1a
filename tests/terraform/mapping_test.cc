// The mapping layer on instances built as the .tf loader and the plan reader deliver them.
#include "terraform/mapping.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "model/tool_findings.h"
#include "parse/yaml_reader.h"
#include "terraform/tf_address.h"

namespace iaclint {
namespace {

using nlohmann::json;

Value FromJson(const json& j, Location loc) {
  switch (j.type()) {
    case json::value_t::null: return Value::Null(loc);
    case json::value_t::boolean: return Value::Bool(j.get<bool>(), loc);
    case json::value_t::string: return Value::String(j.get<std::string>(), loc);
    case json::value_t::array: {
      Value v = Value::List(loc);
      for (const json& e : j) v.Add(FromJson(e, loc));
      return v;
    }
    case json::value_t::object: {
      if (j.contains("$unknown")) {
        Value u = Value::Unknown(j["$unknown"].get<std::string>(), loc);
        u.set_tag("after-unknown");
        return u;
      }
      Value v = Value::Map(loc);
      for (auto it = j.begin(); it != j.end(); ++it) v.Set(it.key(), FromJson(it.value(), loc), loc);
      return v;
    }
    default: return Value::Number(j.dump(), loc);
  }
}

class MappingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto m = LoadMappings(std::string(IACLINT_SOURCE_DIR) + "/rulesets/mappings");
    ASSERT_TRUE(m.ok()) << m.error().message;
    mappings_ = std::move(*m);
    auto tf = ParseTfMapping(mappings_.terraform);
    ASSERT_TRUE(tf.ok()) << tf.error().message;
    mapping_ = std::move(*tf);
  }

  // One instance per call; `line` gives each a distinct place, as a .tf block would have.
  void Add(const std::string& address, const json& attributes,
           std::map<std::string, std::vector<std::string>> refs = {}) {
    TfResourceInstance i;
    i.address = address;
    TfAddressParts parts = ParseResourceAddress(address);
    i.module_path = parts.module_path;
    const std::string local = parts.local;
    const size_t dot = local.find('.');
    i.type = local.substr(0, dot);
    i.name = local.substr(dot + 1);
    i.loc = Location{1, static_cast<uint32_t>(config_.instances.size() + 1) * 10, 1, 0, 0};
    i.attributes = FromJson(attributes, Location{1, i.loc.line + 1, 3, 0, 0});
    i.references = std::move(refs);
    config_.instances.push_back(std::move(i));
  }

  void Map() {
    TfMapContext ctx{mapping_, &mappings_.types, "plan.json", 0, {}};
    out_ = Fragment();
    MapTerraform(config_, ctx, out_);
  }

  const Resource* R(const std::string& id) const {
    for (const Resource& r : out_.resources) {
      if (r.id == id) return &r;
    }
    return nullptr;
  }

  const Value* At(const std::string& id, const std::string& path) const {
    const Resource* r = R(id);
    if (!r) return nullptr;
    const Value* v = &r->properties;
    size_t start = 0;
    while (v && start <= path.size()) {
      size_t dot = path.find('.', start);
      if (dot == std::string::npos) dot = path.size();
      const std::string seg = path.substr(start, dot - start);
      if (!seg.empty() && seg[0] >= '0' && seg[0] <= '9') {
        const size_t i = std::stoul(seg);
        v = v->is(Value::Kind::kList) && i < v->items().size() ? &v->items()[i] : nullptr;
      } else {
        v = v->Find(seg);
      }
      start = dot + 1;
    }
    return v;
  }

  std::string Text(const std::string& id, const std::string& path) const {
    const Value* v = At(id, path);
    return v ? v->Render(2000) : "<absent>";
  }

  Mappings mappings_;
  TfMapping mapping_;
  TfConfiguration config_;
  Fragment out_;
};

TEST_F(MappingTest, ShippedMappingParsesAndKeepsWhatItReads) {
  EXPECT_GE(mapping_.types.size(), 30u);
  const TfKeep& trail = mapping_.keep.at("aws_cloudtrail");
  EXPECT_TRUE(trail.keys.count("enable_logging"));
  EXPECT_FALSE(trail.keys.count("tags"));
  const TfKeep& lc = mapping_.keep.at("aws_s3_bucket_lifecycle_configuration");
  EXPECT_TRUE(lc.keys.count("bucket"));  // the attach attribute
  EXPECT_TRUE(lc.keys.at("rule").keys.count("status"));
}

TEST_F(MappingTest, BadMappingsAreErrorsWithTheirPlace) {
  for (const char* text : {"resources: {aws_x: {type: A, properties: {a: {bogus: 1}}}}",
                           "resources: {aws_x: {}}",
                           "resources: {aws_x: {type: A, properties: {a: {each: {b: B}}}}}",
                           "resources: {aws_x: {attach: [{to: A}]}}"}) {
    auto doc = ParseYaml(text, kNoFile);
    ASSERT_TRUE(doc.ok()) << text;
    auto parsed = ParseTfMapping(doc->root);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().message.rfind("terraform.yaml:1:", 0), 0u) << parsed.error().message;
  }
}

TEST_F(MappingTest, TrailDefaultsAndLinks) {
  Add("aws_s3_bucket.logs", {{"bucket", "logs"}});
  Add("aws_cloudwatch_log_group.trail", {{"name", "/trail"}, {"retention_in_days", 0}});
  Add("aws_cloudtrail.t", {{"name", "t"}, {"s3_bucket_name", {{"$unknown", "known after apply"}}},
                           {"cloud_watch_logs_group_arn", "${aws_cloudwatch_log_group.trail.arn}:*"}},
      {{"s3_bucket_name", {"aws_s3_bucket.logs.id", "aws_s3_bucket.logs"}},
       {"cloud_watch_logs_group_arn", {"aws_cloudwatch_log_group.trail.arn", "aws_cloudwatch_log_group.trail"}}});
  Map();
  const Resource* t = R("aws_cloudtrail.t");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->type, "AWS::CloudTrail::Trail");
  EXPECT_EQ(t->source_type, "aws_cloudtrail");
  EXPECT_EQ(t->scope, "plan.json");
  EXPECT_EQ(t->loc.line, 30u);
  // .tf leaves provider defaults out: they are applied.
  EXPECT_EQ(Text("aws_cloudtrail.t", "IsLogging"), "true");
  EXPECT_EQ(Text("aws_cloudtrail.t", "IncludeGlobalServiceEvents"), "true");
  EXPECT_EQ(Text("aws_cloudtrail.t", "IsMultiRegionTrail"), "false");
  EXPECT_EQ(Text("aws_cloudtrail.t", "S3BucketName"), "ref(plan.json#aws_s3_bucket.logs)");
  EXPECT_EQ(Text("aws_cloudtrail.t", "CloudWatchLogsLogGroupArn"),
            "ref(plan.json#aws_cloudwatch_log_group.trail)");
  EXPECT_EQ(Text("aws_cloudwatch_log_group.trail", "RetentionInDays"), "<absent>");  // 0 = never
  EXPECT_EQ(At("aws_cloudtrail.t", "TrailName")->loc().line, 31u);  // the attribute's place
}

TEST_F(MappingTest, UnknownStaysUnknown) {
  Add("aws_cloudtrail.t", {{"enable_logging", {{"$unknown", "known after apply"}}}});
  Add("aws_iam_account_password_policy.p", {{"$unknown", "whole resource"}});
  Map();
  const Value* v = At("aws_cloudtrail.t", "IsLogging");
  ASSERT_NE(v, nullptr);
  EXPECT_TRUE(v->is(Value::Kind::kUnknown));
  EXPECT_EQ(v->category(), "after-unknown");
  EXPECT_TRUE(At("aws_iam_account_password_policy.p", "MinimumPasswordLength")->is(Value::Kind::kUnknown));
}

TEST_F(MappingTest, LifecycleConfigurationAttachesToTheBucket) {
  Add("module.b.aws_s3_bucket.this[0]", {{"bucket", "audit"}});
  Add("module.b.aws_s3_bucket_lifecycle_configuration.this[0]",
      {{"bucket", {{"$unknown", "x"}}},
       {"rule", {{{"id", "expire"}, {"status", "Enabled"}, {"expiration", {{{"days", 365}}}},
                  {"transition", {{{"days", 30}, {"storage_class", "GLACIER"}}}}}}}},
      {{"bucket", {"aws_s3_bucket.this[0].id", "aws_s3_bucket.this[0]", "aws_s3_bucket.this"}}});
  Map();
  EXPECT_EQ(R("module.b.aws_s3_bucket_lifecycle_configuration.this[0]"), nullptr);
  EXPECT_EQ(Text("module.b.aws_s3_bucket.this[0]", "LifecycleConfiguration.Rules"),
            "[{Id: \"expire\", Status: \"Enabled\", ExpirationInDays: 365, Transitions: "
            "[{TransitionInDays: 30, StorageClass: \"GLACIER\"}]}]");
  // The rule keeps the lifecycle configuration's place, so a finding points there.
  EXPECT_EQ(At("module.b.aws_s3_bucket.this[0]", "LifecycleConfiguration.Rules.0.Status")->loc().line, 21u);
  EXPECT_TRUE(out_.diagnostics.empty());
}

TEST_F(MappingTest, LegacyInlineLifecycleRuleAndLiteralBucketName) {
  Add("aws_s3_bucket.a", {{"bucket", "a"}, {"lifecycle_rule", {{{"id", "x"}, {"enabled", false}}}}});
  Add("aws_s3_bucket_lifecycle_configuration.a", {{"bucket", "a"}, {"rule", {{{"status", "Enabled"}}}}});
  Map();
  EXPECT_EQ(Text("aws_s3_bucket.a", "LifecycleConfiguration.Rules"),
            "[{Id: \"x\", Status: \"Disabled\"}, {Status: \"Enabled\"}]");
}

TEST_F(MappingTest, UnattachedResourceIsANote) {
  Add("aws_s3_bucket_lifecycle_configuration.a", {{"bucket", "elsewhere"}, {"rule", json::array()}});
  Map();
  ASSERT_EQ(out_.diagnostics.size(), 1u);
  EXPECT_EQ(out_.diagnostics[0].rule_id, kUnresolvedReference);
  EXPECT_NE(out_.diagnostics[0].message.find("bucket \"elsewhere\" does not lead to an AWS::S3::Bucket declared in this configuration"),
            std::string::npos) << out_.diagnostics[0].message;
  EXPECT_EQ(out_.diagnostics[0].loc.line, 10u);
}

TEST_F(MappingTest, EventRuleAndTargetWithInputTransformer) {
  Add("aws_sns_topic.t", {{"name", "health"}});
  Add("aws_cloudwatch_event_rule.r",
      {{"name", "health"}, {"event_pattern", "{\"source\": [\"aws.health\"]}"}, {"is_enabled", false},
       {"state", {{"$unknown", "x"}}}});
  Add("aws_cloudwatch_event_target.t",
      {{"rule", "health"}, {"arn", {{"$unknown", "x"}}}, {"target_id", "sns"},
       {"input_transformer", {{{"input_template", "\"<s>\""}, {"input_paths", {{"s", "$.source"}}}}}}},
      {{"arn", {"aws_sns_topic.t.arn", "aws_sns_topic.t"}}});
  Map();
  EXPECT_EQ(Text("aws_cloudwatch_event_rule.r", "EventPattern"), "{source: [\"aws.health\"]}");
  EXPECT_EQ(Text("aws_cloudwatch_event_rule.r", "State"), "\"DISABLED\"");  // known beats unknown
  EXPECT_EQ(Text("aws_cloudwatch_event_rule.r", "Targets"),
            "[{Arn: ref(plan.json#aws_sns_topic.t), Id: \"sns\", InputTransformer: "
            "{InputTemplate: \"\\\"<s>\\\"\", InputPathsMap: {s: \"$.source\"}}}]");
}

TEST_F(MappingTest, EventRuleStateWinsOverIsEnabled) {
  Add("aws_cloudwatch_event_rule.r", {{"name", "r"}, {"is_enabled", true}, {"state", "DISABLED"}});
  Map();
  EXPECT_EQ(Text("aws_cloudwatch_event_rule.r", "State"), "\"DISABLED\"");
}

TEST_F(MappingTest, GroupPolicyAttachmentsAndMemberships) {
  Add("aws_iam_group.admins", {{"name", "admins"}});
  Add("aws_iam_user.alice", {{"name", "alice"}});
  Add("aws_iam_policy.mfa", {{"name", "mfa"}, {"policy", "{\"Statement\": [{\"Effect\": \"Deny\"}]}"}});
  Add("aws_iam_group_policy_attachment.admin",
      {{"group", "admins"}, {"policy_arn", "arn:aws:iam::aws:policy/AdministratorAccess"}});
  Add("aws_iam_group_policy_attachment.mfa", {{"group", {{"$unknown", "x"}}}, {"policy_arn", {{"$unknown", "x"}}}},
      {{"group", {"aws_iam_group.admins.name", "aws_iam_group.admins"}},
       {"policy_arn", {"aws_iam_policy.mfa.arn", "aws_iam_policy.mfa"}}});
  Add("aws_iam_policy_attachment.legacy",
      {{"name", "legacy"}, {"groups", {"admins"}}, {"policy_arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"}});
  Add("aws_iam_group_policy_attachments_exclusive.x",
      {{"group_name", "admins"}, {"policy_arns", {"arn:aws:iam::aws:policy/job-function/Billing"}}});
  Add("aws_iam_group_policy.inline", {{"group", "admins"}, {"name", "inline"}, {"policy", "{\"Version\": \"2012-10-17\"}"}});
  Add("aws_iam_group_membership.m", {{"group", "admins"}, {"users", {{"$unknown", "x"}}}},
      {{"users", {"aws_iam_user.alice.name", "aws_iam_user.alice"}}});
  Add("aws_iam_user_group_membership.u", {{"user", "alice"}, {"groups", {"admins", "ops"}}});
  Map();
  EXPECT_EQ(Text("aws_iam_group.admins", "ManagedPolicyArns"),
            "[\"arn:aws:iam::aws:policy/AdministratorAccess\", ref(plan.json#aws_iam_policy.mfa), "
            "\"arn:aws:iam::aws:policy/ReadOnlyAccess\", \"arn:aws:iam::aws:policy/job-function/Billing\"]");
  EXPECT_EQ(Text("aws_iam_policy.mfa", "Groups"), "[ref(plan.json#aws_iam_group.admins)]");
  EXPECT_EQ(Text("aws_iam_policy.mfa", "PolicyDocument"), "{Statement: [{Effect: \"Deny\"}]}");
  EXPECT_EQ(Text("aws_iam_group.admins", "Policies"),
            "[{PolicyName: \"inline\", PolicyDocument: {Version: \"2012-10-17\"}}]");
  EXPECT_EQ(R("aws_iam_group_membership.m")->type, "AWS::IAM::UserToGroupAddition");
  EXPECT_EQ(Text("aws_iam_group_membership.m", "GroupName"), "\"admins\"");
  EXPECT_EQ(Text("aws_iam_group_membership.m", "Users"), "[ref(plan.json#aws_iam_user.alice)]");
  EXPECT_EQ(Text("aws_iam_user_group_membership.u", "GroupName"), "[\"admins\", \"ops\"]");
  EXPECT_EQ(Text("aws_iam_user_group_membership.u", "Users"), "[\"alice\"]");
  // AWS managed policies are not declared: no note for the optional attachment.
  EXPECT_TRUE(out_.diagnostics.empty()) << out_.diagnostics[0].message;
}

// Literal targets are looked up by ARN, id or name (also a name given as an ARN), among many
// instances of the type, each target once.
TEST_F(MappingTest, AttachmentsFindLiteralTargetsByArnIdOrName) {
  for (int i = 0; i < 40; ++i) {
    const std::string n = std::to_string(i);
    json attrs = {{"name", "group-" + n}, {"id", "AGPA" + n}};
    if (i % 2 == 0) attrs["arn"] = "arn:aws:iam::123456789012:group/group-" + n;
    Add("aws_iam_group.g" + n, attrs);
  }
  Add("aws_iam_group_policy_attachment.by_name",
      {{"group", "group-7"}, {"policy_arn", "arn:aws:iam::aws:policy/A"}});
  Add("aws_iam_group_policy_attachment.by_arn",  // group-8 declares its ARN
      {{"group", "arn:aws:iam::123456789012:group/group-8"},
       {"policy_arn", "arn:aws:iam::aws:policy/B"}});
  Add("aws_iam_group_policy_attachment.by_arn_name",  // group-9 does not: its name does
      {{"group", "arn:aws:iam::123456789012:group/group-9"},
       {"policy_arn", "arn:aws:iam::aws:policy/C"}});
  Add("aws_iam_group_policy_attachment.by_id",
      {{"group", "AGPA11"}, {"policy_arn", "arn:aws:iam::aws:policy/D"}});
  Add("aws_iam_policy_attachment.several",
      {{"name", "several"},
       {"groups", {"group-30", "group-3", "nobody", "group-3"}},
       {"policy_arn", "arn:aws:iam::aws:policy/E"}});
  Map();
  EXPECT_EQ(Text("aws_iam_group.g7", "ManagedPolicyArns"), "[\"arn:aws:iam::aws:policy/A\"]");
  EXPECT_EQ(Text("aws_iam_group.g8", "ManagedPolicyArns"), "[\"arn:aws:iam::aws:policy/B\"]");
  EXPECT_EQ(Text("aws_iam_group.g9", "ManagedPolicyArns"), "[\"arn:aws:iam::aws:policy/C\"]");
  EXPECT_EQ(Text("aws_iam_group.g11", "ManagedPolicyArns"), "[\"arn:aws:iam::aws:policy/D\"]");
  EXPECT_EQ(Text("aws_iam_group.g3", "ManagedPolicyArns"), "[\"arn:aws:iam::aws:policy/E\"]");
  EXPECT_EQ(Text("aws_iam_group.g30", "ManagedPolicyArns"), "[\"arn:aws:iam::aws:policy/E\"]");
  EXPECT_EQ(Text("aws_iam_group.g0", "ManagedPolicyArns"), "<absent>");
  EXPECT_EQ(Text("aws_iam_group.g12", "ManagedPolicyArns"), "<absent>");
}

TEST_F(MappingTest, OrganizationsPolicyContactsAndFeatures) {
  Add("aws_organizations_organization.org", {{"feature_set", "ALL"}});
  Add("aws_organizations_organizational_unit.workloads", {{"name", "workloads"}, {"parent_id", {{"$unknown", "x"}}}},
      {{"parent_id", {"aws_organizations_organization.org.roots[0].id", "aws_organizations_organization.org.roots[0]",
                      "aws_organizations_organization.org.roots", "aws_organizations_organization.org"}}});
  Add("aws_organizations_policy.deny_root",
      {{"name", "deny-root"}, {"content", "{\"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"*\"}]}"}});
  Add("aws_organizations_policy_attachment.root", {{"policy_id", {{"$unknown", "x"}}}, {"target_id", "r-abcd"}},
      {{"policy_id", {"aws_organizations_policy.deny_root.id", "aws_organizations_policy.deny_root"}}});
  Add("aws_organizations_policy_attachment.ou", {{"policy_id", {{"$unknown", "x"}}}, {"target_id", {{"$unknown", "x"}}}},
      {{"policy_id", {"aws_organizations_policy.deny_root.id", "aws_organizations_policy.deny_root"}},
       {"target_id", {"aws_organizations_organizational_unit.workloads.id", "aws_organizations_organizational_unit.workloads"}}});
  Add("aws_iam_organizations_features.f", {{"enabled_features", {"RootCredentialsManagement", "RootSessions"}}});
  Add("aws_account_alternate_contact.security",
      {{"alternate_contact_type", "SECURITY"}, {"email_address", "sec@example.com"}, {"name", "Sec"},
       {"phone_number", "+81 3-1234-5678"}, {"title", "CISO"}});
  Add("aws_account_primary_contact.p", {{"full_name", "A"}, {"phone_number", "03-1234-5678"}, {"country_code", "JP"}});
  Map();
  EXPECT_EQ(Text("aws_organizations_policy.deny_root", "Type"), "\"SERVICE_CONTROL_POLICY\"");
  EXPECT_EQ(Text("aws_organizations_policy.deny_root", "Content"), "{Statement: [{Effect: \"Deny\", Action: \"*\"}]}");
  EXPECT_EQ(Text("aws_organizations_policy.deny_root", "TargetIds"),
            "[\"r-abcd\", ref(plan.json#aws_organizations_organizational_unit.workloads)]");
  EXPECT_EQ(Text("aws_organizations_organizational_unit.workloads", "ParentId"),
            "ref(plan.json#aws_organizations_organization.org)");
  EXPECT_EQ(Text("aws_iam_organizations_features.f", "EnabledFeatures"),
            "[\"RootCredentialsManagement\", \"RootSessions\"]");
  EXPECT_EQ(R("aws_account_alternate_contact.security")->type, "AWS::Account::AlternateContact");
  EXPECT_EQ(Text("aws_account_alternate_contact.security", "AlternateContactType"), "\"SECURITY\"");
  EXPECT_EQ(Text("aws_account_alternate_contact.security", "PhoneNumber"), "\"+81 3-1234-5678\"");
  EXPECT_EQ(R("aws_account_primary_contact.p")->type, "AWS::Account::PrimaryContact");
  EXPECT_EQ(Text("aws_account_primary_contact.p", "PhoneNumber"), "\"03-1234-5678\"");
}

TEST_F(MappingTest, BudgetsAnomalyDetectionAndSubscriptions) {
  Add("aws_sns_topic.alerts", {{"name", "alerts"}});
  Add("aws_budgets_budget.b",
      {{"name", "monthly"}, {"limit_amount", "100"},
       {"notification", {{{"notification_type", "ACTUAL"}, {"threshold", 80},
                          {"subscriber_email_addresses", {"a@example.com"}},
                          {"subscriber_sns_topic_arns", {{"$unknown", "x"}}}},
                         {{"notification_type", "FORECASTED"}, {"subscriber_email_addresses", json::array()}}}}},
      {{"notification.0.subscriber_sns_topic_arns", {"aws_sns_topic.alerts.arn", "aws_sns_topic.alerts"}}});
  Add("aws_ce_anomaly_monitor.m", {{"name", "svc"}, {"monitor_type", "DIMENSIONAL"}});
  Add("aws_ce_anomaly_subscription.s",
      {{"name", "daily"}, {"monitor_arn_list", {{"$unknown", "x"}}},
       {"subscriber", {{{"type", "EMAIL"}, {"address", "finops@example.com"}}}},
       {"threshold_expression", {{{"dimension", {{{"key", "ANOMALY_TOTAL_IMPACT_ABSOLUTE"}, {"values", {"100"}}}}}}}}},
      {{"monitor_arn_list", {"aws_ce_anomaly_monitor.m.arn", "aws_ce_anomaly_monitor.m"}}});
  Add("aws_sns_topic_subscription.mail", {{"topic_arn", "arn:aws:sns:us-east-1:123456789012:alerts"},
                                          {"protocol", "email"}, {"endpoint", "ops@example.com"}});
  Map();
  EXPECT_EQ(Text("aws_budgets_budget.b", "Budget"),
            "{BudgetName: \"monthly\", BudgetLimit: {Amount: \"100\"}}");
  EXPECT_EQ(Text("aws_budgets_budget.b", "NotificationsWithSubscribers"),
            "[{Notification: {NotificationType: \"ACTUAL\", Threshold: 80}, Subscribers: "
            "[{Address: \"a@example.com\", SubscriptionType: \"EMAIL\"}, {Address: "
            "ref(plan.json#aws_sns_topic.alerts), SubscriptionType: \"SNS\"}]}, {Notification: "
            "{NotificationType: \"FORECASTED\"}, Subscribers: []}]");
  EXPECT_EQ(Text("aws_ce_anomaly_subscription.s", "MonitorArnList"), "[ref(plan.json#aws_ce_anomaly_monitor.m)]");
  EXPECT_EQ(Text("aws_ce_anomaly_subscription.s", "Subscribers"), "[{Type: \"EMAIL\", Address: \"finops@example.com\"}]");
  EXPECT_EQ(Text("aws_ce_anomaly_subscription.s", "ThresholdExpression"),
            "{Dimensions: {Key: \"ANOMALY_TOTAL_IMPACT_ABSOLUTE\", Values: [\"100\"]}}");
  EXPECT_EQ(R("aws_sns_topic_subscription.mail")->type, "AWS::SNS::Subscription");
  // A literal ARN is matched to the declared topic through types.yaml's ARN patterns.
  EXPECT_EQ(Text("aws_sns_topic_subscription.mail", "TopicArn"), "\"arn:aws:sns:us-east-1:123456789012:alerts\"");
}

TEST_F(MappingTest, PasswordPolicyConfigRuleFiltersAndAlarms) {
  Add("aws_iam_account_password_policy.p", {{"minimum_password_length", 14}, {"require_symbols", true},
                                            {"max_password_age", 0}});
  Add("aws_config_config_rule.r", {{"name", "pw"}, {"source", {{{"owner", "AWS"}, {"source_identifier", "IAM_PASSWORD_POLICY"}}}},
                                   {"input_parameters", "{\"MinimumPasswordLength\": \"14\"}"}});
  Add("aws_cloudwatch_log_group.lg", {{"name", "/trail"}});
  Add("aws_sns_topic.t", {{"name", "alarms"}});
  Add("aws_cloudwatch_log_metric_filter.root",
      {{"name", "root"}, {"pattern", "{ $.userIdentity.type = \"Root\" }"}, {"log_group_name", "/trail"},
       {"metric_transformation", {{{"name", "RootUsage"}, {"namespace", "CIS"}, {"value", "1"}}}}});
  Add("aws_cloudwatch_metric_alarm.root",
      {{"alarm_name", "root"}, {"metric_name", "RootUsage"}, {"namespace", "CIS"},
       {"alarm_actions", {{"$unknown", "x"}}}},
      {{"alarm_actions", {"aws_sns_topic.t.arn", "aws_sns_topic.t"}}});
  Map();
  EXPECT_EQ(Text("aws_iam_account_password_policy.p", "MinimumPasswordLength"), "14");
  EXPECT_EQ(Text("aws_iam_account_password_policy.p", "RequireNumbers"), "false");  // default
  EXPECT_EQ(Text("aws_iam_account_password_policy.p", "MaxPasswordAge"), "<absent>");
  EXPECT_EQ(Text("aws_config_config_rule.r", "Source"), "{Owner: \"AWS\", SourceIdentifier: \"IAM_PASSWORD_POLICY\"}");
  EXPECT_EQ(Text("aws_config_config_rule.r", "InputParameters.MinimumPasswordLength"), "\"14\"");
  EXPECT_EQ(Text("aws_cloudwatch_log_metric_filter.root", "LogGroupName"), "\"/trail\"");
  EXPECT_EQ(Text("aws_cloudwatch_log_metric_filter.root", "MetricTransformations"),
            "[{MetricName: \"RootUsage\", MetricNamespace: \"CIS\", MetricValue: \"1\"}]");
  EXPECT_EQ(Text("aws_cloudwatch_metric_alarm.root", "AlarmActions"), "[ref(plan.json#aws_sns_topic.t)]");
  EXPECT_EQ(Text("aws_cloudwatch_metric_alarm.root", "ActionsEnabled"), "true");
}

TEST_F(MappingTest, InvalidJsonStringIsAParseErrorAndUnknown) {
  Add("aws_organizations_policy.p", {{"name", "p"}, {"content", "{\"Statement\": ["}});
  Map();
  ASSERT_EQ(out_.diagnostics.size(), 1u);
  EXPECT_EQ(out_.diagnostics[0].rule_id, kParseError);
  EXPECT_NE(out_.diagnostics[0].message.find("content is not valid JSON"), std::string::npos);
  EXPECT_TRUE(At("aws_organizations_policy.p", "Content")->is(Value::Kind::kUnknown));
}

TEST_F(MappingTest, CountInstancesPairByKeyAndKeysAreUniquePerConfiguration) {
  Add("aws_s3_bucket.b[0]", {{"bucket", {{"$unknown", "x"}}}});
  Add("aws_s3_bucket.b[1]", {{"bucket", {{"$unknown", "x"}}}});
  Add("aws_cloudtrail.t[1]", {{"s3_bucket_name", {{"$unknown", "x"}}}},
      {{"s3_bucket_name", {"aws_s3_bucket.b", "count.index"}}});
  Add("data.aws_s3_bucket.existing", {{"bucket", "existing"}});
  Map();
  EXPECT_EQ(Text("aws_cloudtrail.t[1]", "S3BucketName"), "ref(plan.json#aws_s3_bucket.b[1])");
  EXPECT_EQ(R("data.aws_s3_bucket.existing"), nullptr);  // data sources declare nothing
  std::set<std::string> keys;
  for (const Resource& r : out_.resources) EXPECT_TRUE(keys.insert(ResourceKey(r.scope, r.id)).second);
}

}  // namespace
}  // namespace iaclint
