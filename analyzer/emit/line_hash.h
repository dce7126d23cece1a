// GitHub code scanning's primaryLocationLineHash, computed as github/codeql-action does, so
// alerts survive edits elsewhere in the file and uploads through the API deduplicate too.
#ifndef IACLINT_EMIT_LINE_HASH_H_
#define IACLINT_EMIT_LINE_HASH_H_

#include <string>
#include <string_view>
#include <vector>

namespace iaclint {

/// One value per line (index 0 = line 1), e.g. "c129715d7a2bc9a3:1". The list has one more
/// entry than there are line breaks (the end of the file starts a line).
std::vector<std::string> GithubLineHashes(std::string_view text);

}  // namespace iaclint

#endif  // IACLINT_EMIT_LINE_HASH_H_
