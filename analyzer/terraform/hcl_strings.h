// Decoding of HCL string literals and heredocs (escapes, indentation), shared by the parser
// (block labels) and the evaluator (template chunks).
#ifndef IACLINT_TERRAFORM_HCL_STRINGS_H_
#define IACLINT_TERRAFORM_HCL_STRINGS_H_

#include <optional>
#include <string>
#include <string_view>

namespace iaclint {

/// Decodes a chunk of a quoted string: \n \r \t \" \\ \uNNNN \UNNNNNNNN, and the template
/// escapes $${ and %%{. Returns nullopt for an invalid escape (HCL rejects those).
std::optional<std::string> UnescapeQuoted(std::string_view raw);

/// Decodes a heredoc chunk: only $${ and %%{ are escapes there.
std::string UnescapeHeredoc(std::string_view raw);

/// Number of leading spaces/tabs that every non-blank line of a `<<-` heredoc shares.
size_t CommonIndent(std::string_view heredoc_body);

/// Removes up to `indent` leading spaces/tabs from each line start in `chunk`. `at_line_start`
/// says whether the chunk itself begins a line (it may follow an interpolation).
std::string StripIndent(std::string_view chunk, size_t indent, bool at_line_start);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_HCL_STRINGS_H_
