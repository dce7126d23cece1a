// Follows Terraform references (as plan JSON's configuration and the .tf loader list them)
// to the resource instances they name: module-relative addresses, count/for_each keys,
// input variables up to the calling module and module outputs down into the called one.
#ifndef IACLINT_TERRAFORM_TF_REFS_H_
#define IACLINT_TERRAFORM_TF_REFS_H_

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "terraform/tf_config.h"

namespace iaclint {

class TfRefResolver {
 public:
  explicit TfRefResolver(const TfConfiguration& config);

  /// Indexes into config.instances that `refs`, written in module instance `module_path`,
  /// lead to, in first-seen order. Terraform lists every step of a traversal
  /// ("aws_x.b[0].id", "aws_x.b[0]", "aws_x.b"): the most specific step of each resource wins.
  std::vector<size_t> Resolve(const std::vector<std::string>& refs,
                              const std::string& module_path) const;

  /// The instance key of config.instances[i] ("0", "\"k\"", or "" when unkeyed).
  const std::string& KeyOf(size_t i) const { return keys_[i]; }

 private:
  void ResolveInto(const std::vector<std::string>& refs, const std::string& module_path,
                   size_t depth, std::vector<size_t>& out) const;

  const TfConfiguration& config_;
  std::vector<std::string> keys_;
  /// "module_path|local" -> instances (local: aws_x.b / data.aws_x.b)
  std::unordered_map<std::string, std::vector<size_t>> by_resource_;
  /// "parent|call name" -> module instance paths
  std::unordered_map<std::string, std::vector<std::string>> children_;
  /// module call path without keys -> links
  std::unordered_map<std::string, const TfModuleLinks*> links_;
};

/// Finds the references recorded for an attribute path ("rule.0.status"): the exact path,
/// else the path without list indexes ("rule.status"), else the nearest enclosing path that
/// has references. nullptr when none.
const std::vector<std::string>* FindReferences(
    const std::map<std::string, std::vector<std::string>>& references, const std::string& path);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_REFS_H_
