// The CloudFormation normaliser: intrinsic functions resolved as far as is knowable offline.
#include <gtest/gtest.h>

#include "cfn/template.h"
#include "model/tool_findings.h"
#include "parse/json_reader.h"
#include "parse/yaml_reader.h"

namespace iaclint {
namespace {

struct Loaded {
  Fragment fragment;
  CfnMappings mappings;

  const Resource* Find(const std::string& id) const {
    for (const Resource& r : fragment.resources) {
      if (r.id == id) return &r;
    }
    return nullptr;
  }
  const Value& Prop(const std::string& id, const std::string& prop) const {
    static const Value kMissing = Value::Null();
    const Resource* r = Find(id);
    const Value* v = r ? r->properties.Find(prop) : nullptr;
    return v ? *v : kMissing;
  }
};

Loaded LoadYaml(const std::string& text, CfnMappings mappings = {}) {
  Loaded out;
  out.mappings = std::move(mappings);
  auto doc = ParseYaml(text, 0);
  EXPECT_TRUE(doc.ok()) << doc.error().message;
  if (!doc.ok()) return out;
  CfnOptions options;
  options.mappings = &out.mappings;
  options.max_choices = 8;
  NormaliseCfnTemplate(doc->root, 0, "t.yaml", options, out.fragment);
  return out;
}

const char* kHeader = "AWSTemplateFormatVersion: '2010-09-09'\n";

TEST(CfnResolver, RefToResourceAndGetAttBothForms) {
  auto t = LoadYaml(std::string(kHeader) + R"(
Resources:
  B: {Type: AWS::S3::Bucket}
  L: {Type: AWS::Logs::LogGroup}
  T:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref B
      CloudWatchLogsLogGroupArn: !GetAtt L.Arn
      Other: {"Fn::GetAtt": [L, Arn]}
)");
  const Value& bucket = t.Prop("T", "S3BucketName");
  ASSERT_TRUE(bucket.is(Value::Kind::kRef));
  EXPECT_EQ(bucket.str(), "t.yaml#B");
  EXPECT_EQ(bucket.loc().line, 9u);
  EXPECT_EQ(bucket.loc().column, 21u);
  const Value& lg = t.Prop("T", "CloudWatchLogsLogGroupArn");
  ASSERT_TRUE(lg.is(Value::Kind::kRef));
  EXPECT_EQ(lg.str(), "t.yaml#L");
  EXPECT_EQ(lg.attribute(), "Arn");
  EXPECT_EQ(t.Prop("T", "Other").attribute(), "Arn");
}

TEST(CfnResolver, ParameterDefaultsAreAssumedAndPseudoParametersStaySymbols) {
  auto t = LoadYaml(std::string(kHeader) + R"(
Parameters:
  Len: {Type: Number, Default: 14}
  NoDefault: {Type: String}
Resources:
  P:
    Type: AWS::SNS::Topic
    Properties:
      A: !Ref Len
      B: !Ref NoDefault
      C: !Sub "arn:${AWS::Partition}:s3:::${AWS::AccountId}-logs"
      D: !Ref AWS::NoValue
)");
  const Value& a = t.Prop("P", "A");
  EXPECT_EQ(a.AsNumber(), 14.0);
  EXPECT_TRUE(a.has(Value::kAssumedDefault));
  EXPECT_EQ(a.tag(), "parameter Len");
  const Value& b = t.Prop("P", "B");
  ASSERT_TRUE(b.is(Value::Kind::kUnknown));
  EXPECT_EQ(b.category(), "parameter");
  const Value& c = t.Prop("P", "C");
  EXPECT_EQ(c.str(), "arn:${AWS::Partition}:s3:::${AWS::AccountId}-logs");
  EXPECT_TRUE(c.has(Value::kSymbolic));
  EXPECT_EQ(t.Find("P")->properties.Find("D"), nullptr) << "AWS::NoValue removes the property";
}

TEST(CfnResolver, SubWithVariablesAndResourceReferences) {
  auto t = LoadYaml(std::string(kHeader) + R"(
Resources:
  L: {Type: AWS::Logs::LogGroup}
  T:
    Type: AWS::CloudTrail::Trail
    Properties:
      A: !Sub ["${Prefix}-${AWS::Region}", {Prefix: audit}]
      B: !Sub "arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:${L}:*"
      C: !Sub "${!Literal} stays"
)");
  EXPECT_EQ(t.Prop("T", "A").str(), "audit-${AWS::Region}");
  const Value& b = t.Prop("T", "B");
  EXPECT_TRUE(b.has(Value::kInterpolated));
  EXPECT_EQ(b.str(), "arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:${L}:*");
  ASSERT_EQ(b.items().size(), 1u);
  EXPECT_EQ(b.items()[0].str(), "t.yaml#L");
  EXPECT_EQ(t.Prop("T", "C").str(), "${Literal} stays");
}

TEST(CfnResolver, JoinSelectSplitAndFindInMap) {
  auto t = LoadYaml(std::string(kHeader) + R"(
Mappings:
  Retention:
    us-east-1: {Days: 365}
    eu-west-1: {Days: 365}
  Size:
    us-east-1: {Gb: 1}
    eu-west-1: {Gb: 2}
Resources:
  R:
    Type: AWS::SNS::Topic
    Properties:
      J: !Join ["-", [a, b, !Ref "AWS::Region"]]
      S: !Select [1, !Split [",", "x,y,z"]]
      M: !FindInMap [Retention, us-east-1, Days]
      AnyRegion: !FindInMap [Retention, !Ref "AWS::Region", Days]
      Differs: !FindInMap [Size, !Ref "AWS::Region", Gb]
)");
  EXPECT_EQ(t.Prop("R", "J").str(), "a-b-${AWS::Region}");
  EXPECT_EQ(t.Prop("R", "S").str(), "y");
  EXPECT_EQ(t.Prop("R", "M").AsNumber(), 365.0);
  EXPECT_EQ(t.Prop("R", "AnyRegion").AsNumber(), 365.0) << "every region agrees";
  EXPECT_TRUE(t.Prop("R", "Differs").is(Value::Kind::kUnknown));
}

TEST(CfnResolver, ConditionsUseDefaultsAndUnknownConditionsKeepBothBranches) {
  auto t = LoadYaml(std::string(kHeader) + R"(
Parameters:
  Env: {Type: String, Default: prod}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  InTokyo: !Equals [!Ref "AWS::Region", ap-northeast-1]
  Both: !And [!Condition IsProd, !Condition InTokyo]
Resources:
  R:
    Type: AWS::SNS::Topic
    Condition: NotProd
    Properties: {X: 1}
  T:
    Type: AWS::CloudTrail::Trail
    Condition: InTokyo
    Properties:
      Known: !If [IsProd, yes-prod, no]
      Unknown: !If [InTokyo, true, false]
      Nested: !If [InTokyo, 1, !If [Both, 2, 3]]
)");
  EXPECT_EQ(t.Find("R")->exists.AsBool(), false);
  ASSERT_TRUE(t.Find("T")->exists.is(Value::Kind::kChoice));
  EXPECT_EQ(t.Find("T")->exists.str(), "InTokyo");
  EXPECT_EQ(t.Prop("T", "Known").str(), "yes-prod");
  const Value& u = t.Prop("T", "Unknown");
  ASSERT_TRUE(u.is(Value::Kind::kChoice));
  ASSERT_EQ(u.items().size(), 2u);
  EXPECT_EQ(u.items()[0].boolean(), true);
  EXPECT_EQ(t.Prop("T", "Nested").items().size(), 3u) << "nested choices are flattened";
}

TEST(CfnResolver, TooManyIfCombinationsBecomeUnknown) {
  std::string json = "0";
  for (int i = 0; i < 12; ++i) {
    json = R"({"Fn::If": ["C", )" + std::to_string(i + 1) + ", " + json + "]}";
  }
  auto doc = ParseJson(R"({"Conditions": {"C": {"Fn::Equals": [{"Ref": "AWS::Region"}, "x"]}},
    "Resources": {"R": {"Type": "AWS::SNS::Topic", "Properties": {"V": )" + json + "}}}}", 0);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  Fragment out;
  CfnOptions options;
  options.max_choices = 8;
  NormaliseCfnTemplate(doc->root, 0, "t.json", options, out);
  const Value* v = out.resources[0].properties.Find("V");
  ASSERT_NE(v, nullptr);
  ASSERT_TRUE(v->is(Value::Kind::kUnknown));
  EXPECT_NE(v->str().find("more than 8"), std::string::npos);
}

TEST(CfnResolver, UnresolvedRefIsUnknownAndReportedOnce) {
  auto t = LoadYaml(std::string(kHeader) + R"(
Resources:
  T:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref Missing
      Other: !Ref Missing
)");
  EXPECT_TRUE(t.Prop("T", "S3BucketName").is(Value::Kind::kUnknown));
  ASSERT_EQ(t.fragment.diagnostics.size(), 1u);
  EXPECT_EQ(t.fragment.diagnostics[0].rule_id, kUnresolvedReference);
  EXPECT_EQ(t.fragment.diagnostics[0].loc.line, 7u);
}

TEST(CfnResolver, UnknownTagsAreKeptAsUnknownValues) {
  auto t = LoadYaml(std::string(kHeader) + R"(
Resources:
  T:
    Type: AWS::SNS::Topic
    Properties:
      Name: !CopyValue [x]
)");
  const Value& v = t.Prop("T", "Name");
  ASSERT_TRUE(v.is(Value::Kind::kUnknown));
  EXPECT_EQ(v.category(), "unsupported-tag");
  EXPECT_NE(v.str().find("!CopyValue"), std::string::npos);
}

TEST(CfnResolver, CustomPasswordPolicyPropertiesAreNormalised) {
  CfnMappings m;
  m.types.push_back(CfnTypeMapping{"Custom::*PasswordPolicy*", "AWS::IAM::AccountPasswordPolicy",
                                   "declared (custom resource)", {}, {}});
  m.properties["AWS::IAM::AccountPasswordPolicy"] = {"MinimumPasswordLength", "RequireSymbols"};
  m.json_string_properties = {"EventPattern"};
  auto t = LoadYaml(std::string(kHeader) + R"(
Resources:
  P:
    Type: Custom::IAMPasswordPolicy
    Properties:
      MINIMUM_PASSWORD_LENGTH: 16
      require-symbols: "true"
  E:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: '{"source": ["aws.health"]}'
)", m);
  const Resource* p = t.Find("P");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->type, "AWS::IAM::AccountPasswordPolicy");
  EXPECT_EQ(p->source_type, "Custom::IAMPasswordPolicy");
  EXPECT_EQ(p->evidence, "declared (custom resource)");
  EXPECT_EQ(p->properties.Find("MinimumPasswordLength")->AsNumber(), 16.0);
  EXPECT_EQ(p->properties.Find("RequireSymbols")->AsBool(), true);
  const Value& pattern = t.Prop("E", "EventPattern");
  ASSERT_TRUE(pattern.is(Value::Kind::kMap));
  EXPECT_TRUE(pattern.has(Value::kEmbeddedJson));
  EXPECT_EQ(pattern.Find("source")->items()[0].str(), "aws.health");
}

