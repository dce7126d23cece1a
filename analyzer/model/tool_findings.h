// The tool's own findings (IAC00nn): parse errors, unsupported input, suppression and
// attestation problems, unresolved references.
#ifndef IACLINT_MODEL_TOOL_FINDINGS_H_
#define IACLINT_MODEL_TOOL_FINDINGS_H_

#include <string>

#include "model/finding.h"

namespace iaclint {

inline constexpr const char* kParseError = "IAC0001";
inline constexpr const char* kUnsupportedInput = "IAC0002";
inline constexpr const char* kSuppressionWithoutReason = "IAC0003";
inline constexpr const char* kSuppressionExpired = "IAC0004";
inline constexpr const char* kAttestationInvalid = "IAC0005";
inline constexpr const char* kUnresolvedReference = "IAC0006";

/// A tool finding with the severity and name the catalog gives its id.
Finding ToolFinding(const std::string& rule_id, std::string message, const Location& where,
                    std::string resource = "");

}  // namespace iaclint

#endif  // IACLINT_MODEL_TOOL_FINDINGS_H_
