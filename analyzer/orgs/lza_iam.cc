// iam-config.yaml: groups, users and policies (control 12), IAM Identity Center permission
// sets and assignments (the alternative control 12 accepts).
#include <map>
#include <set>

#include "orgs/lza_internal.h"

namespace iaclint {

namespace {

// LZA names AWS managed policies either by name (AdministratorAccess,
// service-role/AWSBackupServiceRolePolicyForBackup) or by full ARN.
Value AwsManagedArn(const Value& name) {
  const std::string text = name.AsText().value_or("");
  if (text.rfind("arn:", 0) == 0 || name.is(Value::Kind::kUnknown)) return name;
  return Value::String("arn:aws:iam::aws:policy/" + text, name.loc());
}

Value PolicyArns(const Value* policies, const Location& at) {
  Value arns = Value::List(at);
  if (!policies) return arns;
  for (const Value& p : ItemsOf(policies->Find("awsManaged"))) arns.Add(AwsManagedArn(p));
  for (const Value& p : ItemsOf(policies->Find("customerManaged"))) {
    if (auto t = p.AsText()) arns.Add(Value::String("arn:aws:iam::*:policy/" + *t, p.loc()));
  }
  return arns;
}

// Customer managed policy name -> the groups that attach it.
std::map<std::string, std::vector<Value>> GroupsByPolicy(const Value& root) {
  std::map<std::string, std::vector<Value>> out;
  for (const Value& set : ItemsOf(root.Find("groupSets"))) {
    for (const Value& g : ItemsOf(set.Find("groups"))) {
      const Value* name = g.Find("name");
      const Value* policies = g.Find("policies");
      if (!name || !policies) continue;
      for (const Value& p : ItemsOf(policies->Find("customerManaged"))) {
        if (auto t = p.AsText()) out[*t].push_back(*name);
      }
    }
  }
  return out;
}

void AddPolicies(const Value& root, LzaBuilder& b) {
  const auto groups = GroupsByPolicy(root);
  const std::vector<Value>& sets = ItemsOf(root.Find("policySets"));
  for (size_t i = 0; i < sets.size(); ++i) {
    const std::vector<Value>& policies = ItemsOf(sets[i].Find("policies"));
    for (size_t j = 0; j < policies.size(); ++j) {
      const Value& p = policies[j];
      Value props = Value::Map(p.loc());
      const Value* name = p.Find("name");
      Put(props, "ManagedPolicyName", name);
      if (const Value* file = p.Find("policy")) {
        PutValue(props, "PolicyDocument", b.refs().ReadPolicy(*file), file->loc());
      }
      auto attached = groups.find(name ? name->AsText().value_or("") : "");
      if (attached != groups.end()) {
        Value list = Value::List(p.loc());
        for (const Value& g : attached->second) list.Add(g);
        PutValue(props, "Groups", std::move(list), p.loc());
      }
      b.Add(Indexed(Indexed("policySets", i) + ".policies", j), "AWS::IAM::ManagedPolicy", p.loc(),
            std::move(props));
    }
  }
}

void AddGroups(const Value& root, LzaBuilder& b) {
  const std::vector<Value>& sets = ItemsOf(root.Find("groupSets"));
  for (size_t i = 0; i < sets.size(); ++i) {
    const std::vector<Value>& groups = ItemsOf(sets[i].Find("groups"));
    for (size_t j = 0; j < groups.size(); ++j) {
      const Value& g = groups[j];
      Value props = Value::Map(g.loc());
      Put(props, "GroupName", g.Find("name"));
      PutValue(props, "ManagedPolicyArns", PolicyArns(g.Find("policies"), g.loc()), g.loc());
      b.Add(Indexed(Indexed("groupSets", i) + ".groups", j), "AWS::IAM::Group", g.loc(),
            std::move(props));
    }
  }
}

void AddUsers(const Value& root, LzaBuilder& b) {
  const std::vector<Value>& sets = ItemsOf(root.Find("userSets"));
  for (size_t i = 0; i < sets.size(); ++i) {
    const std::vector<Value>& users = ItemsOf(sets[i].Find("users"));
    for (size_t j = 0; j < users.size(); ++j) {
      const Value& u = users[j];
      Value props = Value::Map(u.loc());
      Put(props, "UserName", u.Find("username"));
      if (const Value* group = u.Find("group")) {
        Value list = Value::List(group->loc());
        list.Add(*group);
        PutValue(props, "Groups", std::move(list), group->loc());
      }
      b.Add(Indexed(Indexed("userSets", i) + ".users", j), "AWS::IAM::User", u.loc(),
            std::move(props));
    }
  }
}

void AddIdentityCenter(const Value& root, LzaBuilder& b) {
  const Value* ic = root.Find("identityCenter");
  if (!ic) return;
  const std::vector<Value>& sets = ItemsOf(ic->Find("identityCenterPermissionSets"));
  for (size_t i = 0; i < sets.size(); ++i) {
    Value props = Value::Map(sets[i].loc());
    Put(props, "Name", sets[i].Find("name"));
    const Value* policies = sets[i].Find("policies");
    Value arns = Value::List(sets[i].loc());
    for (const Value& p : ItemsOf(policies ? policies->Find("awsManaged") : nullptr)) {
      arns.Add(AwsManagedArn(p));
    }
    PutValue(props, "ManagedPolicies", std::move(arns), sets[i].loc());
    b.Add(Indexed("identityCenter.identityCenterPermissionSets", i), "AWS::SSO::PermissionSet",
          sets[i].loc(), std::move(props));
  }
  const std::vector<Value>& assignments = ItemsOf(ic->Find("identityCenterAssignments"));
  for (size_t i = 0; i < assignments.size(); ++i) {
    Value props = Value::Map(assignments[i].loc());
    Put(props, "PermissionSetArn", assignments[i].Find("permissionSetName"));
    Put(props, "Principals", assignments[i].Find("principals"));
    PutValue(props, "Targets",
             TargetsOf(assignments[i].Find("deploymentTargets"), assignments[i].loc()),
             assignments[i].loc());
    b.Add(Indexed("identityCenter.identityCenterAssignments", i), "AWS::SSO::Assignment",
          assignments[i].loc(), std::move(props));
  }
}

}  // namespace

void NormaliseIamConfig(const Value& root, LzaBuilder& b) {
  AddPolicies(root, b);
  AddGroups(root, b);
  AddUsers(root, b);
  AddIdentityCenter(root, b);
}

}  // namespace iaclint