TEST(CfnResolver, ExportsAreCollectedForImportValue) {
  auto t = LoadYaml(std::string(kHeader) + R"(
Resources:
  B: {Type: AWS::S3::Bucket}
  T:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !ImportValue other-bucket
Outputs:
  Name:
    Value: !Ref B
    Export: {Name: shared-bucket}
  PerStack:
    Value: !Ref B
    Export: {Name: !Sub "${AWS::StackName}-bucket"}
)");
  ASSERT_EQ(t.fragment.exports.count("shared-bucket"), 1u);
  EXPECT_EQ(t.fragment.exports.size(), 1u) << "stack-name exports cannot be matched offline";
  const Value& imported = t.Prop("T", "S3BucketName");
  ASSERT_TRUE(imported.is(Value::Kind::kUnknown));
  EXPECT_EQ(imported.category(), "import:other-bucket");
}

TEST(CfnDetection, RecognisesTemplatesOnly) {
  auto yes = ParseYaml("Resources:\n  A: {Type: AWS::SNS::Topic}\n", 0);
  auto no = ParseYaml("Resources:\n  A: {Kind: Topic}\n", 0);
  auto workflow = ParseYaml("on: push\njobs: {}\n", 0);
  EXPECT_TRUE(LooksLikeCfnTemplate(yes->root));
  EXPECT_FALSE(LooksLikeCfnTemplate(no->root));
  EXPECT_FALSE(LooksLikeCfnTemplate(workflow->root));
}

}  // namespace
}  // namespace iaclint
