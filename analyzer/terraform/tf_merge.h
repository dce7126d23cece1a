// One Terraform configuration, one set of resources: after every input is loaded, a plan and
// the .tf directory it came from are merged (values from the plan, places from the sources),
// and a module directory that another analysed directory calls is not also analysed as a
// configuration of its own.
#ifndef IACLINT_TERRAFORM_TF_MERGE_H_
#define IACLINT_TERRAFORM_TF_MERGE_H_

#include "model/model.h"

namespace iaclint {

/// Rewrites the model's Terraform resources:
///  - a .tf configuration whose files all belong to another analysed .tf configuration (a
///    local module analysed as its own directory) is dropped, with its duplicate diagnostics;
///  - a .tf configuration and a plan are the same configuration when at least half of the
///    .tf resource addresses (instance keys ignored) are in the plan (the plan sharing the
///    most wins). Each plan resource then takes the place of the .tf resource with its
///    address (the block, its attributes' places, its suppressions), and the .tf resources
///    are dropped, so each finding is reported once, at the source line.
void MergeTerraformConfigurations(Model& model);

/// Copies the locations of `from` onto the values of `to` that have none, where the two
/// trees have the same shape (map keys, list indexes).
void CopyLocations(Value& to, const Value& from);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_MERGE_H_
