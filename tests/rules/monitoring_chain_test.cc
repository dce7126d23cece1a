// The control 09 chain (trail -> log group -> filter -> metric -> alarm -> action), the
// EventBridge envelope and the place of FilterPattern errors, on CloudFormation templates run
// through the pipeline. The rules' fixtures (fixtures/rules/IAC09xx) test the messages; these
// tests pin the links the fixtures do not show one by one.
#include "rules/monitoring_chain.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli/pipeline.h"
#include "parse/yaml_reader.h"
#include "rules/monitoring_coverage.h"
#include "rules/monitoring_ops.h"

namespace iaclint {
namespace {

namespace fs = std::filesystem;

// Files of one account scope in a fresh directory, analysed together.
class Scope {
 public:
  explicit Scope(const std::string& name)
      : dir_(fs::temp_directory_path() /
             ("iaclint-chain-" + name + "-" + std::to_string(getpid()))) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~Scope() { fs::remove_all(dir_); }

  Scope& File(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return *this;
  }

  const CheckRun& Run() {
    CheckOptions options;
    options.paths = {dir_.string()};
    options.jobs = 1;
    options.no_config_search = true;
    auto run = RunCheck(options);
    EXPECT_TRUE(run.ok()) << (run.ok() ? "" : run.error().message);
    run_ = std::move(*run);
    return *run_;
  }

  std::shared_ptr<const MonitoringChain> Chain() {
    const CheckRun& run = Run();
    static const std::map<std::string, Value> kNoParams;
    EvalContext ctx{run.model, kNoParams};
    return std::make_shared<const MonitoringChain>(BuildMonitoringChain(ctx));
  }

  std::vector<std::string> Findings(const std::string& rule) const {
    std::vector<std::string> out;
    for (const Finding& f : run_->report.findings) {
      if (f.rule_id == rule) out.push_back(f.message);
    }
    return out;
  }

