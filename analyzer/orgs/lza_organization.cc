// organization-config.yaml: service control policies (control 13), read from the policy files
// they name and attached to their deploymentTargets.
#include "orgs/lza_internal.h"

namespace iaclint {

namespace {

// quarantineNewAccounts.scpPolicyName: the SCP LZA attaches to each new account until its
// pipeline has run (so it has no deploymentTargets, and seals nothing for good).
std::string QuarantinePolicy(const Value& root) {
  const Value* q = root.Find("quarantineNewAccounts");
  if (!q || !IsTrue(q->Find("enable"))) return "";
  const Value* name = q->Find("scpPolicyName");
  return name ? name->AsText().value_or("") : "";
}

}  // namespace

void NormaliseOrganizationConfig(const Value& root, LzaBuilder& b) {
  const std::string quarantine = QuarantinePolicy(root);
  const std::vector<Value>& scps = ItemsOf(root.Find("serviceControlPolicies"));
  for (size_t i = 0; i < scps.size(); ++i) {
    const Value& s = scps[i];
    Value props = Value::Map(s.loc());
    Put(props, "Name", s.Find("name"));
    const Value* name = s.Find("name");
    if (!quarantine.empty() && name && name->AsText() == quarantine) {
      PutValue(props, "Quarantine", Value::Bool(true), name->loc());
    }
    Put(props, "Description", s.Find("description"));
    PutValue(props, "Type", Value::String("SERVICE_CONTROL_POLICY"), s.loc());
    const Value* type = s.Find("type");
    const bool aws_managed = type && type->AsText().value_or("") == "awsManaged";
    if (const Value* file = s.Find("policy"); file && !aws_managed) {
      PutValue(props, "Content", b.refs().ReadPolicy(*file), file->loc());
    }
    PutValue(props, "TargetIds", TargetsOf(s.Find("deploymentTargets"), s.loc()), s.loc());
    b.Add(Indexed("serviceControlPolicies", i), "AWS::Organizations::Policy", s.loc(),
          std::move(props));
  }
}

}  // namespace iaclint
