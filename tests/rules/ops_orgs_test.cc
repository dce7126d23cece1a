// The operators of the Organizations controls, on hand-built models.
#include "rules/ops_orgs.h"

#include <gtest/gtest.h>

#include "parse/yaml_reader.h"

namespace iaclint {
namespace {

Predicate Parse(const std::string& yaml) {
  auto doc = ParseYaml(yaml, 0);
  EXPECT_TRUE(doc.ok());
  auto p = ParsePredicate(doc->root);
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
  return p.ok() ? *p : Predicate{};
}

Value Yaml(const std::string& yaml) {
  auto doc = ParseYaml(yaml, 0);
  EXPECT_TRUE(doc.ok());
  return doc.ok() ? doc->root : Value();
}

Resource Make(const std::string& id, const std::string& type, const std::string& props) {
  Resource r;
  r.id = id;
  r.type = type;
  r.properties = Yaml(props);
  return r;
}

struct Fixture {
  Model model;
  std::map<std::string, Value> params;
  Outcome Eval(const std::string& predicate, const std::string& id) {
    const Resource* r = model.Find("", id);
    EvalContext ctx{model, params};
    return Evaluate(Parse(predicate), ResourceSubject(*r), ctx);
  }
};

TEST(OrgsOperators, DeniesRootActions) {
  Fixture f;
  f.model.AddResource(Make("Deny", "AWS::Organizations::Policy", R"(Content:
  Version: "2012-10-17"
  Statement:
    - {Effect: Deny, Action: "*", Resource: "*",
       Condition: {ArnLike: {"aws:PrincipalArn": "arn:aws:iam::*:root"}}})"));
  f.model.AddResource(Make("Allow", "AWS::Organizations::Policy", R"(Content:
  Version: "2012-10-17"
  Statement: [{Effect: Allow, Action: "*", Resource: "*"}])"));
  f.model.AddResource(Make("Empty", "AWS::Organizations::Policy", "Name: x"));
  EXPECT_EQ(f.Eval("{path: Content, denies_root_actions: true}", "Deny").verdict, Verdict::kPass);
  const Outcome allow = f.Eval("{path: Content, denies_root_actions: true}", "Allow");
  EXPECT_EQ(allow.verdict, Verdict::kFail);
  EXPECT_NE(allow.reason.find("no Deny statement applies to the root user"), std::string::npos);
  EXPECT_EQ(f.Eval("{path: Content, denies_root_actions: true}", "Empty").verdict, Verdict::kFail);
  EXPECT_EQ(f.Eval("{path: Content, denies_root_actions: false}", "Allow").verdict, Verdict::kPass);
  EXPECT_EQ(f.Eval("{not: {path: Content, denies_root_actions: true}}", "Deny").verdict,
            Verdict::kFail);
}

TEST(OrgsOperators, ConfigRuleInEitherShape) {
  Fixture f;
  f.model.AddResource(Make("Rule", "AWS::Config::ConfigRule",
                           "Source: {Owner: AWS, SourceIdentifier: ROOT_ACCOUNT_MFA_ENABLED}"));
  f.model.AddResource(
      Make("OrgRule", "AWS::Config::OrganizationConfigRule",
           "OrganizationManagedRuleMetadata: {RuleIdentifier: IAM_PASSWORD_POLICY}"));
  Resource custom = Make("Custom", "AWS::Config::ConfigRule", "Source: {Owner: CUSTOM_LAMBDA}");
  f.model.AddResource(custom);
  EXPECT_EQ(f.Eval("{config_rule_in: [ROOT_ACCOUNT_MFA_ENABLED]}", "Rule").verdict, Verdict::kPass);
  EXPECT_EQ(f.Eval("{config_rule_in: [IAM_PASSWORD_POLICY]}", "OrgRule").verdict, Verdict::kPass);
  EXPECT_EQ(f.Eval("{config_rule_in: [IAM_PASSWORD_POLICY]}", "Rule").verdict, Verdict::kFail);
  EXPECT_EQ(f.Eval("{config_rule_in: [IAM_PASSWORD_POLICY]}", "Custom").verdict, Verdict::kFail);
}

TEST(OrgsOperators, NamesUserFollowsReferences) {
  Fixture f;
  f.model.AddResource(Make("RootUser", "AWS::IAM::User", "UserName: Root"));
  f.model.AddResource(Make("Ci", "AWS::IAM::User", "UserName: ci"));
  Resource by_ref = Make("KeyA", "AWS::IAM::AccessKey", "{}");
  by_ref.properties.Set("UserName", Value::Ref("RootUser", ""));
  f.model.AddResource(by_ref);
  Resource other = Make("KeyB", "AWS::IAM::AccessKey", "{}");
  other.properties.Set("UserName", Value::Ref("Ci", ""));
  f.model.AddResource(other);
  f.model.AddResource(Make("KeyC", "AWS::IAM::AccessKey", "UserName: root"));
  Resource unknown = Make("KeyD", "AWS::IAM::AccessKey", "{}");
  unknown.properties.Set("UserName", Value::Unknown("var.user"));
  f.model.AddResource(unknown);
  EXPECT_EQ(f.Eval("{path: UserName, names_user: root}", "KeyA").verdict, Verdict::kPass);
  EXPECT_EQ(f.Eval("{path: UserName, names_user: root}", "KeyB").verdict, Verdict::kFail);
  EXPECT_EQ(f.Eval("{path: UserName, names_user: root}", "KeyC").verdict, Verdict::kPass);
  EXPECT_EQ(f.Eval("{path: UserName, names_user: root}", "KeyD").verdict, Verdict::kUnknown);
}

TEST(OrgsOperators, EachNamesEveryFailureAndKeepsTheWeakestEvidence) {
  Fixture f;
  f.model.AddResource(
      Make("Contact", "AWS::Account::AlternateContact", "AlternateContactType: BILLING"));
  Resource holder = Make("Holder", "AWS::SNS::Topic", "{}");
  f.model.AddResource(holder);
  const std::string each = R"(each:
  - {path: Missing1, exists: true, explain: first is missing}
  - {path: Missing2, exists: true, explain: second is missing})";
  const Outcome o = f.Eval(each, "Holder");
  EXPECT_EQ(o.verdict, Verdict::kFail);
  EXPECT_EQ(o.reason, "first is missing; second is missing");
  const Outcome levels = f.Eval(R"(each:
  - {any_resource: {type: AWS::Account::AlternateContact}, evidence: declared}
  - {any_resource: {type: AWS::SNS::Topic}, evidence: monitored})",
                                "Holder");
  EXPECT_EQ(levels.verdict, Verdict::kPass);
  EXPECT_EQ(levels.evidence, "monitored");
}

}  // namespace
}  // namespace iaclint
