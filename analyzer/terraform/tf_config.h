// What one Terraform configuration delivers to the mapping layer, whichever input it came
// from (plan JSON or .tf sources): resource instances and the module boundaries that
// references cross.
#ifndef IACLINT_TERRAFORM_TF_CONFIG_H_
#define IACLINT_TERRAFORM_TF_CONFIG_H_

#include <map>
#include <string>
#include <vector>

#include "terraform/tf_instance.h"

namespace iaclint {

/// The references that cross one module call, as plan JSON's configuration writes them.
struct TfModuleLinks {
  /// The call's path: module.a.module.b (instance keys, if any, are ignored).
  std::string address;
  /// Input variable -> references, relative to the calling module.
  std::map<std::string, std::vector<std::string>> inputs;
  /// Output -> references, relative to the called module.
  std::map<std::string, std::vector<std::string>> outputs;
};

struct TfConfiguration {
  std::vector<TfResourceInstance> instances;
  std::vector<TfModuleLinks> modules;
};

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_CONFIG_H_
