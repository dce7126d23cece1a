// global-config.yaml: budgets (control 06), CloudTrail with its bucket and log group (08),
// SNS topics (09 alarm actions), centralized root access (01, 13).
#include "orgs/lza_internal.h"

namespace iaclint {

namespace {

const Location& At(const Value* v, const Location& fallback) { return v ? v->loc() : fallback; }

Value Subscribers(const Value& n) {
  Value out = Value::List(n.loc());
  const Value* type = n.Find("subscriptionType");
  auto add = [&](const Value& address) {
    Value s = Value::Map(address.loc());
    Put(s, "SubscriptionType", type);
    Put(s, "Address", &address);
    out.Add(std::move(s));
  };
  for (const Value& r : ItemsOf(n.Find("recipients"))) add(r);
  if (const Value* address = n.Find("address"); address && out.items().empty()) add(*address);
  return out;
}

void AddBudgets(const Value& root, LzaBuilder& b) {
  const Value* reports = root.Find("reports");
  const std::vector<Value>& budgets = ItemsOf(reports ? reports->Find("budgets") : nullptr);
  for (size_t i = 0; i < budgets.size(); ++i) {
    const Value& item = budgets[i];
    Value budget = Value::Map(item.loc());
    Put(budget, "BudgetName", item.Find("name"));
    Put(budget, "BudgetType", item.Find("type"));
    Put(budget, "TimeUnit", item.Find("timeUnit"));
    Value limit = Value::Map(item.loc());
    Put(limit, "Amount", item.Find("amount"));
    Put(limit, "Unit", item.Find("unit"));
    PutValue(budget, "BudgetLimit", std::move(limit), item.loc());
    Value props = Value::Map(item.loc());
    PutValue(props, "Budget", std::move(budget), item.loc());
    Value notifications = Value::List(At(item.Find("notifications"), item.loc()));
    for (const Value& n : ItemsOf(item.Find("notifications"))) {
      Value notification = Value::Map(n.loc());
      Put(notification, "NotificationType", n.Find("type"));
      Put(notification, "ComparisonOperator", n.Find("comparisonOperator"));
      Put(notification, "Threshold", n.Find("threshold"));
      Put(notification, "ThresholdType", n.Find("thresholdType"));
      Value entry = Value::Map(n.loc());
      PutValue(entry, "Notification", std::move(notification), n.loc());
      PutValue(entry, "Subscribers", Subscribers(n), n.loc());
      notifications.Add(std::move(entry));
    }
    if (item.Find("notifications")) {
      PutValue(props, "NotificationsWithSubscribers", std::move(notifications), item.loc());
    }
    b.Add(Indexed("reports.budgets", i), "AWS::Budgets::Budget", item.loc(), std::move(props));
  }
}

// LZA's lifecycleRules[] as S3 LifecycleConfiguration.Rules.
Value LifecycleRules(const Value& rules) {
  Value out = Value::List(rules.loc());
  for (const Value& r : rules.items()) {
    Value rule = Value::Map(r.loc());
    const Value* enabled = r.Find("enabled");
    const bool on = !enabled || enabled->AsBool().value_or(false);
    PutValue(rule, "Status", Value::String(on ? "Enabled" : "Disabled"), At(enabled, r.loc()));
    Put(rule, "Id", r.Find("id"));
    Put(rule, "ExpirationInDays", r.Find("expiration"));
    Put(rule, "NoncurrentVersionExpirationInDays", r.Find("noncurrentVersionExpiration"));
    Put(rule, "Prefix", r.Find("prefix"));
    Put(rule, "Transitions", r.Find("transitions"));
    out.Add(std::move(rule));
  }
  return out;
}

// The central log bucket. Without lifecycleRules LZA applies its own default rule (expire
// after 1825 days), so the bucket has a lifecycle either way.
void AddCentralBucket(const Value& logging, const Location& fallback, LzaBuilder& b) {
  const Value::Member* member = logging.FindMember("centralLogBucket");
  const Value* rules = member ? member->value.Find("lifecycleRules") : nullptr;
  const Location at = member ? member->key_loc : fallback;
  Value props = Value::Map(at);
  PutValue(props, "BucketName", Value::String("aws-accelerator-central-logs"), at);
  Value config = Value::Map(at);
  std::string evidence = "declared";
  if (rules && !rules->items().empty()) {
    PutValue(config, "Rules", LifecycleRules(*rules), rules->loc());
  } else {
    Value rule = Value::Map(at);
    PutValue(rule, "Status", Value::String("Enabled"), at);
    PutValue(rule, "ExpirationInDays", Value::Number("1825"), at);
    Value list = Value::List(at);
    list.Add(std::move(rule));
    PutValue(config, "Rules", std::move(list), at);
    evidence = "declared (LZA default lifecycle)";
  }
  PutValue(props, "LifecycleConfiguration", std::move(config), at);
  b.Add("logging.centralLogBucket", "AWS::S3::Bucket", at, std::move(props), evidence);
}

// The ARN of a role the deployment creates; only its account is unknown offline.
Value DeployedRole(const std::string& name) {
  Value v = Value::String("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/" + name);
  v.set(Value::kSymbolic);
  return v;
}

struct TrailSpec {
  std::string id;
  std::string name;
  std::string log_group;  ///< LogGroupName when it delivers to CloudWatch Logs
  Location at;
  const Value* settings = nullptr;
  bool defaults =
      false;  ///< value of multiRegion/globalServiceEvents/sendToCloudWatchLogs when unset
};

Value Setting(const TrailSpec& t, const char* key) {
  const Value* v = t.settings ? t.settings->Find(key) : nullptr;
  return v ? *v : Value::Bool(t.defaults, t.at);
}

void AddTrail(const TrailSpec& t, const Value& root, LzaBuilder& b) {
  Value props = Value::Map(t.at);
  PutValue(props, "TrailName", Value::String(t.name), t.at);
  PutValue(props, "IsLogging", Value::Bool(true), t.at);
  PutValue(props, "IsMultiRegionTrail", Setting(t, "multiRegionTrail"), t.at);
  PutValue(props, "IncludeGlobalServiceEvents", Setting(t, "globalServiceEvents"), t.at);
  PutValue(props, "EnableLogFileValidation", Value::Bool(true), t.at);
  PutValue(props, "S3BucketName", b.RefTo("logging.centralLogBucket", t.at), t.at);
  const Value send = Setting(t, "sendToCloudWatchLogs");
  if (send.AsBool().value_or(false)) {
    const std::string group = t.id + ".logGroup";
    PutValue(props, "CloudWatchLogsLogGroupArn", b.RefTo(group, send.loc()), send.loc());
    // The CDK trail LZA deploys creates the role CloudTrail assumes to write to the group.
    PutValue(props, "CloudWatchLogsRoleArn", DeployedRole(t.name + "-LogsRole"), send.loc());
    Value lg = Value::Map(t.at);
    PutValue(lg, "LogGroupName", Value::String(t.log_group), t.at);
    Put(lg, "RetentionInDays", root.Find("cloudwatchLogRetentionInDays"));
    b.Add(group, "AWS::Logs::LogGroup", t.at, std::move(lg));
  }
  b.Add(t.id, "AWS::CloudTrail::Trail", t.at, std::move(props));
}

// LZA's own trails: the organization trail and account trails, created only with enable.
void AddLzaTrails(const Value& root, LzaBuilder& b) {
  const Value* logging = root.Find("logging");
  const Value::Member* ct = logging ? logging->FindMember("cloudtrail") : nullptr;
  if (!ct || !IsTrue(ct->value.Find("enable"))) return;
  bool any = false;
  if (const Value::Member* org = ct->value.FindMember("organizationTrail");
      org && IsTrue(&org->value)) {
    AddTrail({"logging.cloudtrail.organizationTrail", "AWSAccelerator-Organizations-CloudTrail",
              "aws-accelerator-cloudtrail-logs", org->key_loc,
              ct->value.Find("organizationTrailSettings"), true},
             root, b);
    any = true;
  }
  const std::vector<Value>& accounts = ItemsOf(ct->value.Find("accountTrails"));
  for (size_t i = 0; i < accounts.size(); ++i) {
    const std::string name =
        accounts[i].Find("name") ? accounts[i].Find("name")->AsText().value_or("") : "";
    AddTrail({Indexed("logging.cloudtrail.accountTrails", i), "AWSAccelerator-CloudTrail-" + name,
              "aws-accelerator-cloudtrail-" + name, accounts[i].loc(), accounts[i].Find("settings"),
              false},
             root, b);
    any = true;
  }
  if (any) AddCentralBucket(*logging, ct->key_loc, b);
}

// Control Tower's organization trail (controlTower.landingZone.logging.organizationTrail):
// multi-region, validated, into the log archive bucket kept loggingBucketRetentionDays, and
// to the CloudWatch Logs group aws-controltower/CloudTrailLogs, whose retention the
// configuration does not declare.
// With Control Tower enabled but no landingZone block, the landing zone is managed outside
// LZA: Control Tower's trail is there by default, but whether it is on, and how long the log
// archive keeps logs, is not in the configuration (UNKNOWN, not a missing trail).
void AddControlTowerTrail(const Value& root, LzaBuilder& b) {
  const Value::Member* ct_member = root.FindMember("controlTower");
  const Value* ct = ct_member ? &ct_member->value : nullptr;
  if (!ct || !IsTrue(ct->Find("enable"))) return;
  const Value* lz = ct->Find("landingZone");
  const Value* logging = lz ? lz->Find("logging") : nullptr;
  const Value::Member* org = logging ? logging->FindMember("organizationTrail") : nullptr;
  const bool outside = lz == nullptr;
  if (!outside && (!org || !IsTrue(&org->value))) return;
  const std::string id =
      outside ? "controlTower" : "controlTower.landingZone.logging.organizationTrail";
  const Location at = outside ? ct_member->key_loc : org->key_loc;
  const std::string evidence = "declared (Control Tower)";
  auto not_here = [&](const std::string& what) {
    Value u = Value::Unknown(
        "Control Tower is enabled with its landing zone managed outside "
        "this configuration (no controlTower.landingZone): " +
            what,
        at);
    u.set_tag("control-tower");
    return u;
  };
  Value rule = Value::Map(at);
  PutValue(rule, "Status", Value::String("Enabled"), at);
  const Value* days = logging ? logging->Find("loggingBucketRetentionDays") : nullptr;
  PutValue(rule, "ExpirationInDays",
           outside ? not_here("the log archive's retention is not declared")
           : days  ? *days
                   : Value::Number("365"),
           days ? days->loc() : at);
  Value rules = Value::List(at);
  rules.Add(std::move(rule));
  Value config = Value::Map(at);
  PutValue(config, "Rules", std::move(rules), at);
  Value bucket = Value::Map(at);
  PutValue(bucket, "BucketName", Value::String("aws-controltower-logs"), at);
  PutValue(bucket, "LifecycleConfiguration", std::move(config), at);
  b.Add(id + ".bucket", "AWS::S3::Bucket", at, std::move(bucket), evidence);
  Value lg = Value::Map(at);
  PutValue(lg, "LogGroupName", Value::String("aws-controltower/CloudTrailLogs"), at);
  Value retention = Value::Unknown(
      "Control Tower creates aws-controltower/CloudTrailLogs; the LZA configuration does not "
      "declare its retention (cloudwatchLogRetentionInDays applies to log groups LZA creates)",
      at);
  retention.set_tag("control-tower");
  PutValue(lg, "RetentionInDays", std::move(retention), at);
  b.Add(id + ".logGroup", "AWS::Logs::LogGroup", at, std::move(lg), evidence);
  Value props = Value::Map(at);
  PutValue(props, "TrailName", Value::String("aws-controltower-BaselineCloudTrail"), at);
  for (const char* flag : {"IsLogging", "IsMultiRegionTrail", "IncludeGlobalServiceEvents",
                           "EnableLogFileValidation", "IsOrganizationTrail"}) {
    PutValue(props, flag, Value::Bool(true), at);
  }
  if (outside)
    PutValue(props, "IsLogging", not_here("whether its trail is on is not declared"), at);
  PutValue(props, "S3BucketName", b.RefTo(id + ".bucket", at), at);
  PutValue(props, "CloudWatchLogsLogGroupArn", b.RefTo(id + ".logGroup", at), at);
  PutValue(props, "CloudWatchLogsRoleArn", DeployedRole("aws-controltower-CloudWatchLogsRole"), at);
  b.Add(id, "AWS::CloudTrail::Trail", at, std::move(props), evidence);
}

void AddRootManagement(const Value& root, LzaBuilder& b) {
  const Value::Member* m = root.FindMember("centralRootUserManagement");
  if (!m) return;
  const Value& c = m->value;
  const Value* caps = c.Find("capabilities");
  Value features = Value::List(m->key_loc);
  if (IsTrue(c.Find("enable"))) {
    const Value* creds = caps ? caps->Find("rootCredentialsManagement") : nullptr;
    const Value* sessions = caps ? caps->Find("allowRootSessions") : nullptr;
    if (IsTrue(creds)) features.Add(Value::String("RootCredentialsManagement", creds->loc()));
    if (IsTrue(sessions)) features.Add(Value::String("RootSessions", sessions->loc()));
  }
  Value props = Value::Map(m->key_loc);
  PutValue(props, "EnabledFeatures", std::move(features), m->key_loc);
  b.Add("centralRootUserManagement", "AWS::IAM::OrganizationsFeatures", m->key_loc,
        std::move(props));
}

void AddTopics(const Value& root, LzaBuilder& b) {
  const Value* sns = root.Find("snsTopics");
  const std::vector<Value>& topics = ItemsOf(sns ? sns->Find("topics") : nullptr);
  for (size_t i = 0; i < topics.size(); ++i) {
    const Value& t = topics[i];
    Value props = Value::Map(t.loc());
    if (const Value* name = t.Find("name"); name && name->AsText()) {
      PutValue(props, "TopicName", Value::String("aws-accelerator-" + *name->AsText()),
               name->loc());
    }
    Value subs = Value::List(t.loc());
    for (const Value& e : ItemsOf(t.Find("emailAddresses"))) {
      Value s = Value::Map(e.loc());
      PutValue(s, "Protocol", Value::String("email"), e.loc());
      Put(s, "Endpoint", &e);
      subs.Add(std::move(s));
    }
    PutValue(props, "Subscription", std::move(subs), t.loc());
    b.Add(Indexed("snsTopics.topics", i), "AWS::SNS::Topic", t.loc(), std::move(props));
  }
}

}  // namespace

void NormaliseGlobalConfig(const Value& root, LzaBuilder& b) {
  AddBudgets(root, b);
  AddLzaTrails(root, b);
  AddControlTowerTrail(root, b);
  AddRootManagement(root, b);
  AddTopics(root, b);
}

}  // namespace iaclint
