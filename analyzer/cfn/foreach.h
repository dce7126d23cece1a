// Fn::ForEach (the AWS::LanguageExtensions transform): loops in the Resources, Outputs and
// Conditions sections that CloudFormation expands before anything else runs.
#ifndef IACLINT_CFN_FOREACH_H_
#define IACLINT_CFN_FOREACH_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/value.h"

namespace iaclint {

/// Resolves a loop's collection to its items' text, or nullopt when it is not known offline
/// (a parameter without default, an import, ...).
using ForEachCollection = std::function<std::optional<std::vector<std::string>>(const Value&)>;

/// A problem with a loop, reported at `where`.
struct ForEachProblem {
  std::string message;
  Location where;
};

/// True when a section (Resources, Outputs, Conditions) holds an Fn::ForEach::Name key.
bool HasForEach(const Value& section);

/// Returns `section` with every Fn::ForEach::Name entry replaced by one entry per item of its
/// collection, nested loops included: `${Id}` and `&{Id}` (the item without its
/// non-alphanumeric characters) are substituted in keys and strings, and `Ref: Id` becomes the
/// item. When the collection is unknown, the fragment is kept once with the identifier
/// unresolved and its key is added to `uncertain` (it may exist zero or more times).
Value ExpandForEach(const Value& section, const ForEachCollection& collection,
                    std::vector<std::string>& uncertain, std::vector<ForEachProblem>& problems);

}  // namespace iaclint

#endif  // IACLINT_CFN_FOREACH_H_
