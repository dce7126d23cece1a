// Terraform resources as both Terraform inputs deliver them (plan JSON and .tf sources),
// before they are mapped onto the canonical model by rulesets/mappings/terraform.yaml.
#ifndef IACLINT_TERRAFORM_TF_INSTANCE_H_
#define IACLINT_TERRAFORM_TF_INSTANCE_H_

#include <map>
#include <string>
#include <vector>

#include "base/location.h"
#include "model/value.h"

namespace iaclint {

struct TfResourceInstance {
  std::string address;      ///< module.a.aws_s3_bucket.b["x"] (full, with instance key)
  std::string module_path;  ///< module.a (root module: "")
  std::string mode;         ///< "managed" or "data"
  std::string type;         ///< aws_s3_bucket
  std::string name;         ///< b
  /// Attribute values: nested blocks are lists of maps; a value that cannot be known offline
  /// (after_unknown, an unset variable, a function iaclint does not evaluate) is
  /// Value::Unknown with the reason.
  Value attributes = Value::Map();
  /// Attribute path ("bucket", "rule.0.filter.prefix") -> addresses it references, relative to
  /// the resource's module, as Terraform writes them ("aws_s3_bucket.logs", "var.name",
  /// "module.trail.bucket_id", "data.aws_iam_policy_document.x").
  std::map<std::string, std::vector<std::string>> references;
  Location loc;  ///< the resource block (`.tf`) or the resource's entry in the plan
  /// The instance key: Null (no count/for_each), Number (count) or String (for_each).
  Value index;
  /// Bool(true), or Unknown with the reason when count/for_each cannot be known offline (the
  /// instance then stands for "zero or more", with its address unkeyed).
  Value exists = Value::Bool(true);
};

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_INSTANCE_H_
