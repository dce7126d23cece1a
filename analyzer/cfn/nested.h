// Nested stacks: an AWS::CloudFormation::Stack whose TemplateURL is a local path (as
// `aws cloudformation package` and SAM take it) names a template that belongs to the same
// account. It is analysed too, once, when it lies inside the analysed tree; a TemplateURL that
// leaves the tree is refused with a finding and never read.
#ifndef IACLINT_CFN_NESTED_H_
#define IACLINT_CFN_NESTED_H_

#include <cstddef>

#include "input/walk.h"
#include "model/fragment.h"

namespace iaclint {

/// Looks at the resources out.resources[first...] that `entry` declared: for each nested stack
/// with a literal local TemplateURL, adds a FollowUp (inside entry.root) or a refusal finding.
/// Remote URLs (https://, s3://) and values known only at deployment are left alone.
void FollowNestedStacks(const WalkEntry& entry, size_t first, Fragment& out);

}  // namespace iaclint

#endif  // IACLINT_CFN_NESTED_H_
