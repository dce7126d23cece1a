// Landing Zone Accelerator on AWS configuration (global-config.yaml, security-config.yaml,
// iam-config.yaml, organization-config.yaml, accounts-config.yaml, replacements-config.yaml)
// to canonical resources. Every file of one config directory shares a scope; a resource's id
// is the key path that declares it (reports.budgets[0]) and its location that key.
#ifndef IACLINT_ORGS_LZA_H_
#define IACLINT_ORGS_LZA_H_

#include <string>

#include "input/formats.h"

namespace iaclint {

/// True for the LZA config file names (the format is detected by name).
bool IsLzaConfigName(const std::string& path);

/// The format table's claims_text / process_text for LZA files: they are rendered with their
/// {{ }} placeholders before the YAML is parsed, as LZA does.
bool ClaimsLzaText(const DocumentInput& in);
void ProcessLzaText(const DocumentInput& in, Fragment& out);

/// The scope shared by the LZA files of one directory.
std::string LzaScope(const std::string& reported_path);

}  // namespace iaclint

#endif  // IACLINT_ORGS_LZA_H_
