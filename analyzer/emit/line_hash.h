// GitHub code scanning's primaryLocationLineHash, computed as github/codeql-action does, so
// alerts survive edits elsewhere in the file and uploads through the API deduplicate too.
#ifndef IACLINT_EMIT_LINE_HASH_H_
#define IACLINT_EMIT_LINE_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iaclint {

/// One value per line (index 0 = line 1), e.g. "c129715d7a2bc9a3:1". The list has one more
/// entry than there are line breaks (the end of the file starts a line).
std::vector<std::string> GithubLineHashes(std::string_view text);

/// The same values unformatted: a SARIF file cites a few lines of large files, and one string
/// per line of every file was most of its cost.
struct LineHash {
  uint64_t hash = 0;
  uint32_t occurrence = 0;  ///< 1 for the first line with this hash, ...; 0: no value
};
std::vector<LineHash> GithubLineHashValues(std::string_view text);
/// "c129715d7a2bc9a3:1", or "" for occurrence 0.
std::string FormatLineHash(const LineHash& h);

}  // namespace iaclint

#endif  // IACLINT_EMIT_LINE_HASH_H_
