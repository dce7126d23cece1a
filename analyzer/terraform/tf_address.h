// Terraform addresses and references as text: module.a["k"].aws_s3_bucket.b[0].arn.
#ifndef IACLINT_TERRAFORM_TF_ADDRESS_H_
#define IACLINT_TERRAFORM_TF_ADDRESS_H_

#include <string>
#include <string_view>
#include <vector>

namespace iaclint {

/// One step of a traversal: a name and, when it was indexed, the text inside the brackets
/// as written (`0`, `"k"`; `*` for a splat).
struct TfStep {
  std::string name;
  std::string key;
  bool keyed = false;
  size_t end = 0;  ///< offset just past this step (and its key) in the text
};

/// Splits a traversal into steps. Quoted keys may hold '.', ']' and escapes. Never fails:
/// malformed text gives the steps that could be read.
std::vector<TfStep> SplitTraversal(std::string_view text);

/// The address without instance keys: module.a["k"].aws_x.b[0] -> module.a.aws_x.b.
std::string StripInstanceKeys(std::string_view address);

/// A resource address split into module path, local part without key, and key.
struct TfAddressParts {
  std::string module_path;  ///< module.a["k"] ("" for the root module)
  std::string local;        ///< aws_x.b or data.aws_x.b
  std::string key;          ///< 0, "k", or "" without count/for_each
  bool keyed = false;
};

/// Parses a resource instance address; module steps are the leading module.NAME pairs.
TfAddressParts ParseResourceAddress(std::string_view address);

/// The module that calls `module_path` ("module.a[0].module.b" -> "module.a[0]").
std::string ParentModulePath(std::string_view module_path);

/// The ancestors of a module instance path, outermost first, the path itself last.
std::vector<std::string> ModulePathPrefixes(std::string_view module_path);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_ADDRESS_H_
