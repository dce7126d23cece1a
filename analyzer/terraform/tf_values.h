// Operations on Values with Terraform's semantics, shared by the evaluator and the functions.
#ifndef IACLINT_TERRAFORM_TF_VALUES_H_
#define IACLINT_TERRAFORM_TF_VALUES_H_

#include <optional>
#include <string>

#include "model/json_text.h"
#include "model/value.h"

namespace iaclint {

/// The first Unknown or Choice inside `v` (depth first), or nullptr when `v` is fully known.
const Value* FirstUnknown(const Value& v);
inline bool IsKnown(const Value& v) { return FirstUnknown(v) == nullptr; }

/// An Unknown that carries the reason of `cause` (an Unknown, or a Choice), placed at `loc`.
Value UnknownFrom(const Value& cause, const Location& loc);

/// Terraform's string conversion: strings as they are, numbers and bools as text, and an
/// encoded JSON document (a kEmbeddedJson map/list) as its JSON text. nullopt otherwise.
std::optional<std::string> ToText(const Value& v);


/// jsonencode(): compact, object keys sorted, <, > and & escaped as Go does. `v` must be known.
std::string JsonEncode(const Value& v);

/// Deep equality as Terraform's == (numbers by value; a string never equals a number).
bool ValuesEqual(const Value& a, const Value& b);

/// Copies `v` placed at `loc` (the members keep their own locations).
Value At(Value v, const Location& loc);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_VALUES_H_
