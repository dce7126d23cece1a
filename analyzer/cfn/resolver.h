// Intrinsic-function resolution for one CloudFormation template (internal to cfn/).
#ifndef IACLINT_CFN_RESOLVER_H_
#define IACLINT_CFN_RESOLVER_H_

#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include "cfn/template.h"

namespace iaclint {

/// A three-valued condition: true, false or unknown (with the reason).
struct CondValue {
  enum State { kFalse, kTrue, kUnknown } state = kUnknown;
  std::string reason;
  bool assumed_default = false;
};

class CfnResolver {
 public:
  CfnResolver(const Value& root, FileId file, std::string scope, const CfnOptions& options,
              Fragment& out);

  /// Resolves every intrinsic function inside `v`.
  Value Resolve(const Value& v) { return ResolveAt(v, 0, false); }
  /// Evaluates a named condition of the template.
  CondValue Condition(const std::string& name);
  bool IsResource(const std::string& id) const { return resources_.count(id) != 0; }
  const std::string& scope() const { return scope_; }

 private:
  Value ResolveAt(const Value& v, size_t depth, bool ignore_tag);
  Value Call(const std::string& fn, const Value& arg, const Location& loc, size_t depth);
  Value RefTo(const std::string& name, const Location& loc);
  Value GetAtt(const Value& arg, const Location& loc, size_t depth);
  Value Sub(const Value& arg, const Location& loc, size_t depth);
  Value Join(const Value& arg, const Location& loc, size_t depth);
  Value Select(const Value& arg, const Location& loc, size_t depth);
  Value Split(const Value& arg, const Location& loc, size_t depth);
  Value FindInMap(const Value& arg, const Location& loc, size_t depth);
  Value If(const Value& arg, const Location& loc, size_t depth);
  Value ParameterValue(const std::string& name, const Location& loc);
  Value Unresolved(const std::string& name, const Location& loc, const std::string& what);
  /// An Unknown for a value cut short by a limit, reported once per limit and template.
  Value OverLimit(const std::string& limit, const std::string& what, const std::string& category,
                  const Location& loc);

  CondValue EvalCondition(const Value& expr, size_t depth);
  CondValue Equals(const Value& arg, size_t depth);

  const Value& root_;
  FileId file_;
  std::string scope_;
  const CfnOptions& options_;
  Fragment& out_;
  const Value* parameters_ = nullptr;
  const Value* conditions_ = nullptr;
  const Value* mappings_ = nullptr;
  std::set<std::string> resources_;
  std::unordered_map<std::string, CondValue> condition_cache_;
  std::set<std::string> conditions_in_progress_;
  std::set<std::string> parameters_in_progress_;
  std::set<std::string> reported_limits_;
  std::set<std::string> reported_unresolved_;
};

/// Name of the intrinsic function a value calls ("Ref", "Fn::Sub", ...), or "" when it is
/// plain data. Short-form YAML tags and long-form single-key maps are both recognised.
std::string IntrinsicName(const Value& v);

}  // namespace iaclint

#endif  // IACLINT_CFN_RESOLVER_H_
