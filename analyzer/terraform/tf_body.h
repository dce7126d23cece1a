// Evaluation of block bodies (resource, data and nested blocks) into attribute maps, with
// dynamic blocks expanded when their for_each is known, and the repetition keys of
// count/for_each.
#ifndef IACLINT_TERRAFORM_TF_BODY_H_
#define IACLINT_TERRAFORM_TF_BODY_H_

#include <map>
#include <string>
#include <vector>

#include "terraform/hcl_ast.h"
#include "terraform/tf_eval.h"

namespace iaclint {

using TfReferences = std::map<std::string, std::vector<std::string>>;

/// The attributes of `body` as a map; nested blocks become lists of maps under their type.
/// Meta-arguments (count, for_each, provider, depends_on, lifecycle, provisioner,
/// connection) are left out at the top level. When `refs` is set, the references of every
/// attribute are recorded under its path ("rule.0.filter.prefix"); expressions inside dynamic
/// blocks are not, as in Terraform's plan JSON.
Value EvaluateBody(const HclBody& body, TfEvaluator& ev, const Location& loc, bool top,
                   TfReferences* refs, const std::string& prefix = "");

/// One repetition of a resource or module: its key (Null, Number or String) and the values
/// of count.index / each.*.
struct TfRepetition {
  Value key;
  TfInstanceKeys keys;
};

struct TfRepetitions {
  std::vector<TfRepetition> items;
  bool keyed_by_count = false;
  bool keyed_by_each = false;
  /// Set when count/for_each is unknown: one unkeyed repetition stands for all.
  std::string unknown_reason;
};

/// Expands count / for_each of `body` (evaluated with `ev`, which has no instance keys).
TfRepetitions Repetitions(const HclBody& body, TfEvaluator& ev, const std::string& what);

/// `name[0]` / `name["key"]` for a repetition key.
std::string WithKey(const std::string& address, const Value& key);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_BODY_H_