 private:
  fs::path dir_;
  std::unique_ptr<CheckRun> run_;
};

const FilterInfo& FilterNamed(const MonitoringChain& chain, const std::string& id) {
  for (const FilterInfo& f : chain.filters) {
    if (f.filter->id == id) return f;
  }
  static const FilterInfo kMissing;
  ADD_FAILURE() << "no filter " << id;
  return kMissing;
}

const char* kTrail = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      IsMultiRegionTrail: true
      S3BucketName: trail-bucket
      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:audit/trail:*
      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-to-logs
)";

std::string Filter(const std::string& id, const std::string& log_group, const std::string& ns,
                   const std::string& name) {
  return "  " + id +
         ":\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      LogGroupName: " + log_group +
         "\n      FilterPattern: '{ $.eventName = CreateAccessKey }'\n" +
         "      MetricTransformations:\n        - {MetricNamespace: " + ns +
         ", MetricName: " + name + ", MetricValue: '1'}\n";
}

std::string Alarm(
    const std::string& id, const std::string& ns, const std::string& name,
    const std::string& extra = "      AlarmActions: [arn:aws:sns:us-east-1:111122223333:x]\n") {
  return "  " + id +
         ":\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: " + ns +
         "\n      MetricName: " + name + "\n" + extra;
}

TEST(MonitoringChain, LiteralLogGroupNameMatchesTheTrailsArn) {
  Scope s("literal");
  s.File("trail.yaml", kTrail)
      .File("mon.yaml", "Resources:\n" + Filter("Keys", "audit/trail", "CIS", "Keys") +
                            Filter("Other", "app/logs", "CIS", "Other") +
                            Alarm("KeysAlarm", "CIS", "Keys"));
  auto chain = s.Chain();
  EXPECT_EQ(FilterNamed(*chain, "Keys").on_trail.state, Tri::kYes);
  EXPECT_EQ(FilterNamed(*chain, "Keys").chain.state, Tri::kYes);
  const FilterInfo& other = FilterNamed(*chain, "Other");
  EXPECT_EQ(other.on_trail.state, Tri::kNo);
  EXPECT_EQ(other.on_trail.reason,
            "it is on log group 'app/logs', not on the log group of trail 'Trail' ('audit/trail')");
}

// A plan of many accounts repeats one set of alarms per account: the filters that publish one
// metric share one list of watching alarms and one parsed pattern, so that linking stays
// linear (one list per metric, not one per filter).
TEST(MonitoringChain, FiltersOfOneMetricShareTheirAlarmsAndPattern) {
  Scope s("shared");
  std::string mon = "Resources:\n";
  for (int i = 0; i < 6; ++i) {
    const std::string n = std::to_string(i);
    mon += Filter("Keys" + n, i < 5 ? "audit/trail" : "app/logs", "CIS", "Keys") +
           Alarm("KeysAlarm" + n, "CIS", "Keys");
  }
  mon += Filter("Other", "audit/trail", "CIS", "Other");
  s.File("trail.yaml", kTrail).File("mon.yaml", mon);
  auto chain = s.Chain();
  const FilterInfo& first = FilterNamed(*chain, "Keys0");
  ASSERT_TRUE(first.alarms);
  EXPECT_EQ(first.alarms->size(), 6u);
  for (int i = 1; i < 6; ++i) {
    const FilterInfo& f = FilterNamed(*chain, "Keys" + std::to_string(i));
    EXPECT_EQ(f.alarms.get(), first.alarms.get()) << i;
    EXPECT_EQ(f.pattern.get(), first.pattern.get()) << i;
  }
  EXPECT_TRUE(FilterNamed(*chain, "Other").alarms->empty());
  // Each alarm's first watching filter is Keys0, which is on the trail's log group.
  ASSERT_EQ(chain->watchers.size(), chain->alarms.size());
  for (size_t a = 0; a < chain->alarms.size(); ++a) {
    const AlarmWatchers& w = chain->watchers[a];
    ASSERT_NE(w.first, AlarmWatchers::kNone);
    EXPECT_EQ(chain->filters[w.first].filter->id, "Keys0");
    EXPECT_EQ(w.first_on_trail, w.first);
    EXPECT_EQ(w.first_maybe_on_trail, AlarmWatchers::kNone);
  }
  EXPECT_EQ(FilterNamed(*chain, "Keys5").on_trail.state, Tri::kNo);
}

TEST(MonitoringChain, AGeneratedLogGroupNameNeverEqualsALiteral) {
  Scope s("generated");
  s.File("t.yaml", R"(Resources:
  Logs: {Type: AWS::Logs::LogGroup}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties: {IsLogging: true, IsMultiRegionTrail: true, S3BucketName: b,
                 CloudWatchLogsLogGroupArn: !GetAtt Logs.Arn, CloudWatchLogsRoleArn: r}
)" + Filter("ByName", "Logs", "CIS", "Keys") +
                       Filter("ByRef", "!Ref Logs", "CIS", "Keys2"));
  auto chain = s.Chain();
  EXPECT_EQ(FilterNamed(*chain, "ByName").on_trail.state, Tri::kNo);
  EXPECT_EQ(FilterNamed(*chain, "ByRef").on_trail.state, Tri::kYes);
}

TEST(MonitoringChain, StackNameNamespacesOnlyMatchInOneTemplate) {
  Scope s("stackname");
  s.File("trail.yaml", kTrail)
      .File("a.yaml", "Resources:\n" +
                          Filter("Same", "audit/trail", "!Ref AWS::StackName", "Keys") +
                          Alarm("SameAlarm", "!Ref AWS::StackName", "Keys") +
                          Filter("Split", "audit/trail", "!Ref AWS::StackName", "Split"))
      .File("b.yaml", "Resources:\n" + Alarm("SplitAlarm", "!Ref AWS::StackName", "Split"));
  auto chain = s.Chain();
  EXPECT_EQ(FilterNamed(*chain, "Same").alarmed.state, Tri::kYes);
  const FilterInfo& split = FilterNamed(*chain, "Split");
  EXPECT_EQ(split.alarmed.state, Tri::kUnknown);
  EXPECT_NE(split.alarmed.reason.find("depends on the stack names"), std::string::npos)
      << split.alarmed.reason;
}

