// Template normalisation cases found in the public corpus (each names the corpus file).
#include "cfn/template.h"

#include <gtest/gtest.h>

#include "parse/yaml_reader.h"

namespace iaclint {
namespace {

Fragment Normalise(const std::string& yaml) {
  auto doc = ParseYaml(yaml, 0);
  EXPECT_TRUE(doc.ok()) << doc.error().message;
  Fragment out;
  out.AddFile(SourceFile{"t.yaml", "t.yaml", "cfn", yaml});
  NormaliseCfnTemplate(doc->root, 0, "t.yaml", CfnOptions{}, out);
  return out;
}

const Resource* Find(const Fragment& f, const std::string& id) {
  for (const Resource& r : f.resources) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

// Corpus: yannickvr/aws-free-tier-stack stack.yml subscribes each address of a
// CommaDelimitedList parameter with Fn::ForEach.
TEST(CfnForEach, ExpandsLoopOverCommaDelimitedListParameter) {
  Fragment f = Normalise(R"(Transform: AWS::LanguageExtensions
Parameters:
  Email: {Type: CommaDelimitedList, Default: "a@example.com, b.c@example.com"}
Resources:
  Topic: {Type: AWS::SNS::Topic}
  Fn::ForEach::Topics:
    - Subscriber
    - !Ref Email
    - "Sub&{Subscriber}":
        Type: AWS::SNS::Subscription
        Properties:
          TopicArn: !Ref Topic
          Endpoint: !Ref Subscriber
          Protocol: !Sub "email-${Subscriber}"
)");
  ASSERT_EQ(f.resources.size(), 3u);
  const Resource* a = Find(f, "Subaexamplecom");
  const Resource* b = Find(f, "Subbcexamplecom");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->type, "AWS::SNS::Subscription");
  EXPECT_EQ(a->properties.Find("Endpoint")->str(), "a@example.com");
  EXPECT_EQ(b->properties.Find("Endpoint")->str(), "b.c@example.com");
  EXPECT_EQ(b->properties.Find("Protocol")->str(), "email-b.c@example.com");
  EXPECT_TRUE(b->properties.Find("TopicArn")->is(Value::Kind::kRef));
  EXPECT_EQ(a->exists.AsBool(), std::optional<bool>(true));
  for (const Finding& d : f.diagnostics) ADD_FAILURE() << d.message;
}

// Corpus: aws-cloudformation-templates fn-foreach-s3-outputs.yaml (nested loops in Outputs,
// GetAtt of an expanded resource).
TEST(CfnForEach, ExpandsNestedLoopsAndResolvesReferencesToExpandedResources) {
  Fragment f = Normalise(R"(Resources:
  Fn::ForEach::Buckets:
    - Identifier
    - [A, B]
    - S3Bucket${Identifier}:
        Type: AWS::S3::Bucket
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref S3BucketB
Outputs:
  Fn::ForEach::BucketOutputs:
    - Identifier
    - [A, B]
    - Fn::ForEach::GetAttLoop:
        - Property
        - [Arn]
        - S3Bucket${Identifier}${Property}:
            Value: !GetAtt [!Sub "S3Bucket${Identifier}", !Ref Property]
            Export: {Name: !Sub "out-${Identifier}"}
)");
  ASSERT_TRUE(Find(f, "S3BucketA") && Find(f, "S3BucketB"));
  const Value* name = Find(f, "Trail")->properties.Find("S3BucketName");
  ASSERT_TRUE(name->is(Value::Kind::kRef)) << name->Render();
  EXPECT_EQ(name->str(), "t.yaml#S3BucketB");
  ASSERT_EQ(f.exports.count("out-A"), 1u);
  EXPECT_EQ(f.exports.at("out-A").str(), "t.yaml#S3BucketA");
  EXPECT_EQ(f.exports.at("out-A").attribute(), "Arn");
  for (const Finding& d : f.diagnostics) ADD_FAILURE() << d.message;
}

TEST(CfnForEach, LoopOverUnknownCollectionMayCreateNothing) {
  Fragment f = Normalise(R"(Parameters:
  Names: {Type: CommaDelimitedList}
Resources:
  Fn::ForEach::Logs:
    - Name
    - !Ref Names
    - Log${Name}:
        Type: AWS::Logs::LogGroup
        Properties: {LogGroupName: !Ref Name}
)");
  ASSERT_EQ(f.resources.size(), 1u);
  const Resource& r = f.resources[0];
  EXPECT_EQ(r.id, "Log${Name}");
  EXPECT_TRUE(r.exists.is(Value::Kind::kChoice));
  EXPECT_TRUE(r.properties.Find("LogGroupName")->is(Value::Kind::kUnknown));
}

TEST(CfnForEach, MalformedLoopIsReported) {
  Fragment f = Normalise("Resources:\n  Fn::ForEach::X: [a, [b]]\n");
  EXPECT_TRUE(f.resources.empty());
  ASSERT_EQ(f.diagnostics.size(), 1u);
  EXPECT_NE(f.diagnostics[0].message.find("needs [identifier"), std::string::npos);
  EXPECT_EQ(f.diagnostics[0].rule_id, "IAC0002");
  EXPECT_EQ(f.diagnostics[0].loc.line, 2u);
}

// Corpus: aws-cloudformation-templates Solutions/*.json declare `Type: {Rain::Module: ...}`.
TEST(CfnResources, EntryThatIsNotAResourceIsSkippedWithANoteNotAParseError) {
  Fragment f = Normalise(
      "Resources:\n  Net:\n    Type: {Rain::Module: vpc.yml}\n  NoType: {Properties: {}}\n"
      "  Topic: {Type: AWS::SNS::Topic}\n");
  ASSERT_EQ(f.resources.size(), 1u);
  ASSERT_EQ(f.diagnostics.size(), 2u);
  EXPECT_EQ(f.diagnostics[0].rule_id, "IAC0002");
  EXPECT_NE(f.diagnostics[0].message.find("Rain module"), std::string::npos);
  EXPECT_EQ(f.diagnostics[0].loc.line, 2u);
  EXPECT_NE(f.diagnostics[1].message.find("'NoType' is not analysed: it has no Type"),
            std::string::npos);
}

TEST(CfnDetection, TemplateWithoutVersionIsDetectedDespiteOneBrokenEntry) {
  auto broken = ParseYaml("Resources:\n  A: {Type: AWS::SNS::Topic}\n  B: {Properties: {}}\n", 0);
  auto loop = ParseYaml("Resources:\n  Fn::ForEach::L: [x, [a], {\"T${x}\": {Type: AWS::SNS::Topic}}]\n", 0);
  ASSERT_TRUE(broken.ok() && loop.ok());
  auto list = ParseYaml("Resources:\n  - Type: AWS::SNS::Topic\n", 0);
  EXPECT_TRUE(LooksLikeCfnTemplate(broken->root));
  EXPECT_TRUE(LooksLikeCfnTemplate(loop->root)) << WhyNotCfnTemplate(loop->root);
  EXPECT_EQ(WhyNotCfnTemplate(list->root), "Resources is not a mapping of resources");
  EXPECT_EQ(WhyNotCfnTemplate(ParseYaml("", 0)->root), "the document is empty");
  EXPECT_EQ(WhyNotCfnTemplate(ParseYaml("just text", 0)->root),
            "the document is a string, not a mapping");
}

// Corpus: sample-aws-cost-anomaly-detective: a required email parameter cannot be empty.
TEST(CfnParameters, UnknownParameterRemembersThatItsConstraintsExcludeTheEmptyString) {
  Fragment f = Normalise(R"(Parameters:
  Pattern: {Type: String, AllowedPattern: '^[a-z]+@[a-z.]+$'}
  Length: {Type: String, MinLength: 3}
  Choice: {Type: String, AllowedValues: [a, b]}
  Count: {Type: Number}
  Free: {Type: String}
  MaybeEmpty: {Type: String, AllowedPattern: '[a-z]*'}
Resources:
  T:
    Type: AWS::SNS::Topic
    Properties:
      A: !Ref Pattern
      B: !Ref Length
      C: !Ref Choice
      D: !Ref Count
      E: !Ref Free
      F: !Ref MaybeEmpty
)");
  const Value& p = f.resources[0].properties;
  for (const char* key : {"A", "B", "C", "D"}) {
    EXPECT_TRUE(p.Find(key)->is(Value::Kind::kUnknown)) << key;
    EXPECT_TRUE(p.Find(key)->has(Value::kNonEmpty)) << key;
  }
  EXPECT_FALSE(p.Find("E")->has(Value::kNonEmpty));
  EXPECT_FALSE(p.Find("F")->has(Value::kNonEmpty));
}

}  // namespace
}  // namespace iaclint
