// The one mapping layer from Terraform resource instances (plan JSON or .tf sources) to
// canonical resources, driven by rulesets/mappings/terraform.yaml: type and attribute names,
// value transforms, defaults, links from configuration references, and "attach" rules for
// resources that CloudFormation models as properties of another resource.
#ifndef IACLINT_TERRAFORM_MAPPING_H_
#define IACLINT_TERRAFORM_MAPPING_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/fragment.h"
#include "model/mappings.h"
#include "parse/limits.h"
#include "terraform/plan_reader.h"
#include "terraform/tf_config.h"

namespace iaclint {

struct TfPropertySpec {
  std::string source;  ///< Terraform attribute (or block field) name
  std::string to;      ///< canonical path, dotted; "" merges a single block into its parent
  std::optional<Value> default_value;
  std::vector<Value> absent;  ///< values that mean "not set"
  std::vector<std::pair<std::string, Value>> values;
  bool skip_unmapped = false;
  bool json = false;
  std::vector<std::string> link;  ///< canonical types the attribute refers to
  bool list = false;
  bool has_each = false;
  std::vector<TfPropertySpec> each;
  bool single = false;
  std::optional<Value> items;
  bool append = false;
  bool keep_empty = false;  ///< "" is a value, not "not set" (a filter pattern)
};

struct TfAttachSpec {
  std::vector<std::string> to;  ///< canonical types of the target
  std::string by;               ///< the attribute that names the target
  std::string element;          ///< append as one map to this list ("" = merge)
  bool optional = false;
  std::vector<TfPropertySpec> properties;
};

struct TfTypeSpec {
  std::string canonical;  ///< "" when the resource only attaches
  std::vector<TfPropertySpec> properties;
  std::vector<TfAttachSpec> attach;
};

struct TfMapping {
  std::map<std::string, TfTypeSpec> types;
  /// What the plan reader keeps of each type: the attributes some spec reads.
  std::map<std::string, TfKeep, std::less<>> keep;
};

/// Parses rulesets/mappings/terraform.yaml (the document as loaded in Mappings::terraform).
/// Errors name the place in the file. Parsing takes microseconds, so each configuration
/// parses it again rather than sharing state between threads.
Result<TfMapping> ParseTfMapping(const Value& doc);

struct TfMapContext {
  const TfMapping& mapping;
  /// Names and ARN patterns of canonical types (rulesets/mappings/types.yaml), to match
  /// literal names of attach targets and link targets.
  const std::map<std::string, TypeInfo>* types = nullptr;
  /// Names the configuration: the plan file or the .tf root directory. Resource keys are
  /// scope#address, unique per configuration.
  std::string scope;
  /// Where diagnostics without a better place go.
  FileId file = kNoFile;
  ParseLimits limits;
};

/// Maps one configuration's instances onto canonical resources in `out` (in instance
/// order), with IAC0001 for JSON strings that do not parse and IAC0006 for attachments
/// whose target is not in the configuration.
void MapTerraform(TfConfiguration config, const TfMapContext& ctx, Fragment& out);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_MAPPING_H_
