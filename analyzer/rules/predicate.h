// The declarative logic of a rule: a tree of predicates read from the rule file.
//
//   {all: [P...]}  {any: [P...]}  {not: P}
//   {path: A.B, exists: true}  {path: A, equals: V}  {path: A, gte: $param}  ...
//   {path: A, some: P}  {path: A, every: P}
//   {path: S3BucketName, ref: {type: AWS::S3::Bucket, then: P}}
//   {any_resource: {type: AWS::CloudTrail::Trail, where: P}}
//   {referenced_by: {type: AWS::CE::AnomalySubscription, path: MonitorArnList.*, where: P}}
//
// Every predicate may also carry `explain:` (the reason shown when it fails; placeholders
// allowed) and `evidence:` (the evidence level a passing branch provides).
#ifndef IACLINT_RULES_PREDICATE_H_
#define IACLINT_RULES_PREDICATE_H_

#include <string>
#include <vector>

#include "base/result.h"
#include "model/value.h"

namespace iaclint {

struct Predicate {
  std::string op;
  std::vector<std::string> path;  ///< property path segments ("*" = every list element)
  Value arg;                      ///< the operator's argument as written
  std::vector<Predicate> children;
  std::vector<std::string> types;  ///< for ref / any_resource / referenced_by
  std::vector<std::string> link_path;  ///< referenced_by: the path on the referring resource
  std::string explain;
  std::string evidence;
  Location loc;  ///< where it is written in the rule file

  std::string PathText() const;
};

/// Reads a predicate from its YAML form; errors point into the rule file.
Result<Predicate> ParsePredicate(const Value& v);

/// Splits "A.B.*.C" into segments.
std::vector<std::string> SplitPath(const std::string& path);

}  // namespace iaclint

#endif  // IACLINT_RULES_PREDICATE_H_
