// Internal to the evaluator: the term and space-delimited forms on raw event text.
#ifndef IACLINT_PATTERN_TEXT_EVAL_H_
#define IACLINT_PATTERN_TEXT_EVAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "pattern/filter_pattern.h"

namespace iaclint {

bool TermsMatch(const std::vector<Term>& terms, std::string_view text);
bool DelimitedMatch(const std::vector<DelimitedField>& fields, std::string_view text);
/// The fields of a line: split at whitespace, "..." and [...] kept whole without delimiters.
std::vector<std::string> SplitDelimitedFields(std::string_view text);

}  // namespace iaclint

#endif  // IACLINT_PATTERN_TEXT_EVAL_H_
