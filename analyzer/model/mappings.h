// Data tables that map input formats onto the canonical model (rulesets/mappings/*.yaml).
// They are data so that a new registry type or custom resource needs no recompilation.
#ifndef IACLINT_MODEL_MAPPINGS_H_
#define IACLINT_MODEL_MAPPINGS_H_

#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/model.h"

namespace iaclint {

/// A non-native CloudFormation type (registry type, custom resource) that declares state of a
/// canonical type.
struct CfnTypeMapping {
  std::string source_glob;  ///< "Custom::*PasswordPolicy*" (case-insensitive glob)
  std::string canonical;    ///< "AWS::IAM::AccountPasswordPolicy"
  std::string evidence;     ///< "declared (custom resource)"
  std::map<std::string, std::string> rename;  ///< source property -> canonical property
  std::map<std::string, Value> set;           ///< properties the type implies
};

struct CfnMappings {
  std::vector<CfnTypeMapping> types;
  /// Canonical property names per canonical type, for loose name matching.
  std::map<std::string, std::vector<std::string>> properties;
  std::vector<std::string> json_string_properties;

  /// The mapping whose glob matches `type`, or nullptr.
  const CfnTypeMapping* Match(const std::string& type) const;
};

struct Mappings {
  std::map<std::string, TypeInfo> types;
  CfnMappings cfn;
  /// The raw Terraform mapping document (rulesets/mappings/terraform.yaml), if present.
  Value terraform;
};

/// Loads every mapping file of `dir` (a rulesets/mappings directory).
Result<Mappings> LoadMappings(const std::string& dir);

/// Case-insensitive glob match with '*' wildcards.
bool GlobMatch(std::string_view pattern, std::string_view text);

/// Finds the first '{name}'-pattern that matches an ARN and returns the name, or "".
std::string NameFromArn(const TypeInfo& info, std::string_view arn);

}  // namespace iaclint

#endif  // IACLINT_MODEL_MAPPINGS_H_
