// The "tf" input: a directory of .tf sources, loaded by the tree-sitter loader and mapped onto
// the canonical model by the same mapping layer as plans.
#ifndef IACLINT_TERRAFORM_TF_FORMAT_H_
#define IACLINT_TERRAFORM_TF_FORMAT_H_

#include "input/load.h"
#include "terraform/tf_config.h"
#include "terraform/tf_loader.h"

namespace iaclint {

/// Loads one directory unit (the root module and the modules it calls) into `out`.
void LoadTerraformDir(const Unit& unit, const LoadOptions& options, Fragment& out);

/// The loader's module calls as the mapping layer takes them (the same shape as a plan's
/// configuration.module_calls).
std::vector<TfModuleLinks> ModuleLinksOf(const std::vector<TfModuleCall>& calls);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_FORMAT_H_
