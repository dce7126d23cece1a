// security-config.yaml: the IAM password policy (control 11), AWS Config rules (the
// monitored level of several controls), CloudWatch metric filters, alarms and log groups
// (09), Security Hub standards (monitored).
#include <cctype>

#include "orgs/lza_internal.h"

namespace iaclint {

namespace {

std::string Capitalised(const std::string& key) {
  std::string out = key;
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// iamPasswordPolicy keys are the API field names in lower camel case.
void AddPasswordPolicy(const Value& root, LzaBuilder& b) {
  const Value::Member* m = root.FindMember("iamPasswordPolicy");
  if (!m) return;
  Value props = Value::Map(m->key_loc);
  for (const auto& field : m->value.members()) {
    props.Set(Capitalised(field.key), field.value, field.key_loc);
  }
  b.Add("iamPasswordPolicy", "AWS::IAM::AccountPasswordPolicy", m->key_loc, std::move(props));
}

void AddConfigRules(const Value& root, LzaBuilder& b) {
  const Value* config = root.Find("awsConfig");
  const std::vector<Value>& sets = ItemsOf(config ? config->Find("ruleSets") : nullptr);
  for (size_t i = 0; i < sets.size(); ++i) {
    const std::vector<Value>& rules = ItemsOf(sets[i].Find("rules"));
    for (size_t j = 0; j < rules.size(); ++j) {
      const Value& r = rules[j];
      const Value* identifier = r.Find("identifier");
      Value source = Value::Map(r.loc());
      const bool custom = r.Find("customRule") != nullptr || !identifier;
      PutValue(source, "Owner", Value::String(custom ? "CUSTOM_LAMBDA" : "AWS"), r.loc());
      Put(source, "SourceIdentifier", identifier);
      Value props = Value::Map(r.loc());
      Put(props, "ConfigRuleName", r.Find("name"));
      PutValue(props, "Source", std::move(source), r.loc());
      Put(props, "InputParameters", r.Find("inputParameters"));
      b.Add(Indexed(Indexed("awsConfig.ruleSets", i) + ".rules", j), "AWS::Config::ConfigRule",
            r.loc(), std::move(props));
    }
  }
}

void AddMetricFilters(const Value& cloudwatch, LzaBuilder& b) {
  const std::vector<Value>& sets = ItemsOf(cloudwatch.Find("metricSets"));
  for (size_t i = 0; i < sets.size(); ++i) {
    const std::vector<Value>& metrics = ItemsOf(sets[i].Find("metrics"));
    for (size_t j = 0; j < metrics.size(); ++j) {
      const Value& m = metrics[j];
      Value transformation = Value::Map(m.loc());
      Put(transformation, "MetricName", m.Find("metricName"));
      Put(transformation, "MetricNamespace", m.Find("metricNamespace"));
      Put(transformation, "MetricValue", m.Find("metricValue"));
      Put(transformation, "DefaultValue", m.Find("defaultValue"));
      Value list = Value::List(m.loc());
      list.Add(std::move(transformation));
      Value props = Value::Map(m.loc());
      Put(props, "FilterName", m.Find("filterName"));
      Put(props, "LogGroupName", m.Find("logGroupName"));
      Put(props, "FilterPattern", m.Find("filterPattern"));
      PutValue(props, "MetricTransformations", std::move(list), m.loc());
      b.Add(Indexed(Indexed("cloudWatch.metricSets", i) + ".metrics", j), "AWS::Logs::MetricFilter",
            m.loc(), std::move(props));
    }
  }
}

// An alarm's action: the ARN of the global-config topic it names (snsTopicName), or of the
// accelerator's alert-level topic (snsAlertLevel, deprecated).
Value AlarmActions(const Value& a) {
  Value actions = Value::List(a.loc());
  if (const Value* topic = a.Find("snsTopicName"); topic && topic->AsText()) {
    actions.Add(Value::String("arn:aws:sns:*:*:aws-accelerator-" + *topic->AsText(), topic->loc()));
  } else if (const Value* level = a.Find("snsAlertLevel"); level && level->AsText()) {
    actions.Add(Value::String(
        "arn:aws:sns:*:*:aws-accelerator-" + *level->AsText() + "Notifications", level->loc()));
  }
  return actions;
}

void AddAlarms(const Value& cloudwatch, LzaBuilder& b) {
  const std::vector<Value>& sets = ItemsOf(cloudwatch.Find("alarmSets"));
  for (size_t i = 0; i < sets.size(); ++i) {
    const std::vector<Value>& alarms = ItemsOf(sets[i].Find("alarms"));
    for (size_t j = 0; j < alarms.size(); ++j) {
      const Value& a = alarms[j];
      Value props = Value::Map(a.loc());
      static const char* kFields[][2] = {{"alarmName", "AlarmName"},
                                         {"alarmDescription", "AlarmDescription"},
                                         {"metricName", "MetricName"},
                                         {"namespace", "Namespace"},
                                         {"comparisonOperator", "ComparisonOperator"},
                                         {"evaluationPeriods", "EvaluationPeriods"},
                                         {"period", "Period"},
                                         {"statistic", "Statistic"},
                                         {"threshold", "Threshold"},
                                         {"treatMissingData", "TreatMissingData"}};
      for (const auto& f : kFields) Put(props, f[1], a.Find(f[0]));
      PutValue(props, "AlarmActions", AlarmActions(a), a.loc());
      b.Add(Indexed(Indexed("cloudWatch.alarmSets", i) + ".alarms", j), "AWS::CloudWatch::Alarm",
            a.loc(), std::move(props));
    }
  }
}

void AddLogGroups(const Value& cloudwatch, LzaBuilder& b) {
  const std::vector<Value>& groups = ItemsOf(cloudwatch.Find("logGroups"));
  for (size_t i = 0; i < groups.size(); ++i) {
    Value props = Value::Map(groups[i].loc());
    Put(props, "LogGroupName", groups[i].Find("logGroupName"));
    Put(props, "RetentionInDays", groups[i].Find("logRetentionInDays"));
    b.Add(Indexed("cloudWatch.logGroups", i), "AWS::Logs::LogGroup", groups[i].loc(),
          std::move(props));
  }
}

// "CIS AWS Foundations Benchmark v1.4.0" -> the standard's ARN.
std::string StandardArn(const std::string& name) {
  const size_t v = name.rfind(" v");
  const std::string version = v == std::string::npos ? "" : name.substr(v + 2);
  if (name.rfind("CIS AWS Foundations Benchmark", 0) == 0) {
    if (version == "1.2.0")
      return "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0";
    return "arn:aws:securityhub:*::standards/cis-aws-foundations-benchmark/v/" + version;
  }
  if (name.rfind("AWS Foundational Security Best Practices", 0) == 0) {
    return "arn:aws:securityhub:*::standards/aws-foundational-security-best-practices/v/" + version;
  }
  std::string slug;
  for (char c : name)
    slug += (c == ' ') ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "arn:aws:securityhub:*::standards/" + slug;
}

void AddSecurityHub(const Value& root, LzaBuilder& b) {
  const Value* css = root.Find("centralSecurityServices");
  const Value* hub = css ? css->Find("securityHub") : nullptr;
  if (!hub || !IsTrue(hub->Find("enable"))) return;
  const std::vector<Value>& standards = ItemsOf(hub->Find("standards"));
  for (size_t i = 0; i < standards.size(); ++i) {
    const Value& s = standards[i];
    const Value* name = s.Find("name");
    if (!name || !name->AsText() || (s.Find("enable") && !IsTrue(s.Find("enable")))) continue;
    Value props = Value::Map(s.loc());
    PutValue(props, "StandardsArn", Value::String(StandardArn(*name->AsText())), name->loc());
    b.Add(Indexed("centralSecurityServices.securityHub.standards", i), "AWS::SecurityHub::Standard",
          s.loc(), std::move(props));
  }
}

}  // namespace

void NormaliseSecurityConfig(const Value& root, LzaBuilder& b) {
  AddPasswordPolicy(root, b);
  AddConfigRules(root, b);
  if (const Value* cw = root.Find("cloudWatch")) {
    AddMetricFilters(*cw, b);
    AddAlarms(*cw, b);
    AddLogGroups(*cw, b);
  }
  AddSecurityHub(root, b);
}

}  // namespace iaclint
