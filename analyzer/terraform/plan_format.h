// The "tfplan" row of the format table: recognising plan JSON by its text and turning it
// into canonical resources through the Terraform mapping.
#ifndef IACLINT_TERRAFORM_PLAN_FORMAT_H_
#define IACLINT_TERRAFORM_PLAN_FORMAT_H_

#include <optional>
#include <string>
#include <string_view>

#include "input/formats.h"

namespace iaclint {

/// claims_text: a plan by its top-level keys (also UTF-16 with a byte-order mark, as
/// PowerShell's `>` writes it), or any text when --type tfplan is given.
bool ClaimsTerraformPlan(const DocumentInput& in);

/// process_text: reads the plan and maps it; problems become IAC0001 at their place.
void ProcessTerraformPlan(const DocumentInput& in, Fragment& out);

/// The UTF-8 text of a UTF-16 text with a byte-order mark; nullopt for other texts.
/// `limit` stops after that many input bytes (0 = all).
std::optional<std::string> DecodeUtf16(std::string_view text, size_t limit = 0);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_PLAN_FORMAT_H_