TEST(MonitoringChain, ActionsFromACompositeAlarmAConditionAndSubscriptions) {
  Scope s("actions");
  s.File("trail.yaml", kTrail)
      .File("mon.yaml",
            R"(Parameters:
  Notify: {Type: String}
Conditions:
  WithNotify: !Equals [!Ref Notify, "yes"]
Resources:
  Topic: {Type: AWS::SNS::Topic}
  Sub:
    Type: AWS::SNS::Subscription
    Properties: {TopicArn: !Ref Topic, Protocol: email, Endpoint: a@example.com}
  Composite:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmRule: !Sub 'ALARM("${ViaCompositeAlarm}")'
      AlarmActions: [!Ref Topic]
)" + Filter("ViaComposite", "audit/trail", "CIS", "A") +
                Alarm("ViaCompositeAlarm", "CIS", "A", "") +
                Filter("Maybe", "audit/trail", "CIS", "B") +
                Alarm("MaybeAlarm", "CIS", "B",
                      "      AlarmActions: !If [WithNotify, [!Ref Topic], []]\n") +
                Filter("Subscribed", "audit/trail", "CIS", "C") +
                Alarm("SubscribedAlarm", "CIS", "C", "      AlarmActions: [!Ref Topic]\n"));
  auto chain = s.Chain();
  const FilterInfo& composite = FilterNamed(*chain, "ViaComposite");
  EXPECT_EQ(composite.alarmed.state, Tri::kYes);
  EXPECT_EQ(composite.via,
            "alarm 'ViaCompositeAlarm' notifies composite alarm 'Composite', which notifies topic "
            "'Topic' with 1 subscription");
  EXPECT_EQ(FilterNamed(*chain, "Maybe").alarmed.state, Tri::kUnknown);
  EXPECT_EQ(FilterNamed(*chain, "Subscribed").via,
            "alarm 'SubscribedAlarm' notifies topic 'Topic' with 1 subscription");
}

TEST(MonitoringChain, EventBridgeRulesOnACustomBusOrWithoutTargetDoNotCount) {
  Scope s("events");
  s.File("trail.yaml", kTrail).File("rules.yaml", R"(Resources:
  Bus: {Type: AWS::Events::EventBus, Properties: {Name: apps}}
  OnCustomBus:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Ref Bus
      EventPattern: {detail: {eventName: [CreateAccessKey]}}
      Targets: [{Id: t, Arn: arn:aws:sns:us-east-1:111122223333:x}]
  OnDefaultBus:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: default
      EventPattern: {detail: {eventName: [CreateAccessKey]}}
      Targets: [{Id: t, Arn: arn:aws:sns:us-east-1:111122223333:x}]
)");
  auto chain = s.Chain();
  ASSERT_EQ(chain->rules.size(), 2u);
  EXPECT_EQ(chain->rules[0].chain.state, Tri::kNo);
  EXPECT_NE(chain->rules[0].chain.reason.find("which CloudTrail events do not reach"),
            std::string::npos);
  EXPECT_EQ(chain->rules[1].chain.state, Tri::kYes);
  EXPECT_TRUE(s.Findings("IAC0911").empty()) << s.Findings("IAC0911").front();
}

TEST(MonitoringChain, NothingDeclaredGivesOneFindingForTheMissingTrail) {
  Scope s("nothing");
  s.File("t.yaml", "Resources:\n  Topic: {Type: AWS::SNS::Topic}\n");
  const CheckRun& run = s.Run();
  size_t monitoring = 0;
  for (const Finding& f : run.report.findings) monitoring += f.control == "09";
  EXPECT_EQ(monitoring, 0u);
  EXPECT_EQ(s.Findings("IAC0801").size(), 1u);
  for (const ControlRow& row : run.report.controls) {
    if (row.id != "09") continue;
    EXPECT_EQ(row.status, "UNKNOWN");
    EXPECT_EQ(row.detail, "IAC0901: not evaluated: IAC0801 did not pass");
    EXPECT_TRUE(row.notes.empty());
  }
}

