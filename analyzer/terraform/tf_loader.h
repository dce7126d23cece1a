// Loads a directory of Terraform sources (a root module and the local modules it calls) and
// evaluates it offline into resource instances.
#ifndef IACLINT_TERRAFORM_TF_LOADER_H_
#define IACLINT_TERRAFORM_TF_LOADER_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "model/model.h"
#include "terraform/hcl_parser.h"
#include "terraform/tf_instance.h"

namespace iaclint {

struct TfLoadOptions {
  /// Paths taken from the inputs (module sources, var files, modules.json entries) must
  /// resolve inside this directory, symlinks followed; empty means the module directory.
  std::string root;
  /// --var-file values, relative to the module directory, applied after terraform.tfvars
  /// and *.auto.tfvars (later files win).
  std::vector<std::string> var_files;
  /// -var name=value pairs (strings), applied last.
  std::map<std::string, std::string> vars;
  HclParseOptions parse;
  size_t max_module_depth = 16;
};

/// One instance of a module call.
struct TfModuleCall {
  std::string address;      ///< module.a["k"] (full path)
  std::string module_path;  ///< the calling module ("" for the root)
  std::string name;
  std::string source;
  std::string dir;  ///< as reported; empty when the module was not inspected
  /// Input name -> references, relative to the calling module (as plan JSON's module_calls).
  std::map<std::string, std::vector<std::string>> references;
  /// Output name -> references inside the module, so links can be followed across it.
  std::map<std::string, std::vector<std::string>> output_references;
  Location loc;
};

struct TfLoadResult {
  std::vector<TfResourceInstance> instances;  ///< in declaration order, modules after
  std::vector<TfModuleCall> modules;
  /// Files that could not be analysed: syntax errors (at their place), unreadable files,
  /// paths refused because they leave the root.
  std::vector<Error> errors;
  /// What was skipped on purpose: modules not inspected, duplicate declarations, ...
  std::vector<Error> notes;
  /// Module calls whose code was not read (registry sources, paths outside the root, missing
  /// directories), at the call: what they declare is unknown.
  std::vector<std::pair<std::string, Error>> unread;  ///< (call name, what and where)
};

/// Reads every *.tf of `dir` (sorted), terraform.tfvars, *.auto.tfvars(.json) and the option
/// var files, registers each file in `model` (type "tf"), follows local modules and those
/// listed in .terraform/modules/modules.json, and evaluates what is known offline. Never
/// throws; a file that fails to parse is reported and the rest is still analysed.
TfLoadResult LoadTerraformModule(const std::string& dir, const TfLoadOptions& options,
                                 Model& model);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_LOADER_H_
