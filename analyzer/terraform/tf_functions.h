// Terraform's built-in functions that can be evaluated offline and cheaply.
#ifndef IACLINT_TERRAFORM_TF_FUNCTIONS_H_
#define IACLINT_TERRAFORM_TF_FUNCTIONS_H_

#include <string_view>
#include <vector>

#include "model/value.h"

namespace iaclint {

/// Calls `name` on evaluated arguments. Functions that read files, the clock or randomness,
/// and functions iaclint does not implement, give Value::Unknown("function 'x' is not
/// evaluated offline"). An unknown argument usually makes the result unknown with its reason;
/// merge, concat, jsonencode and the collection conversions keep unknown elements instead.
Value CallTfFunction(std::string_view name, std::vector<Value> args, const Location& loc);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_FUNCTIONS_H_
