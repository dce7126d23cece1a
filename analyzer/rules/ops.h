// The operator table. A rule file may use any operator listed here; a new operator is one
// row plus its function (and a unit test).
#ifndef IACLINT_RULES_OPS_H_
#define IACLINT_RULES_OPS_H_

#include <string_view>
#include <vector>

#include "rules/eval.h"

namespace iaclint {

enum class ArgKind {
  kValue,       ///< a literal (or $param): equals, gte, ...
  kPredicate,   ///< one predicate: not, some, every
  kPredicates,  ///< a list of predicates: all, any
  kLink,        ///< {type(s), then/where, path}: ref, any_resource, referenced_by
};

using OpFunction = Outcome (*)(const Predicate& p, const Subject& s, EvalContext& ctx);
/// Makes the whole-model analysis an operator reads from ctx.memo (the alarm chain of
/// control 09).
using OpPrepare = void (*)(EvalContext& ctx);

struct OpSpec {
  std::string_view name;
  ArgKind arg;
  OpFunction fn;
  std::string_view summary;  ///< for rulesets/README.md
  /// With several threads the engine runs this beside the first rules, so that the rules
  /// needing it do not all wait for the first of them to make it. nullptr for most operators.
  OpPrepare prepare = nullptr;
};

const std::vector<OpSpec>& Operators();
const OpSpec* FindOperator(std::string_view name);

}  // namespace iaclint

#endif  // IACLINT_RULES_OPS_H_