TEST(MonitoringChain, ScorecardTalliesAndExplainsEveryItem) {
  Scope s("tally");
  s.File("trail.yaml", kTrail)
      .File("mon.yaml", "Resources:\n" + Filter("Keys", "audit/trail", "CIS", "Keys") +
                            Alarm("KeysAlarm", "CIS", "Keys"));
  const CheckRun& run = s.Run();
  const ControlRow* row = nullptr;
  for (const ControlRow& r : run.report.controls) row = r.id == "09" ? &r : row;
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->tally, "1 of 20 monitoring items covered");
  // The covered item is explained in the row; the others by their findings.
  ASSERT_EQ(row->notes.size(), 1u);
  EXPECT_EQ(row->notes[0],
            "IAC0911  PASS     covers access key creation with filter 'Keys'; alarm 'KeysAlarm' "
            "notifies 'arn:aws:sns:us-east-1:111122223333:x'");
  ASSERT_EQ(s.Findings("IAC0910").size(), 1u);
  EXPECT_EQ(s.Findings("IAC0910")[0],
            "misses IAM user creation because no filter matches a CreateUser call or a "
            "CreateLoginProfile call");
}

TEST(MonitoringEnvelope, CloudTrailRecordsAsEventBridgeDeliversThem) {
  auto doc = ParseYaml(R"({eventSource: signin.amazonaws.com, eventName: ConsoleLogin,
    eventType: AwsConsoleSignIn, awsRegion: us-east-1, recipientAccountId: "111122223333",
    eventTime: "2025-03-03T01:01:07Z", eventID: e1})",
                       0);
  ASSERT_TRUE(doc.ok());
  const Value e = EventBridgeEnvelope(doc->root);
  EXPECT_EQ(e.Find("source")->str(), "aws.signin");
  EXPECT_EQ(e.Find("detail-type")->str(), "AWS Console Sign In via CloudTrail");
  EXPECT_EQ(e.Find("account")->str(), "111122223333");
  EXPECT_EQ(e.Find("region")->str(), "us-east-1");
  EXPECT_EQ(e.Find("detail")->Find("eventName")->str(), "ConsoleLogin");
  auto api = ParseYaml("{eventSource: ec2.amazonaws.com, eventType: AwsApiCall}", 0);
  const Value a = EventBridgeEnvelope(api->root);
  EXPECT_EQ(a.Find("source")->str(), "aws.ec2");
  EXPECT_EQ(a.Find("detail-type")->str(), "AWS API Call via CloudTrail");
}

// The error's place in the file, whatever quoting the pattern is written with.
Location ErrorPlace(const std::string& file_text, uint32_t line, uint32_t column,
                    const std::string& pattern) {
  Model model;
  const FileId id = model.AddFile(SourceFile{"t.yaml", "", "cfn", file_text});
  Value v = Value::String(pattern, Location{id, line, column, 0, 0});
  auto parsed = ParseFilterPattern(pattern);
  EXPECT_FALSE(parsed.ok());
  if (parsed.ok()) return {};
  return PatternErrorLocation(model, v, pattern, parsed.error().where.line,
                              parsed.error().where.column);
}

TEST(PatternErrorLocation, FollowsQuotesEscapesAndFolding) {
  // Plain scalar: the error ('==') is at offset 14 of the pattern, which starts in column 4.
  Location l = ErrorPlace("P: { $.eventName == x }\n", 1, 4, "{ $.eventName == x }");
  EXPECT_EQ(l.line, 1u);
  EXPECT_EQ(l.column, 4u + 14);
  // Single quotes (offset 19, after the opening quote and two doubled quotes).
  l = ErrorPlace("P: '{ $.a = ''b'' && $.c == d }'\n", 1, 4, "{ $.a = 'b' && $.c == d }");
  EXPECT_EQ(l.column, 4u + 1 + 19 + 2);
  // JSON double quotes (offset 19, after the opening quote and two backslashes).
  l = ErrorPlace("{\"P\": \"{ $.a = \\\"b\\\" && $.c == d }\"}", 1, 7,
                 "{ $.a = \"b\" && $.c == d }");
  EXPECT_EQ(l.column, 7u + 1 + 19 + 2);
  // A folded block: the error is on the block's second line.
  l = ErrorPlace("P: >-\n  { $.a = b &&\n  $.c == d }\n", 1, 4, "{ $.a = b && $.c == d }");
  EXPECT_EQ(l.line, 3u);
  EXPECT_EQ(l.column, 7u);
  // Source that does not line up with the text: the value's own place.
  l = ErrorPlace("P: !Sub '${X}'\n", 1, 4, "{ $.a == b }");
  EXPECT_EQ(l.line, 1u);
  EXPECT_EQ(l.column, 4u);
}

}  // namespace
}  // namespace iaclint
