// CloudFormation templates (YAML or JSON) to canonical resources: intrinsic functions are
// resolved as far as can be known offline, parameters take their defaults ("assumed
// default"), pseudo-parameters stay symbols, and the rest is Unknown with a reason.
#ifndef IACLINT_CFN_TEMPLATE_H_
#define IACLINT_CFN_TEMPLATE_H_

#include <map>
#include <string>
#include <string_view>

#include "model/fragment.h"
#include "model/mappings.h"
#include "parse/limits.h"

namespace iaclint {

/// True when a parsed document is a CloudFormation template: it has AWSTemplateFormatVersion,
/// or a top-level Resources mapping whose entries are resources (at least one with a Type)
/// or Fn::ForEach loops.
bool LooksLikeCfnTemplate(const Value& root);

/// Why a parsed document is not a CloudFormation template ("" when it is one).
std::string WhyNotCfnTemplate(const Value& root);

struct CfnOptions {
  const CfnMappings* mappings = nullptr;
  /// Parameter values that override defaults (CfCT manifest parameters, --parameter).
  std::map<std::string, std::string> parameters;
  /// Most Fn::If alternatives kept for one value before it becomes Unknown.
  size_t max_choices = 64;
  ParseLimits limits;
  /// The template's text, for `# iaclint:ignore` comments (YAML); empty = none are read.
  std::string_view text;
};

/// Adds the template's resources, exports and diagnostics to `out`. `scope` names the
/// template (its reported path); Ref values carry "scope#LogicalId" keys.
void NormaliseCfnTemplate(const Value& root, FileId file, const std::string& scope,
                          const CfnOptions& options, Fragment& out);

}  // namespace iaclint

#endif  // IACLINT_CFN_TEMPLATE_H_
