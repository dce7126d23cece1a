// Evaluates HCL expressions to Values with what is known offline. Whatever depends on
// something unknowable (an unset variable, a resource attribute known only after apply, a
// function that reads files) becomes Value::Unknown with the reason.
#ifndef IACLINT_TERRAFORM_TF_EVAL_H_
#define IACLINT_TERRAFORM_TF_EVAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/value.h"
#include "terraform/hcl_ast.h"

namespace iaclint {

/// Marks a map as the object of a Terraform resource or data source instance: attributes it
/// lacks are known only after apply (tag "tf-resource:ADDR") or come from the data source
/// (tag "tf-data:ADDR"). Set with Value::set_tag.
inline constexpr std::string_view kResourceTag = "tf-resource:";
inline constexpr std::string_view kDataTag = "tf-data:";

/// Shared by the evaluators of one load: bounds recursion and the size of produced values,
/// so hostile configurations (deep chains, locals that double in size) stay cheap.
struct TfEvalBudget {
  size_t depth = 0;
  size_t max_depth = 1500;
  /// Where the outermost evaluation started, and how much stack nested evaluations may use
  /// below it: frame sizes vary by build (sanitizers make them several times larger).
  uintptr_t stack_base = 0;
  size_t max_stack_bytes = 2u << 20;
  size_t units = 0;                  ///< values and string bytes / 64 copied out of memoised names
  size_t max_units = 50'000'000;     ///< for the whole load
  size_t max_value_units = 250'000;  ///< for one value
};

/// Resolves the names a module defines (var, local, resources, data, module, path, ...).
class TfScope {
 public:
  virtual ~TfScope() = default;
  /// `root` is the first name of a traversal and `names` the attribute names written after
  /// it, up to the first index. Sets *used to how many names were consumed. nullopt when the
  /// root is not a name of the module.
  virtual std::optional<Value> Resolve(std::string_view root,
                                       const std::vector<std::string_view>& names, size_t* used,
                                       const Location& loc) = 0;
  virtual TfEvalBudget& budget() = 0;
};

/// count.index / each.key / each.value of the instance being evaluated.
struct TfInstanceKeys {
  std::optional<Value> count_index;
  std::optional<Value> each_key;
  std::optional<Value> each_value;
  std::string unknown_reason;  ///< set when count/for_each is unknown
};

class TfEvaluator {
 public:
  TfEvaluator(TfScope& scope, const TfInstanceKeys& keys) : scope_(scope), keys_(keys) {}

  Value Eval(const HclExpr& e);
  /// Binds a local name (a dynamic block's iterator) for the following evaluations.
  void Bind(std::string_view name, Value v) { names_.emplace_back(name, std::move(v)); }
  void Unbind() { names_.pop_back(); }

 private:
  Value EvalNode(const HclExpr& e);
  Value Template(const HclExpr& e);
  bool AppendTemplate(const HclExpr& e, std::string& out, Value& unknown);
  Value Object(const HclExpr& e);
  Value Tuple(const HclExpr& e);
  Value Traversal(const HclExpr& e);
  Value Root(const HclExpr& root, const std::vector<const HclExpr*>& steps, size_t* used);
  Value Step(Value base, const HclExpr& step);
  Value Splat(const HclExpr& e);
  Value Call(const HclExpr& e);
  Value Conditional(const HclExpr& e);
  Value Unary(const HclExpr& e);
  Value Binary(const HclExpr& e);
  Value For(const HclExpr& e);
  const Value* Lookup(std::string_view name) const;

  TfScope& scope_;
  const TfInstanceKeys& keys_;
  std::vector<std::pair<std::string_view, Value>> names_;
  std::vector<const Value*> splat_items_;
};

/// Attribute access with Terraform's rules for resource objects (see kResourceTag).
Value GetAttribute(const Value& base, std::string_view name, const Location& loc);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_EVAL_H_
