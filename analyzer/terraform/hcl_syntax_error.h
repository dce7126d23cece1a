// Finds where tree-sitter first had to recover from a syntax error, for a precise message.
#ifndef IACLINT_TERRAFORM_HCL_SYNTAX_ERROR_H_
#define IACLINT_TERRAFORM_HCL_SYNTAX_ERROR_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace iaclint {

struct HclSyntaxErrorSpot {
  size_t offset = 0;    ///< byte offset of the offending token in the parsed text
  std::string message;  ///< "unexpected ..." (no position)
  /// The parser really started error recovery (false: it finished or timed out without it).
  bool confirmed = false;
};

/// Re-parses `text` with tree-sitter's logger on and reports the token at which the parser
/// first had to start error recovery (what HCL itself would reject). Used only for texts
/// already known to be invalid, so the logging cost is paid on the error path alone.
/// `max_seconds` bounds the re-parse; on timeout the spot falls back to `fallback_offset`.
HclSyntaxErrorSpot LocateSyntaxError(std::string_view text, size_t fallback_offset,
                                     double max_seconds);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_HCL_SYNTAX_ERROR_H_
